/**
 * The result page /c/<id> over HTTP against the built server, on PGlite or
 * PostgreSQL (TEST_DB): the capability the proxy checked reaches the page in an
 * internal header that a client cannot forge, and a revision's result kept in the
 * server's cache (lib/view/revision-cache.ts) never hides new review state nor
 * outlives a revoked link or a deleted comparison.
 */
import { describe, expect, it } from "vitest";
import { PAGE_CAPABILITY_HEADER } from "@/lib/review/page-capability";
import { testDbKind } from "../helpers/test-db";
import { withAppServer } from "../helpers/app";
import { smallPairUpload } from "../helpers/small-pair";
import { callJson, createComparisonOver, type JsonAnswer } from "../helpers/call-json";

const ENV = { FINGERPRINT_KEY: "k".repeat(40) };
const KEY_REJECTED = "is not this comparison&#x27;s review key";

describe(`result page access and caching on ${testDbKind()}`, () => {
  const app = withAppServer(ENV);

  const call = (method: string, p: string, options?: { secret?: string; body?: unknown }): Promise<JsonAnswer> => callJson(app.server.url, method, p, options);

  const create = () => createComparisonOver(app.server.url, smallPairUpload());

  async function page(p: string, headers: Record<string, string> = {}): Promise<{ status: number; html: string }> {
    const res = await fetch(`${app.server.url}${p}`, { headers });
    return { status: res.status, html: await res.text() };
  }

  it("ignores a capability header sent by the client", async () => {
    const c = await create();
    // a wrong key with a forged "review" verdict: still read-only
    const wrong = await page(`/c/${c.id}?key=not-the-key`, { [PAGE_CAPABILITY_HEADER]: `${c.id} review` });
    expect(wrong.status).toBe(200);
    expect(wrong.html).toContain(KEY_REJECTED);
    // the real key is a review link, whatever the client claims
    const right = await page(`/c/${c.id}?key=${c.reviewKey}`, { [PAGE_CAPABILITY_HEADER]: `${c.id} gone-revoked` });
    expect(right.status).toBe(200);
    expect(right.html).not.toContain(KEY_REJECTED);
    expect(right.html).not.toContain("Its owner revoked this link.");
    // an unknown id stays unknown
    expect((await page("/c/no-such-comparison", { [PAGE_CAPABILITY_HEADER]: "no-such-comparison view" })).status).toBe(404);
    // a revoked view link stays gone
    expect((await call("POST", `/api/comparisons/${c.id}/revoke`, { secret: c.ownerToken, body: { link: "view" } })).status).toBe(200);
    const revoked = await page(`/c/${c.id}`, { [PAGE_CAPABILITY_HEADER]: `${c.id} view` });
    expect(revoked.status).toBe(410);
    expect(revoked.html).toContain("Its owner revoked this link.");
  });

  it("shows new review state of a revision it has shown before", async () => {
    const c = await create();
    const first = await page(`/c/${c.id}`);
    expect(first.status).toBe(200);
    expect(first.html).toContain("not approved for release yet");
    const signed = await call("POST", `/api/comparisons/${c.id}/sign-offs`, { secret: c.reviewKey, body: { name: "Zoe-Cache-Check", note: "fine" } });
    expect(signed.status).toBe(201);
    const comment = await call("GET", `/api/comparisons/${c.id}/findings`);
    const fingerprint = comment.body.findings[0].fingerprint as string;
    const posted = await call("POST", `/api/comparisons/${c.id}/comments`, { secret: c.reviewKey, body: { fingerprint, author: "Zoe", body: "Comment-after-first-view" } });
    expect(posted.status).toBe(201);
    const again = await page(`/c/${c.id}`);
    expect(again.status).toBe(200);
    expect(again.html).not.toContain("not approved for release yet");
    expect(again.html).toMatch(/approved for release by (<!-- -->)?Zoe-Cache-Check/);
    expect(again.html).toContain("Comment-after-first-view");
  });

  it("does not serve a revoked link's or a deleted comparison's page from what it has shown before", async () => {
    const revoked = await create();
    expect((await page(`/c/${revoked.id}`)).status).toBe(200);
    expect((await page(`/c/${revoked.id}?key=${revoked.reviewKey}`)).status).toBe(200);
    await call("POST", `/api/comparisons/${revoked.id}/revoke`, { secret: revoked.ownerToken, body: { link: "review" } });
    expect((await page(`/c/${revoked.id}?key=${revoked.reviewKey}`)).status).toBe(410);
    expect((await page(`/c/${revoked.id}`)).status).toBe(200);

    const deleted = await create();
    expect((await page(`/c/${deleted.id}`)).status).toBe(200);
    expect((await call("DELETE", `/api/comparisons/${deleted.id}`, { secret: deleted.ownerToken })).status).toBe(204);
    expect((await page(`/c/${deleted.id}`)).status).toBe(404);
    expect((await page(`/c/${deleted.id}?revision=1`)).status).toBe(404);
  });
});
