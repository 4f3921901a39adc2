/**
 * Reads a JSON request body with a byte limit enforced while streaming: a
 * Content-Length over the limit is refused before reading, and a chunked body
 * is cut off as soon as it passes the limit. Never reads more than `maxBytes + 1`
 * chunk's worth into memory.
 */
import type { IncomingMessage } from "node:http";
import { RequestError } from "./errors";

export interface ReadJsonBodyOptions {
  request: Request;
  maxBytes: number;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

const tooLarge = (maxBytes: number) => new RequestError("BODY_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`);

/** What can be refused before reading: the media type, a declared length over the limit. */
export function checkJsonBodyHeaders({ contentType, contentLength, maxBytes }: { contentType: string | null; contentLength: string | null; maxBytes: number }): void {
  if (!isJsonContentType(contentType)) {
    throw new RequestError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON (Content-Type: application/json).");
  }
  if (contentLength !== null && /^\d+$/.test(contentLength) && Number(contentLength) > maxBytes) throw tooLarge(maxBytes);
}

export async function readJsonBody({ request, maxBytes }: ReadJsonBodyOptions): Promise<unknown> {
  checkJsonBodyHeaders({ contentType: request.headers.get("content-type"), contentLength: request.headers.get("content-length"), maxBytes });

  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return parseJsonBytes(bytes);
}

/**
 * The same, from a Node request (server.ts serves some routes without Next). Over
 * the limit it throws at once; what the client still sends is dropped unread.
 */
export async function readNodeJsonBody({ req, maxBytes }: { req: IncomingMessage; maxBytes: number }): Promise<unknown> {
  const header = (name: string) => {
    const v = req.headers[name];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  };
  checkJsonBodyHeaders({ contentType: header("content-type"), contentLength: header("content-length"), maxBytes });
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (err: Error | null) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onAborted);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, total));
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        done(tooLarge(maxBytes));
        // the rest is read and dropped (nothing more is kept): a client still sending
        // gets the answer instead of a reset connection
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(null);
    const onError = (err: Error) => done(err);
    const onAborted = () => done(new Error("the client aborted the request"));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onAborted);
  });
  return parseJsonBytes(bytes);
}

/** A whole body's bytes as JSON: UTF-8, not empty, valid JSON, no lone surrogate. Never echoes the body. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new RequestError("INVALID_JSON", "The request body is not valid UTF-8.");
  }
  if (text.trim() === "") throw new RequestError("INVALID_JSON", "The request body is empty; send a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    // the parser's message quotes the body, which may hold secrets: not echoed
    throw new RequestError("INVALID_JSON", "The request body is not valid JSON.");
  }
  // `"\ud800"` is valid JSON but not Unicode text: the database (and every later step) cannot hold it
  // valid UTF-8 holds no surrogate: one can only come from a `\uD8xx`–`\uDFxx` escape, so most bodies need no walk
  if (SURROGATE_ESCAPE.test(text) && holdsLoneSurrogate(value)) {
    throw new RequestError("INVALID_JSON", "The request body holds a lone UTF-16 surrogate escape (\\uD800–\\uDFFF), which is not Unicode text.");
  }
  return value;
}

/** A JSON escape of a UTF-16 surrogate (paired or not). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** With the `u` flag a surrogate pair is one code point, so only unpaired halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function holdsLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (LONE_SURROGATE.test(v)) return true;
    } else if (Array.isArray(v)) {
      stack.push(...(v as unknown[]));
    } else if (v !== null && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}
