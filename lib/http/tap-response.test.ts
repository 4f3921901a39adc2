import { createServer, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import type { CapturedPage } from "./page-cache";
import { tapResponse } from "./tap-response";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** Serves one response with `respond` behind a tap; resolves with what the tap saw once it is done. */
async function tapped(respond: (res: ServerResponse) => void, { maxBytes = 1 << 20, abort = false } = {}): Promise<CapturedPage | null> {
  let seen!: (p: CapturedPage | null) => void;
  const result = new Promise<CapturedPage | null>((r) => (seen = r));
  server = createServer((_req, res) => {
    tapResponse(res, { maxBytes, onDone: seen });
    respond(res);
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const req = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (res) => {
    if (abort) {
      res.once("data", () => req.destroy());
    } else res.resume();
  });
  req.on("error", () => undefined);
  req.end();
  return result;
}

describe("tapResponse", () => {
  it("copies status, headers and body written in pieces (strings and buffers)", async () => {
    const page = await tapped((res) => {
      res.setHeader("content-type", "text/html");
      res.write("<html>");
      res.write(Buffer.from("é"));
      res.end("</html>", "utf8");
    });
    expect(page?.statusCode).toBe(200);
    expect(page?.headers["content-type"]).toBe("text/html");
    expect(page?.body.toString()).toBe("<html>é</html>");
  });

  it("decodes a gzip or brotli body the handler compressed", async () => {
    const gz = await tapped((res) => {
      res.writeHead(200, { "content-encoding": "gzip" });
      res.end(gzipSync("hello gzip"));
    });
    expect(gz?.body.toString()).toBe("hello gzip");
    const br = await tapped((res) => {
      res.setHeader("content-encoding", "br");
      res.end(brotliCompressSync("hello br"));
    });
    expect(br?.body.toString()).toBe("hello br");
  });

  it("gives nothing for a body over maxBytes, an unknown encoding, or a response the client left", async () => {
    expect(await tapped((res) => res.end("x".repeat(101)), { maxBytes: 100 })).toBeNull();
    expect(await tapped((res) => res.writeHead(200, { "content-encoding": "zstd" }).end("x"))).toBeNull();
    const left = await tapped(
      (res) => {
        res.write("first");
        setTimeout(() => res.end("late"), 300);
      },
      { abort: true },
    );
    expect(left).toBeNull();
  });

  it("reports a non-200 status as it was sent", async () => {
    expect((await tapped((res) => res.writeHead(404).end("no")))?.statusCode).toBe(404);
  });
});
