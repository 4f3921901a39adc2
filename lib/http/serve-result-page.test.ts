import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { pageCapabilityOf, readPageKey } from "@/lib/review/page-capability";
import { fp, openTestDatabase, seedComparison, type SeededComparison } from "@/lib/review/testing/review-db";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/content-security-policy";
import { readPageStateHead, readResultPageState } from "@/lib/view/read-result-page-state";
import { PageCache } from "./page-cache";
import { openRenderReports, RENDER_TOKEN_HEADER, reportRender } from "./render-report";
import { acceptsGzip, pageCacheKey, resultPageId, serveResultPage } from "./serve-result-page";

let db: Database;
let server: Server;
let base = "";
let cache: PageCache;
let renders = 0;
let falls = 0;
/** what the fake render reads its state as (a change between the cache's read and the render's) */
let renderDigest: ((digest: string) => string) | null = null;

/**
 * Stands in for Next: renders a page from the same state (status of each finding,
 * capability), puts the request's nonce in its CSP header and HTML, gzips for
 * clients that accept it, answers 404/410 like the real page, and reports what it
 * rendered under the render token, as app/c/[id]/page.tsx does.
 */
async function fakeNext(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://x");
  const id = url.pathname.slice(3);
  const state = await readResultPageState({ db, id });
  const verdict = pageCapabilityOf({ row: readPageStateHead(state.raw).comparison, key: readPageKey(url.searchParams.getAll("key")) });
  if (!req.headers[RENDER_TOKEN_HEADER]) falls++;
  if (verdict.kind !== "ok") {
    res.writeHead(verdict.kind === "gone" ? 410 : 404, { "content-type": "text/plain" });
    res.end(verdict.kind);
    return;
  }
  renders++;
  reportRender(req.headers[RENDER_TOKEN_HEADER] as string | undefined, { digest: renderDigest ? renderDigest(state.digest) : state.digest, capability: verdict.capability });
  const nonce = createNonce();
  const findings = (state.raw as { findings: { fingerprint: string; status: string }[] }).findings;
  const html = `<html><script nonce="${nonce}"></script><h1>${verdict.capability}</h1>${findings.map((f) => `<p>${f.fingerprint} ${f.status}</p>`).join("")}${"<i>pad</i>".repeat(500)}<script nonce="${nonce}"></script></html>`;
  res.setHeader("content-security-policy", buildContentSecurityPolicy({ nonce }));
  res.setHeader("content-type", "text/html; charset=utf-8");
  if (acceptsGzip(req.headers["accept-encoding"])) {
    res.setHeader("content-encoding", "gzip");
    res.end(gzipSync(html));
  } else {
    res.write(html.slice(0, 100));
    res.end(html.slice(100));
  }
}

beforeAll(async () => {
  db = await openTestDatabase();
  cache = new PageCache(1024 * 1024);
  server = createServer((req, res) => {
    delete req.headers[RENDER_TOKEN_HEADER];
    const id = resultPageId(req);
    const done = id ? serveResultPage({ req, res, id, cache, handle: fakeNext, clientClass: () => "browser", db }) : fakeNext(req, res);
    done.catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db?.close();
});

/** a GET as sent, body as received (fetch would decode gzip itself) */
async function get(p: string, headers: Record<string, string> = {}) {
  const res = await new Promise<IncomingMessage>((resolve, reject) => request(`${base}${p}`, { headers: { "accept-encoding": "identity", ...headers } }, resolve).on("error", reject).end());
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const header = (name: string) => (res.headers[name] as string | undefined) ?? null;
  const html = (header("content-encoding") === "gzip" ? gunzipSync(raw) : raw).toString();
  const nonce = /'nonce-([^']+)'/.exec(header("content-security-policy") ?? "")?.[1];
  return { status: res.statusCode, cache: header("x-cache"), encoding: header("content-encoding"), html, nonce, normal: nonce ? html.replaceAll(nonce, "NONCE") : html };
}

async function seeded(): Promise<SeededComparison> {
  return seedComparison({ prisma: db.prisma, revisions: [[{ fingerprint: fp("a") }, { fingerprint: fp("b") }]] });
}

