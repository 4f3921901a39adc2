import { describe, expect, it } from "vitest";
import { RequestError } from "./errors";
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { isJsonContentType, readJsonBody, readNodeJsonBody } from "./read-json-body";

function streamOf(chunks: string[], onPull?: () => void): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      onPull?.();
      const c = chunks[i++];
      if (c === undefined) controller.close();
      else controller.enqueue(enc.encode(c));
    },
  }, { highWaterMark: 0 });
}

function request(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }): Request {
  return new Request("http://x/api", { method: "POST", body, headers, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(RequestError);
  return (e as RequestError).code;
}

describe("readJsonBody", () => {
  it("parses a JSON body under the limit", async () => {
    expect(await readJsonBody({ request: request('{"a":[1,"é"]}'), maxBytes: 1024 })).toEqual({ a: [1, "é"] });
    expect(await readJsonBody({ request: request(streamOf(['{"a":', "2}"])), maxBytes: 1024 })).toEqual({ a: 2 });
  });

  it("accepts application/json with parameters and refuses other types (415)", async () => {
    expect(isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    expect(isJsonContentType("text/plain")).toBe(false);
    expect(isJsonContentType("application/jsonx")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
    expect(await codeOf(readJsonBody({ request: request("{}", { "content-type": "text/plain" }), maxBytes: 1024 }))).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await codeOf(readJsonBody({ request: request("{}", {}), maxBytes: 1024 }))).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses a declared Content-Length over the limit before reading (413)", async () => {
    let pulled = 0;
    const req = request(streamOf(["{}"], () => pulled++), { "content-type": "application/json", "content-length": "5000" });
    expect(await codeOf(readJsonBody({ request: req, maxBytes: 1024 }))).toBe("BODY_TOO_LARGE");
    expect(pulled).toBe(0);
  });

  it("stops reading a streamed body as soon as it passes the limit (413)", async () => {
    let pulled = 0;
    const chunks = Array.from({ length: 100 }, () => "x".repeat(100));
    expect(await codeOf(readJsonBody({ request: request(streamOf(chunks, () => pulled++)), maxBytes: 1024 }))).toBe("BODY_TOO_LARGE");
    expect(pulled).toBeLessThan(20);
  });

  it("counts bytes, not characters", async () => {
    const body = JSON.stringify({ s: "é".repeat(600) }); // 1208 bytes, 608 characters
    expect(await codeOf(readJsonBody({ request: request(body), maxBytes: 1024 }))).toBe("BODY_TOO_LARGE");
  });

  it("answers INVALID_JSON for broken JSON, an empty body and bytes that are not UTF-8, without echoing the body", async () => {
    const e = await readJsonBody({ request: request('{"SECRET_KEY": "s3cr3t-value'), maxBytes: 1024 }).catch((err: unknown) => err as RequestError);
    expect(e).toBeInstanceOf(RequestError);
    expect((e as RequestError).code).toBe("INVALID_JSON");
    expect((e as RequestError).message).not.toContain("s3cr3t");
    expect(await codeOf(readJsonBody({ request: request(""), maxBytes: 1024 }))).toBe("INVALID_JSON");
    expect(await codeOf(readJsonBody({ request: request(new Uint8Array([0x7b, 0xff, 0x7d])), maxBytes: 1024 }))).toBe("INVALID_JSON");
  });

  it("refuses a lone surrogate escape in a value or a key (valid JSON, not Unicode text), and keeps surrogate pairs", async () => {
    expect(await codeOf(readJsonBody({ request: request('{"a":[{"b":"x\\ud800y"}]}'), maxBytes: 1024 }))).toBe("INVALID_JSON");
    expect(await codeOf(readJsonBody({ request: request('{"\\udc00":1}'), maxBytes: 1024 }))).toBe("INVALID_JSON");
    expect(await readJsonBody({ request: request('{"a":"\\ud83d\\ude00 ok"}'), maxBytes: 1024 })).toEqual({ a: "😀 ok" });
    // upper-case escapes, and surrogate-like text that is no escape (an escaped backslash, then "ud800")
    expect(await codeOf(readJsonBody({ request: request('{"a":"\\uDBFF"}'), maxBytes: 1024 }))).toBe("INVALID_JSON");
    expect(await readJsonBody({ request: request('{"a":"\\\\ud800"}'), maxBytes: 1024 })).toEqual({ a: "\\ud800" });
    expect(await readJsonBody({ request: request('{"a":"\u{1F600}"}'), maxBytes: 1024 })).toEqual({ a: "😀" });
  });
});

/** A Node request: headers, and a body the test writes piece by piece. */
function nodeRequest(headers: Record<string, string> = { "content-type": "application/json" }): { req: IncomingMessage; body: PassThrough } {
  const body = new PassThrough();
  return { req: Object.assign(body, { headers }) as unknown as IncomingMessage, body };
}

describe("readNodeJsonBody", () => {
  it("parses a body sent in pieces, with the same checks as readJsonBody", async () => {
    const { req, body } = nodeRequest();
    const read = readNodeJsonBody({ req, maxBytes: 1024 });
    body.write('{"a":[1,');
    body.end('"é"]}');
    expect(await read).toEqual({ a: [1, "é"] });
    const wrongType = nodeRequest({ "content-type": "text/plain" });
    expect(await codeOf(readNodeJsonBody({ req: wrongType.req, maxBytes: 1024 }))).toBe("UNSUPPORTED_MEDIA_TYPE");
    const declared = nodeRequest({ "content-type": "application/json", "content-length": "2000" });
    expect(await codeOf(readNodeJsonBody({ req: declared.req, maxBytes: 1024 }))).toBe("BODY_TOO_LARGE");
    const surrogate = nodeRequest();
    const refused = readNodeJsonBody({ req: surrogate.req, maxBytes: 1024 });
    surrogate.body.end('{"a":"\\udc00"}');
    expect(await codeOf(refused)).toBe("INVALID_JSON");
  });

  it("refuses a body as soon as it passes the limit, keeping nothing more and dropping the rest unread", async () => {
    const { req, body } = nodeRequest();
    const read = readNodeJsonBody({ req, maxBytes: 1024 });
    body.write(`{"pad":"${"x".repeat(600)}`);
    body.write("x".repeat(600));
    expect(await codeOf(read)).toBe("BODY_TOO_LARGE");
    // the client may still be sending: it is read to the end, not left hanging
    const ended = new Promise((resolve) => body.once("end", resolve));
    for (let i = 0; i < 100; i++) body.write("x".repeat(1024));
    body.end('"}');
    await ended;
    expect(body.listenerCount("data")).toBe(0);
  });
});
