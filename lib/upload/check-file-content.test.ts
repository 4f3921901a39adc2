import { describe, expect, it } from "vitest";
import { checkFileContent, checkFileSize, checkPastedText, formatBytes } from "./check-file-content";

const enc = (s: string) => new TextEncoder().encode(s);

describe("checkFileContent", () => {
  it("accepts UTF-8 text and returns it decoded", () => {
    const r = checkFileContent({ bytes: enc("services:\n  web:\n    image: café:1\n"), maxBytes: 1024 });
    expect(r).toEqual({ ok: true, content: "services:\n  web:\n    image: café:1\n", size: 36 });
  });

  it("drops a leading byte-order mark", () => {
    const r = checkFileContent({ bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...enc("A=1\n")]), maxBytes: 1024 });
    expect(r.ok && r.content).toBe("A=1\n");
  });

  it("refuses a file larger than the server limit, naming both sizes", () => {
    const r = checkFileContent({ bytes: new Uint8Array(3 * 1024 * 1024).fill(65), maxBytes: 2 * 1024 * 1024 });
    expect(r).toMatchObject({ ok: false, code: "TOO_LARGE", size: 3 * 1024 * 1024 });
    expect(!r.ok && r.message).toBe("File too large: 3 MB, the limit is 2 MB.");
  });

  it("accepts a file of exactly the limit", () => {
    expect(checkFileContent({ bytes: new Uint8Array(2048).fill(65), maxBytes: 2048 }).ok).toBe(true);
  });

  it("refuses a file with a NUL byte as binary", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(checkFileContent({ bytes: png, maxBytes: 1024 })).toMatchObject({ ok: false, code: "BINARY" });
  });

  it("refuses text that is mostly control characters as binary", () => {
    const bytes = new Uint8Array(100).map((_, i) => (i % 3 === 0 ? 1 : 65));
    expect(checkFileContent({ bytes, maxBytes: 1024 })).toMatchObject({ ok: false, code: "BINARY" });
  });

  it("refuses Latin-1 text that is not valid UTF-8", () => {
    const latin1 = new Uint8Array([...enc("NAME=caf"), 0xe9, 0x0a]);
    expect(checkFileContent({ bytes: latin1, maxBytes: 1024 })).toMatchObject({ ok: false, code: "NOT_UTF8" });
  });

  it("accepts an empty file (the loader reports it)", () => {
    expect(checkFileContent({ bytes: new Uint8Array(0), maxBytes: 1024 })).toEqual({ ok: true, content: "", size: 0 });
  });
});

describe("checkFileSize", () => {
  it("refuses a size over the limit without the bytes", () => {
    expect(checkFileSize({ size: 5000, maxBytes: 4096 })).toMatchObject({ ok: false, code: "TOO_LARGE", message: "File too large: 4.9 KB, the limit is 4 KB." });
    expect(checkFileSize({ size: 4096, maxBytes: 4096 })).toBeNull();
  });
});

describe("checkPastedText", () => {
  it("measures pasted text in UTF-8 bytes", () => {
    const r = checkPastedText({ text: "é".repeat(600), maxBytes: 1024 });
    expect(r).toMatchObject({ ok: false, code: "TOO_LARGE", size: 1200 });
  });
});

describe("formatBytes", () => {
  it("uses bytes, KB and MB", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(2 * 1024 * 1024)).toBe("2 MB");
  });
});