describe("serveResultPage", () => {
  it("renders once, then replays the page with a fresh nonce (identity and gzip)", async () => {
    const c = await seeded();
    const before = renders;
    const first = await get(`/c/${c.id}`);
    const second = await get(`/c/${c.id}`);
    const third = await get(`/c/${c.id}`, { "accept-encoding": "gzip, deflate, br" });
    expect([first.cache, second.cache, third.cache]).toEqual(["miss", "hit", "hit"]);
    expect(renders - before).toBe(1);
    expect(third.encoding).toBe("gzip");
    expect(second.encoding).toBeNull();
    for (const r of [first, second, third]) {
      expect(r.status).toBe(200);
      expect(r.nonce).toBeTruthy();
      expect(r.html).toContain(`nonce="${r.nonce}"`);
      expect(r.normal).toBe(first.normal);
    }
    expect(new Set([first.nonce, second.nonce, third.nonce]).size).toBe(3);
    expect(openRenderReports()).toBe(0);
  });

  it("renders again once the state changed, and replays the new page", async () => {
    const c = await seeded();
    await get(`/c/${c.id}`);
    expect((await get(`/c/${c.id}`)).cache).toBe("hit");
    const rev = await db.prisma.revision.findFirstOrThrow({ where: { comparisonId: c.id } });
    await db.prisma.finding.updateMany({ where: { revisionId: rev.id, fingerprint: fp("a") }, data: { status: "accepted_risk", version: 1 } });
    const changed = await get(`/c/${c.id}`);
    expect(changed.cache).toBe("miss");
    expect(changed.html).toContain(`${fp("a")} accepted_risk`);
    expect((await get(`/c/${c.id}`)).cache).toBe("hit");
  });

  it("never replays to a link that stopped working: Next answers it", async () => {
    const c = await seeded();
    await get(`/c/${c.id}`);
    await get(`/c/${c.id}?key=${c.reviewKey}`);
    expect((await get(`/c/${c.id}`)).cache).toBe("hit");
    await db.prisma.comparison.update({ where: { id: c.id }, data: { viewRevokedAt: new Date() } });
    const revoked = await get(`/c/${c.id}`);
    expect([revoked.status, revoked.cache]).toEqual([410, null]);
    // the review link still works (its own page, rendered again: the state changed)
    expect(await get(`/c/${c.id}?key=${c.reviewKey}`)).toMatchObject({ status: 200, cache: "miss" });
    await db.prisma.comparison.update({ where: { id: c.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await get(`/c/${c.id}?key=${c.reviewKey}`)).toMatchObject({ status: 410, cache: null });
    // the owner token sees an expired comparison's page from Next (it says so), never from the cache
    expect(await get(`/c/${c.id}?key=${c.ownerToken}`)).toMatchObject({ status: 200, cache: null });
    expect(await get(`/c/no-such-id`)).toMatchObject({ status: 404, cache: null });
  });

  it("keeps the view link's page and the review link's page apart", async () => {
    const c = await seeded();
    const view = await get(`/c/${c.id}`);
    const review = await get(`/c/${c.id}?key=${c.reviewKey}`);
    expect([view.cache, review.cache]).toEqual(["miss", "miss"]);
    expect((await get(`/c/${c.id}`)).html).toContain("<h1>view</h1>");
    const again = await get(`/c/${c.id}?key=${c.reviewKey}`);
    expect(again.cache).toBe("hit");
    expect(again.html).toContain("<h1>review</h1>");
    // a wrong key is its own URL: rendered, not the view link's page replayed
    expect((await get(`/c/${c.id}?key=wrong`)).cache).toBe("miss");
  });

  it("stores a render under the state it reported, not the state read before it", async () => {
    const c = await seeded();
    renderDigest = (d) => `${d}-changed-meanwhile`;
    try {
      expect((await get(`/c/${c.id}`)).cache).toBe("miss");
      expect((await get(`/c/${c.id}`)).cache).toBe("miss");
    } finally {
      renderDigest = null;
    }
    expect((await get(`/c/${c.id}`)).cache).toBe("miss");
    expect((await get(`/c/${c.id}`)).cache).toBe("hit");
  });

  it("answers router and prefetch requests through Next, never from the cache", async () => {
    const c = await seeded();
    await get(`/c/${c.id}`);
    const before = falls;
    expect((await get(`/c/${c.id}`, { rsc: "1" })).cache).toBeNull();
    expect((await get(`/c/${c.id}?_rsc=abc`)).cache).toBeNull();
    expect((await get(`/c/${c.id}`, { "next-router-prefetch": "1" })).cache).toBeNull();
    expect(falls - before).toBe(3);
  });
});

describe("resultPageId", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ method, url, headers });
  it("takes plain GETs of /c/<id> only", () => {
    expect(resultPageId(req("/c/abc_1-Z"))).toBe("abc_1-Z");
    expect(resultPageId(req("/c/abc?key=k&revision=2&severity=high"))).toBe("abc");
    for (const r of [
      req("/c/abc", {}, "HEAD"), req("/c/abc", {}, "POST"), req("/c/abc/"), req("/c/abc/raw"), req("/c/"), req("/"), req("/api/comparisons/abc"), req(`/c/${"a".repeat(65)}`),
      req("/c/abc?_rsc=1"), req("/c/abc", { rsc: "1" }), req("/c/abc", { "next-router-state-tree": "x" }), req("/c/abc", { "next-router-prefetch": "1" }),
      req("/c/abc", { "next-router-segment-prefetch": "/x" }), req("/c/abc", { "next-url": "/c/abc" }), req("/c/abc", { "next-action": "x" }),
      req("/c/abc", { purpose: "prefetch" }), req("/c/abc", { "sec-purpose": "prefetch;prerender" }), req("/c/abc", { range: "bytes=0-10" }),
      req("/c/abc", { cookie: "a=1; __prerender_bypass=x" }),
    ]) expect(resultPageId(r)).toBeNull();
    expect(resultPageId(req("/c/abc", { cookie: "theme=dark" }))).toBe("abc");
  });
});

describe("acceptsGzip", () => {
  it("reads Accept-Encoding", () => {
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("pageCacheKey", () => {
  it("differs when any input differs, and holds no input in the clear", () => {
    const k = { url: "/c/a?key=secret-key", clientClass: "browser", host: "h", forwardedHost: "", forwardedProto: "", capability: "review", digest: "d" };
    const key = pageCacheKey(k);
    expect(pageCacheKey({ ...k })).toBe(key);
    expect(key).not.toContain("secret");
    for (const field of Object.keys(k) as (keyof typeof k)[]) expect(pageCacheKey({ ...k, [field]: `${k[field]}x` })).not.toBe(key);
  });
});
