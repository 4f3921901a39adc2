/**
 * Rendered result pages kept in memory (server.ts, lib/http/serve-result-page.ts),
 * each stored under a key that hashes every input of its render, so it is replayed
 * only to a request whose every input is identical. A page is stored as its
 * headers and HTML split at its CSP nonce, and the HTML's parts compressed once
 * (lib/http/gzip-template.ts): a replay puts a fresh nonce everywhere the old one
 * stood (the CSP header and the HTML), identity or gzip.
 *
 * Bounded by bytes (PAGE_CACHE_MB; 0 turns it off), least recently used out first.
 */
import type { OutgoingHttpHeaders } from "node:http";
import { deflateParts, gzipWithFill } from "./gzip-template";

/** A response as a render answered it, body decoded (identity). */
export interface CapturedPage {
  statusCode: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface PageEntry {
  /** name and value split at the nonce (lowercase names, in the order sent) */
  headers: [string, string[]][];
  /** the HTML split at the nonce */
  parts: Buffer[];
  /** deflateParts(parts) */
  segments: Buffer[];
  bytes: number;
}

/** Hop-by-hop, per-response or per-encoding headers: never stored (a replay sets its own). */
const NOT_STORED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "etag", "last-modified", "x-cache"]);

/** The nonce of a Content-Security-Policy (`'nonce-…'`), if it has one. */
export function nonceOfPolicy(policy: string): string | null {
  return /'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(policy)?.[1] ?? null;
}

function split(buf: Buffer, sep: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (let at = buf.indexOf(sep, from); at >= 0; at = buf.indexOf(sep, from)) {
    out.push(buf.subarray(from, at));
    from = at + sep.length;
  }
  out.push(buf.subarray(from));
  return out;
}

/**
 * The entry to store for a captured page, or null when it must not be replayed:
 * not a 200, sets a cookie, or has no nonce in a CSP header (nothing to refresh).
 */
export function toPageEntry(page: CapturedPage): PageEntry | null {
  if (page.statusCode !== 200 || page.headers["set-cookie"] !== undefined) return null;
  const policy = page.headers["content-security-policy"];
  const nonce = typeof policy === "string" ? nonceOfPolicy(policy) : null;
  if (!nonce) return null;
  const headers: [string, string[]][] = [];
  let bytes = 0;
  for (const [rawName, value] of Object.entries(page.headers)) {
    const name = rawName.toLowerCase();
    if (value === undefined || NOT_STORED.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [String(value)]) {
      headers.push([name, v.split(nonce)]);
      bytes += name.length + v.length;
    }
  }
  // a copy: the captured body may be a view of a larger buffer
  const parts = split(Buffer.from(page.body), Buffer.from(nonce));
  const segments = deflateParts(parts);
  bytes += page.body.length + segments.reduce((n, s) => n + s.length, 0);
  return { headers, parts, segments, bytes };
}

/** The response for `entry` with `nonce` in place of the stored one; gzip-encoded when `gzip`. */
export function replayPageEntry(entry: PageEntry, nonce: string, gzip: boolean): { headers: Record<string, string | string[]>; chunks: Buffer[] } {
  const headers: Record<string, string | string[]> = {};
  for (const [name, pieces] of entry.headers) {
    const value = pieces.join(nonce);
    const had = headers[name];
    headers[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  const fill = Buffer.from(nonce);
  const chunks = gzip ? gzipWithFill(entry.parts, entry.segments, fill) : entry.parts.flatMap((p, i) => (i === 0 ? [p] : [fill, p]));
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = String(chunks.reduce((n, c) => n + c.length, 0));
  return { headers, chunks };
}

export class PageCache {
  private readonly entries = new Map<string, PageEntry>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get(key: string): PageEntry | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** Keeps `entry` unless it alone is larger than the whole cache. */
  set(key: string, entry: PageEntry): void {
    if (entry.bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
