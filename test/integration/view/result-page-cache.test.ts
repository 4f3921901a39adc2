/**
 * The rendered-page cache of GET /c/<id> (lib/http/serve-result-page.ts) over HTTP
 * against the built server, on PGlite or PostgreSQL (TEST_DB): a second identical
 * view is replayed (x-cache: hit), every change the page shows is on the next
 * view, a link that stopped working never gets a stored page, each response has
 * its own nonce in its CSP header and its HTML, RSC requests go to Next, gzip and
 * identity carry the same page, and PAGE_CACHE_MB=0 serves as before.
 */
import { request, type IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";
import { withAppServer } from "../helpers/app";
import { SMALL_PROD_COMPOSE, smallPairUpload } from "../helpers/small-pair";
import { startServer, type RunningServer } from "../helpers/server";
import { callJson, createComparisonOver, type JsonAnswer } from "../helpers/call-json";

const ENV = { FINGERPRINT_KEY: "k".repeat(40) };

interface Page {
  status: number;
  cache: string | null;
  encoding: string | null;
  html: string;
  /** the nonce of the CSP header */
  nonce: string | undefined;
  /** the HTML with the nonce replaced by NONCE */
  normal: string;
}

/** A GET as a browser sends it (no RSC headers), the body as received (fetch would decode gzip itself). */
async function get(base: string, p: string, headers: Record<string, string> = {}): Promise<Page> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => request(`${base}${p}`, { headers: { "accept-encoding": "identity", ...headers } }, resolve).on("error", reject).end());
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const header = (name: string) => (res.headers[name] as string | undefined) ?? null;
  const encoding = header("content-encoding");
  const html = (encoding === "gzip" ? gunzipSync(raw) : raw).toString();
  const nonce = /'nonce-([^']+)'/.exec(header("content-security-policy") ?? "")?.[1];
  return { status: res.statusCode ?? 0, cache: header("x-cache"), encoding, html, nonce, normal: nonce ? html.replaceAll(nonce, "NONCE") : html };
}

/** Every nonce attribute of the HTML. */
const htmlNonces = (html: string) => new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));

