import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { nonceOfPolicy, PageCache, replayPageEntry, toPageEntry, type CapturedPage } from "./page-cache";

const N = "AAAAAAAAAAAAAAAAAAAAAA==";
const page = (over: Partial<CapturedPage> = {}): CapturedPage => ({
  statusCode: 200,
  headers: {
    "content-security-policy": `script-src 'self' 'nonce-${N}'`,
    "content-type": "text/html; charset=utf-8",
    vary: "rsc, Accept-Encoding",
    "x-cache": "miss",
    "content-encoding": "gzip",
    date: "Mon, 23 Nov 2026 14:00:00 GMT",
    "set-cookie": undefined,
  },
  body: Buffer.from(`<html><script nonce="${N}">a</script><p>${"x".repeat(2000)}</p><script nonce="${N}">b</script></html>`),
  ...over,
});

describe("toPageEntry / replayPageEntry", () => {
  it("replays the page with a fresh nonce in the CSP header and the HTML, identity or gzip", () => {
    const entry = toPageEntry(page());
    if (!entry) throw new Error("not stored");
    const fresh = "BBBBBBBBBBBBBBBBBBBBBB+/";
    const plain = replayPageEntry(entry, fresh, false);
    const html = Buffer.concat(plain.chunks).toString();
    expect(html).toBe(page().body.toString().replaceAll(N, fresh));
    expect(html).not.toContain(N);
    expect(plain.headers["content-security-policy"]).toBe(`script-src 'self' 'nonce-${fresh}'`);
    expect(plain.headers["content-length"]).toBe(String(Buffer.byteLength(html)));
    expect(plain.headers["content-encoding"]).toBeUndefined();
    // per-response and per-encoding headers are not replayed
    expect(Object.keys(plain.headers).sort()).toEqual(["content-length", "content-security-policy", "content-type", "vary"]);
    const gz = replayPageEntry(entry, fresh, true);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const body = Buffer.concat(gz.chunks);
    expect(gz.headers["content-length"]).toBe(String(body.length));
    expect(gunzipSync(body).toString()).toBe(html);
  });

  it("keeps repeated headers", () => {
    const entry = toPageEntry(page({ headers: { ...page().headers, link: ["<a>; rel=preload", "<b>; rel=preload"] } }));
    expect(replayPageEntry(entry!, N, false).headers.link).toEqual(["<a>; rel=preload", "<b>; rel=preload"]);
  });

  it("stores only a 200 without cookies whose CSP has a nonce", () => {
    expect(toPageEntry(page({ statusCode: 404 }))).toBeNull();
    expect(toPageEntry(page({ statusCode: 410 }))).toBeNull();
    expect(toPageEntry(page({ headers: { ...page().headers, "set-cookie": ["a=b"] } }))).toBeNull();
    expect(toPageEntry(page({ headers: { "content-security-policy": "default-src 'none'" } }))).toBeNull();
    expect(toPageEntry(page({ headers: {} }))).toBeNull();
  });

  it("finds the nonce of a policy", () => {
    expect(nonceOfPolicy(`default-src 'self'; script-src 'self' 'nonce-${N}' 'strict-dynamic'`)).toBe(N);
    expect(nonceOfPolicy("default-src 'none'")).toBeNull();
  });
});

describe("PageCache", () => {
  const entry = (bytes: number) => ({ headers: [], parts: [], segments: [], bytes });

  it("keeps entries up to its size, least recently used out first", () => {
    const cache = new PageCache(100);
    cache.set("a", entry(40));
    cache.set("b", entry(40));
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("c", entry(40));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.size).toEqual({ entries: 2, bytes: 80 });
    cache.set("a", entry(10));
    expect(cache.size).toEqual({ entries: 2, bytes: 50 });
  });

  it("does not keep an entry larger than itself, and is off at 0", () => {
    const cache = new PageCache(100);
    cache.set("big", entry(101));
    expect(cache.get("big")).toBeUndefined();
    expect(new PageCache(0).enabled).toBe(false);
    expect(cache.enabled).toBe(true);
  });
});
