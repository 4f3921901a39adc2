import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateParts, gzipWithFill } from "./gzip-template";

const join = (parts: Buffer[], fill: Buffer) => Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [fill, p])));

describe("gzipWithFill", () => {
  it("decompresses to the parts joined by the fill, for any fill", () => {
    const page = Buffer.from(`<html><script nonce="N">x</script>${"<p>row</p>".repeat(5000)}<script nonce="N">y</script></html>`);
    const parts = page.toString().split("N").map((s) => Buffer.from(s));
    const segments = deflateParts(parts);
    for (const fill of ["abc+/==", randomBytes(16).toString("base64"), ""]) {
      const gz = Buffer.concat(gzipWithFill(parts, segments, Buffer.from(fill)));
      expect(gunzipSync(gz).toString()).toBe(page.toString().replaceAll("N", fill));
      expect(gz.length).toBeLessThan(page.length / 5);
    }
  });

  it("handles empty parts, a single part, and a fill longer than one stored block", () => {
    const fill = randomBytes(70_000);
    for (const parts of [[Buffer.alloc(0)], [Buffer.from("only")], [Buffer.alloc(0), Buffer.alloc(0)], [Buffer.from("a"), Buffer.alloc(0), Buffer.from("b")]]) {
      const gz = Buffer.concat(gzipWithFill(parts, deflateParts(parts), fill));
      expect(gunzipSync(gz).equals(join(parts, fill))).toBe(true);
    }
  });

  it("is a gzip file another implementation reads (gzip -t)", () => {
    const parts = [Buffer.from("<p>".repeat(1000)), Buffer.from("</p>".repeat(1000))];
    const gz = Buffer.concat(gzipWithFill(parts, deflateParts(parts), Buffer.from("nonce")));
    let out: Buffer;
    try {
      out = execFileSync("gzip", ["-dc"], { input: gz });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return; // no gzip binary here
      throw err;
    }
    expect(out.equals(join(parts, Buffer.from("nonce")))).toBe(true);
  });

  it("refuses segments that do not match the parts", () => {
    expect(() => gzipWithFill([Buffer.from("a")], [], Buffer.from("x"))).toThrow();
  });
});