describe(`result page cache on ${testDbKind()}`, () => {
  const app = withAppServer(ENV);

  const call = (method: string, p: string, options?: { secret?: string; body?: unknown }): Promise<JsonAnswer> => callJson(app.server.url, method, p, options);
  const page = (p: string, headers?: Record<string, string>) => get(app.server.url, p, headers);

  const create = () => createComparisonOver(app.server.url, smallPairUpload());

  /** views until the page is a hit (the first view renders it) and returns that hit */
  async function cached(p: string): Promise<Page> {
    const first = await page(p);
    expect(first.status).toBe(200);
    const second = await page(p);
    expect(second.cache).toBe("hit");
    return second;
  }

  it("replays a second identical view, the same page with a fresh nonce in the CSP header and the HTML", async () => {
    const c = await create();
    const first = await page(`/c/${c.id}`);
    const second = await page(`/c/${c.id}`);
    const third = await page(`/c/${c.id}`);
    expect([first.cache, second.cache, third.cache]).toEqual(["miss", "hit", "hit"]);
    for (const p of [first, second, third]) {
      expect(p.status).toBe(200);
      expect(p.nonce).toBeTruthy();
      expect(htmlNonces(p.html)).toEqual(new Set([p.nonce]));
      expect(p.normal).toBe(first.normal);
    }
    expect(new Set([first.nonce, second.nonce, third.nonce]).size).toBe(3);
    // the page is a page: Next's scripts, the title, the findings
    expect(second.html).toContain("<title>");
    expect(second.html).toContain('id="findings"');
  });

  it("answers gzip clients with gzip and others with identity, the same page", async () => {
    const c = await create();
    const miss = await page(`/c/${c.id}`, { "accept-encoding": "gzip, deflate, br" });
    expect([miss.cache, miss.encoding]).toEqual(["miss", "gzip"]);
    const gz = await page(`/c/${c.id}`, { "accept-encoding": "gzip, deflate, br" });
    const plain = await page(`/c/${c.id}`);
    expect([gz.cache, gz.encoding]).toEqual(["hit", "gzip"]);
    expect([plain.cache, plain.encoding]).toEqual(["hit", null]);
    expect(gz.normal).toBe(plain.normal);
    expect(gz.normal).toBe(miss.normal);
    expect(htmlNonces(gz.html)).toEqual(new Set([gz.nonce]));
  });

  it("shows a status change, a comment, a sign-off and a new revision on the next view", async () => {
    const c = await create();
    await cached(`/c/${c.id}`);
    const findings = (await call("GET", `/api/comparisons/${c.id}/findings`)).body.findings as { fingerprint: string }[];
    const fingerprint = findings[0]!.fingerprint;

    expect((await call("PATCH", `/api/comparisons/${c.id}/findings/${fingerprint}`, { secret: c.reviewKey, body: { status: "accepted_risk", reason: "Reason-After-Cached-View", by: "Ana", expectedVersion: 0 } })).status).toBe(200);
    const status = await page(`/c/${c.id}`);
    expect(status.cache).toBe("miss");
    expect(status.html).toContain("Reason-After-Cached-View");
    await cached(`/c/${c.id}`);

    expect((await call("POST", `/api/comparisons/${c.id}/comments`, { secret: c.reviewKey, body: { fingerprint, author: "Zoe", body: "Comment-After-Cached-View" } })).status).toBe(201);
    const comment = await page(`/c/${c.id}`);
    expect(comment.cache).toBe("miss");
    expect(comment.html).toContain("Comment-After-Cached-View");
    await cached(`/c/${c.id}`);

    expect((await call("POST", `/api/comparisons/${c.id}/sign-offs`, { secret: c.reviewKey, body: { name: "Signer-After-Cached-View" } })).status).toBe(201);
    const signed = await page(`/c/${c.id}`);
    expect(signed.cache).toBe("miss");
    expect(signed.html).toMatch(/approved for release by (<!-- -->)?Signer-After-Cached-View/);
    await cached(`/c/${c.id}`);

    const upload = { by: "Bo", ...smallPairUpload(`${SMALL_PROD_COMPOSE}  cache:\n    image: redis:7\n`) };
    expect((await call("POST", `/api/comparisons/${c.id}/revisions`, { secret: c.reviewKey, body: upload })).status).toBe(201);
    const revised = await page(`/c/${c.id}`);
    expect(revised.cache).toBe("miss");
    expect(revised.html).toMatch(/Revision (<!-- -->)?2(<!-- -->)? of (<!-- -->)?2/);
    // the older revision is its own page
    const older = await page(`/c/${c.id}?revision=1`);
    expect(older.html).toMatch(/Revision (<!-- -->)?1(<!-- -->)? of (<!-- -->)?2/);
  });

  it("never serves a stored page to a link that was revoked or expired after it was viewed", async () => {
    const c = await create();
    await cached(`/c/${c.id}`);
    await cached(`/c/${c.id}?key=${c.reviewKey}`);
    expect((await call("POST", `/api/comparisons/${c.id}/revoke`, { secret: c.ownerToken, body: { link: "view" } })).status).toBe(200);
    const revoked = await page(`/c/${c.id}`);
    expect([revoked.status, revoked.cache]).toEqual([410, null]);
    expect(revoked.html).toContain("Its owner revoked this link.");
    // the review link still works: rendered again (the state changed), then replayed
    expect(await page(`/c/${c.id}?key=${c.reviewKey}`)).toMatchObject({ status: 200, cache: "miss" });
    expect(await page(`/c/${c.id}?key=${c.reviewKey}`)).toMatchObject({ status: 200, cache: "hit" });
    expect((await call("POST", `/api/comparisons/${c.id}/revoke`, { secret: c.ownerToken, body: { link: "review" } })).status).toBe(200);
    expect(await page(`/c/${c.id}?key=${c.reviewKey}`)).toMatchObject({ status: 410, cache: null });

    const deleted = await create();
    await cached(`/c/${deleted.id}`);
    expect((await call("DELETE", `/api/comparisons/${deleted.id}`, { secret: deleted.ownerToken })).status).toBe(204);
    expect(await page(`/c/${deleted.id}`)).toMatchObject({ status: 404, cache: null });
  });

  it.skipIf(testDbKind() !== "postgres")("never serves a stored page once the comparison expired (PostgreSQL: the test changes the row beside the app.server)", async () => {
    const c = await create();
    expect((await call("PUT", `/api/comparisons/${c.id}/expiry`, { secret: c.ownerToken, body: { expiresIn: "1d" } })).status).toBe(200);
    await cached(`/c/${c.id}`);
    await cached(`/c/${c.id}?key=${c.reviewKey}`);
    const db = await openDatabase(app.tdb.options);
    try {
      await db.sql.query(`UPDATE comparison SET expires_at = now() - interval '1 minute' WHERE id = $1`, [c.id]);
    } finally {
      await db.close();
    }
    for (const p of [`/c/${c.id}`, `/c/${c.id}?key=${c.reviewKey}`]) {
      const gone = await page(p);
      expect([gone.status, gone.cache]).toEqual([410, null]);
      expect(gone.html).toContain("expired");
    }
  });

  it("keeps the view link's page and the review link's page apart", async () => {
    const c = await create();
    const view = await cached(`/c/${c.id}`);
    const review = await cached(`/c/${c.id}?key=${c.reviewKey}`);
    expect(view.normal).not.toBe(review.normal);
    // the review link's page carries its key (its links and forms act with it); the view link's does not
    expect(review.html).toContain(c.reviewKey);
    expect(view.html).not.toContain(c.reviewKey);
    expect((await page(`/c/${c.id}`)).normal).toBe(view.normal);
  });

  it("answers RSC and prefetch requests through Next, never from the cache", async () => {
    const c = await create();
    await cached(`/c/${c.id}`);
    // Next answers these itself (a flight payload, or a redirect adding its cache-busting `_rsc`), never the document
    for (const [p, headers] of [
      [`/c/${c.id}`, { rsc: "1" }],
      [`/c/${c.id}?_rsc=x1`, { rsc: "1" }],
      [`/c/${c.id}?_rsc=x1`, {}],
      [`/c/${c.id}`, { "next-router-prefetch": "1", rsc: "1" }],
    ] as const) {
      const answer = await page(p, headers);
      expect(answer.cache, p).toBeNull();
      if (Object.keys(headers).length) expect(answer.html, p).not.toContain("<html");
    }
    // a client cannot name a render token: nothing it sends under that name reaches the page's report
    expect((await page(`/c/${c.id}`, { "x-compose-parity-render": "forged" })).cache).toBe("hit");
  });
});

describe(`result page with PAGE_CACHE_MB=0 on ${testDbKind()}`, () => {
  let tdb: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startServer({ ...tdb.env, ...ENV, PAGE_CACHE_MB: "0" });
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await tdb?.drop();
  });

  it("renders every view through Next, as before", async () => {
    const created = await callJson(server.url, "POST", "/api/comparisons", {
      body: smallPairUpload(),
    });
    const id = created.body.id as string;
    const first = await get(server.url, `/c/${id}`);
    const second = await get(server.url, `/c/${id}`, { "accept-encoding": "gzip" });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.cache, second.cache]).toEqual([null, null]);
    expect(second.encoding).toBe("gzip");
    expect(second.normal).toBe(first.normal);
    expect(htmlNonces(second.html)).toEqual(new Set([second.nonce]));
  });
});
