/**
 * Copies what a handler (Next) writes to a Node response, for the result-page
 * cache (lib/http/serve-result-page.ts): the status, the headers and the body,
 * decoded when the handler compressed it (Next gzips for clients that accept it).
 * `onDone` gets the page once the response finished completely, or null (the
 * client went away, the body was larger than `maxBytes`, an encoding it cannot read).
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { CapturedPage } from "./page-cache";

type Chunk = string | Uint8Array;

function toBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return null;
}

function decode(encoding: string, body: Buffer): Buffer | null {
  switch (encoding.trim().toLowerCase()) {
    case "":
    case "identity":
      return body;
    case "gzip":
    case "x-gzip":
      return gunzipSync(body);
    case "deflate":
      return inflateSync(body);
    case "br":
      return brotliDecompressSync(body);
    default:
      return null;
  }
}

export function tapResponse(res: ServerResponse, { maxBytes, onDone }: { maxBytes: number; onDone: (page: CapturedPage | null) => void }): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let done = false;
  const finish = (page: CapturedPage | null) => {
    if (done) return;
    done = true;
    chunks.length = 0;
    onDone(page);
  };
  const keep = (chunk: unknown, encoding: unknown) => {
    if (overflow || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buf = toBuffer(chunk, encoding);
    if (!buf) {
      overflow = true;
      return;
    }
    size += buf.length;
    if (size > maxBytes) {
      overflow = true;
      chunks.length = 0;
      return;
    }
    chunks.push(buf);
  };
  // headers handed to writeHead directly are not all kept where getHeaders() finds them
  const direct: OutgoingHttpHeaders = {};
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const given = rest.find((a) => a !== null && typeof a === "object");
    if (Array.isArray(given)) {
      const pairs = given.every((x) => Array.isArray(x)) ? (given as [string, string][]) : given.flatMap((x, i) => (i % 2 === 0 ? [[x, given[i + 1]]] : []));
      for (const [k, v] of pairs as [unknown, unknown][]) direct[String(k).toLowerCase()] = v as string;
    } else if (given) {
      for (const [k, v] of Object.entries(given as OutgoingHttpHeaders)) direct[k.toLowerCase()] = v;
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
  } as typeof res.writeHead;
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;
  res.once("finish", () => {
    if (overflow) return finish(null);
    try {
      const headers = { ...res.getHeaders(), ...direct };
      const encoding = headers["content-encoding"];
      const body = decode(typeof encoding === "string" ? encoding : "", Buffer.concat(chunks));
      finish(body ? { statusCode: res.statusCode, headers, body } : null);
    } catch {
      finish(null);
    }
  });
  res.once("close", () => finish(null));
}
