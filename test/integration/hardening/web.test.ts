/**
 * Web hardening over HTTP (issue #7.4): CSP with a per-request nonce and the other
 * security headers, cross-origin writes refused (API and Server Actions), the
 * per-client rate limit on creation, and user text that never becomes HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";
import { withAppServer } from "../helpers/app";
import { startServer, type RunningServer } from "../helpers/server";
import { countRows, withTestDb } from "../helpers/db-inspect";
import { postJson, timedFetch, uploadWith, type Answer } from "./http";

function cspOf(res: Answer): Map<string, string[]> {
  const csp = res.headers.get("content-security-policy") ?? "";
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name ?? "", values]),
  );
}

function expectPageHeaders(res: Answer): string {
  const csp = cspOf(res);
  const scripts = csp.get("script-src") ?? [];
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, res.headers.get("content-security-policy") ?? "no CSP").toBeTruthy();
  expect(scripts).toContain("'self'");
  expect(scripts.join(" ")).not.toMatch(/unsafe-eval|unsafe-inline|\*|https?:/);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  // every script Next rendered carries the nonce (or the browser would block the app)
  const tags = [...res.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, tag).toContain(`nonce="${nonce}"`);
  return nonce ?? "";
}

/** Attribute names starting with `on` on any element (quoted values are skipped whole, so escaped text inside them does not count). */
function eventHandlerAttributes(html: string): string[] {
  const found: string[] = [];
  const tag = /<[a-z][a-z0-9-]*((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/gi;
  const attr = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  for (const t of html.matchAll(tag)) {
    for (const a of (t[1] ?? "").matchAll(attr)) if (/^on/i.test(a[1] ?? "")) found.push(t[0]);
  }
  return found;
}

const XSS = {
  title: `<img src=x onerror="alert('title')">`,
  file: `<script>alert('file')</script>.yml`,
  envName: `"><svg onload=alert('env')>`,
  envKey: `X<iframe/src=javascript:alert(1)>`,
  label: `</script><script>alert('label')</script>`,
  comment: `<img src=x onerror=alert('comment')> **bold** [link](javascript:alert('md'))`,
};

describe(`web hardening on ${testDbKind()}`, () => {
  const app = withAppServer({ FINGERPRINT_KEY: "w".repeat(40), RATE_LIMIT_CREATE_PER_MINUTE: "5" });

  let id = "";
  let key = "";

  it("sends a CSP with a fresh nonce on every page (scripts by nonce or self, no unsafe-eval, not framable), nosniff and no-referrer", async () => {
    const created = await postJson(app.server.url, uploadWith(), { origin: app.server.url, "sec-fetch-site": "same-origin" });
    expect(created.status, created.text).toBe(201);
    ({ id } = created.json() as { id: string });
    key = new URL((created.json() as { reviewUrl: string }).reviewUrl, app.server.url).searchParams.get("key") ?? "";
    const nonces = new Set<string>();
    for (const page of ["/", "/", `/c/${id}`, `/c/${id}?key=${key}`, "/c/does-not-exist-000000"]) {
      const res = await timedFetch(`${app.server.url}${page}`);
      expect([200, 404], page).toContain(res.status);
      nonces.add(expectPageHeaders(res));
    }
    expect(nonces.size).toBe(5);
  });

  it("locks API answers down too (nothing may run or frame them; nosniff)", async () => {
    for (const path of ["/api/health", `/api/comparisons/${id}`, `/api/comparisons/${id}/report.md`]) {
      const res = await timedFetch(`${app.server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(cspOf(res).get("default-src"), path).toEqual(["'none'"]);
      expect(cspOf(res).get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  it("refuses cross-origin writes to the API (Origin or Sec-Fetch-Site) with 403 CROSS_ORIGIN and stores nothing", async () => {
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "http://sub.127.0.0.1.nip.io" },
      { origin: app.server.url.replace(/:\d+$/, ":1") },
    ];
    for (const headers of attempts) {
      const res = await postJson(app.server.url, uploadWith(), headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.json().error?.code).toBe("CROSS_ORIGIN");
    }
    const patch = await timedFetch(`${app.server.url}/api/comparisons/${id}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, origin: "https://evil.example" },
      body: JSON.stringify({ fingerprint: "0".repeat(16), author: "x", body: "y" }),
    });
    expect(patch.status).toBe(403);
    const revoke = await timedFetch(`${app.server.url}/api/comparisons/${id}/revoke`, { method: "POST", headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" }, body: "{}" });
    expect(revoke.status).toBe(403);
    // the same request from our own page goes through
    const own = await postJson(app.server.url, uploadWith(), { origin: app.server.url, "sec-fetch-site": "same-origin" });
    expect(own.status, own.text).toBe(201);
  });

  it("refuses a cross-origin Server Action POST", async () => {
    const attempts: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of attempts) {
      const res = await timedFetch(`${app.server.url}/`, {
        method: "POST",
        headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8", ...headers },
        body: "[]",
      });
      expect(res.status).toBe(403);
      expect(res.json().error?.code).toBe("CROSS_ORIGIN");
    }
  });

  it("rate-limits creation per client address: 429 with Retry-After, spoofed forwarding headers do not help, reads still work", async () => {
    // two creations above; the limit is 5 a minute
    const statuses: number[] = [];
    let limited: Answer | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await postJson(app.server.url, uploadWith(), { "x-forwarded-for": `203.0.113.${i}`, "x-compose-parity-client-ip": `198.51.100.${i}` });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
    expect(limited?.json().error?.code).toBe("RATE_LIMITED");
    const retryAfter = Number(limited?.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await timedFetch(`${app.server.url}/api/comparisons/${id}`)).status).toBe(200);
    expect((await timedFetch(`${app.server.url}/api/health`)).status).toBe(200);
  });

  it("stored exactly the comparisons that got a 201", async () => {
    await app.server.stop("SIGTERM");
    const counts = await withTestDb(app.tdb, countRows);
    expect(counts.comparison).toBe(5);
  });
});

describe(`user text never becomes HTML on ${testDbKind()}`, () => {
  let tdb: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startServer({ ...tdb.env, FINGERPRINT_KEY: "x".repeat(40), RATE_LIMIT_CREATE_PER_MINUTE: "0" });
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await tdb?.drop();
  });

  it("escapes file names, titles, environment names, env keys, labels and comments on the result page", async () => {
    // env files only take identifier-like keys (ENV_SYNTAX otherwise); compose `environment:` takes any string
    const devCompose = `services:\n  web:\n    image: example/app:dev\n    env_file: .env\n    environment:\n      "${XSS.envKey}": "1"\n    labels:\n      note: "${XSS.label.replace(/"/g, '\\"')}"\n`;
    const created = await postJson(server.url, {
      title: XSS.title,
      environments: [
        { name: XSS.envName, role: "development", files: [{ name: XSS.file, as: "compose.yaml", content: devCompose }, { name: ".env", content: "DEBUG=1\n" }] },
        { name: "prod", files: [{ name: "compose.prod.yaml", content: "services:\n  web:\n    image: example/app:1.2\n" }] },
      ],
    });
    expect(created.status, created.text).toBe(201);
    const { id, reviewUrl } = created.json() as { id: string; reviewUrl: string };
    const key = new URL(reviewUrl, server.url).searchParams.get("key") ?? "";
    const state = (await timedFetch(`${server.url}/api/comparisons/${id}`)).json() as { findings: { fingerprint: string }[] };
    const fingerprint = state.findings[0]?.fingerprint;
    expect(fingerprint).toBeTruthy();
    const comment = await timedFetch(`${server.url}/api/comparisons/${id}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ fingerprint, author: `<b onmouseover=alert(1)>Eve</b>`, body: XSS.comment }),
    });
    expect(comment.status, comment.text).toBe(201);

    for (const page of [`/c/${id}`, `/c/${id}?key=${key}`]) {
      const res = await timedFetch(`${server.url}${page}`);
      expect(res.status).toBe(200);
      // the text is on the page, escaped
      expect(res.text).toContain("&lt;img src=x onerror=");
      for (const raw of [...Object.values(XSS), "<b onmouseover", "<img src=x", "<svg onload", "<iframe"]) {
        expect(res.text.includes(raw), `${page} holds ${raw} unescaped`).toBe(false);
      }
      // no element with an inline event handler, no script without our nonce
      expect(eventHandlerAttributes(res.text)).toEqual([]);
      expect(res.text).not.toMatch(/href=["']?\s*javascript:/i);
      expectPageHeaders(res);
    }
    // the JSON API keeps the text as typed (served as JSON, nosniff); the HTML it offers is sanitised
    const comments = await timedFetch(`${server.url}/api/comparisons/${id}/comments?key=${key}`);
    expect(comments.headers.get("content-type")).toMatch(/^application\/json/);
    expect(comments.headers.get("x-content-type-options")).toBe("nosniff");
    const [first] = (comments.json() as unknown as { comments: { body: string; html: string }[] }).comments;
    expect(first?.body).toBe(XSS.comment);
    expect(first?.html).toContain("&lt;img src=x");
    expect(eventHandlerAttributes(first?.html ?? "")).toEqual([]);
    expect(first?.html).not.toMatch(/href=["']?\s*javascript:/i);
  });
});
