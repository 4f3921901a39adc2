/**
 * Secrets never at rest (issue #7.2): env and compose files holding distinctive
 * secret values (plain keys, URL credentials, high-entropy tokens) are uploaded
 * (two revisions); then every text/JSON column of every table, the HTML of every
 * page of the comparison, every export and API answer, and the server's logs are
 * searched for each value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";
import { startServer, type RunningServer } from "../helpers/server";
import { allStoredText, withTestDb } from "../helpers/db-inspect";
import { postJson, timedFetch } from "./http";

const SECRETS = {
  plainKey: "h1-Plain-SECRET-KEY-value-7731",
  dbPassword: "h1-Pg-Pass-4412",
  urlPassword: "h1UrlCredPw9921",
  redisPassword: "h1-redis-req-pass-5510",
  stripe: "sk_live_h1Z8xQ2mK7pL4wV9rT3nB6yC1",
  token: "h1ghp_aK9fQ2xZ7mP4wL8vR3tN6yB1cH5jD0sEqW",
  awsSecret: "h1wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  prodOnly: "h1-prod-Only-Sentry-f00d-2b9e",
} as const;
const VALUES = Object.values(SECRETS);

const devEnv = `DEBUG=1
SECRET_KEY=${SECRETS.plainKey}
DATABASE_URL=postgres://app:${SECRETS.urlPassword}@db:5432/app
GITHUB_TOKEN=${SECRETS.token}
`;
const devCompose = `services:
  web:
    build: .
    env_file: .env
    environment:
      STRIPE_SECRET_KEY: ${SECRETS.stripe}
      AWS_SECRET_ACCESS_KEY: ${SECRETS.awsSecret}
    ports: ["8000:8000"]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${SECRETS.dbPassword}
  cache:
    image: redis:7
    command: redis-server --requirepass ${SECRETS.redisPassword}
`;
const prodEnv = `SECRET_KEY=${SECRETS.plainKey}
DATABASE_URL=postgres://app:${SECRETS.urlPassword}@db.internal:5432/app
SENTRY_DSN=https://public:${SECRETS.prodOnly}@sentry.example.com/42
`;
const prodCompose = (tag: string) => `services:
  web:
    image: example/app:${tag}
    env_file: .env.prod
    environment:
      STRIPE_SECRET_KEY: ${SECRETS.stripe}
      GITHUB_TOKEN: ${SECRETS.token}
    healthcheck:
      test: ["CMD", "curl", "-f", "http://admin:${SECRETS.urlPassword}@localhost/health"]
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${SECRETS.dbPassword}
`;

const environments = (tag: string) => [
  { name: "dev", files: [{ name: "docker-compose.yml", content: devCompose }, { name: ".env", content: devEnv }] },
  { name: "prod", files: [{ name: "docker-compose.prod.yml", content: prodCompose(tag) }, { name: "prod.env", as: ".env.prod", content: prodEnv }] },
];

function expectNoSecret(where: string, text: string): void {
  for (const s of VALUES) expect(text.includes(s), `${where} holds ${s}`).toBe(false);
}

describe(`secrets never at rest on ${testDbKind()}`, () => {
  let tdb: TestDatabase;
  let server: RunningServer;
  let id = "";
  let key = "";

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startServer({ ...tdb.env, FINGERPRINT_KEY: "s".repeat(40), LOG_LEVEL: "debug", RATE_LIMIT_CREATE_PER_MINUTE: "0" });
    const created = await postJson(server.url, { title: "secrets", environments: environments("1.2") });
    expect(created.status, created.text).toBe(201);
    const body = created.json() as { id: string; reviewUrl: string; ownerToken: string };
    id = body.id;
    key = new URL(body.reviewUrl, server.url).searchParams.get("key") ?? "";
    const rev = await timedFetch(`${server.url}/api/comparisons/${id}/revisions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ by: "Ana", environments: environments("1.3") }),
    });
    expect(rev.status, rev.text).toBe(201);
    // a failed upload holding the secrets must not leak them either
    const failed = await postJson(server.url, { environments: [environments("x")[0], { name: "prod", files: [{ name: "bad.yml", content: `services:\n  web:\n    image: a\n    image: ${SECRETS.prodOnly}\n` }] }] });
    expect(failed.status).toBe(422);
    expectNoSecret("the 422 answer", failed.text);
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await tdb?.drop();
  });

  it("shows no secret on any page of the comparison (view and review link, each revision, the revision diff)", async () => {
    const pages = [
      `/c/${id}`,
      `/c/${id}?key=${key}`,
      `/c/${id}?revision=1`,
      `/c/${id}?revision=1&key=${key}`,
      `/c/${id}?revision=2&compare=1&key=${key}`,
      `/c/${id}?revision=2&compare=1`,
    ];
    for (const page of pages) {
      const res = await timedFetch(`${server.url}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.text).toContain("secrets");
      expectNoSecret(page, res.text);
    }
  });

  it("puts no secret in the JSON, Markdown and SARIF exports or any API answer", async () => {
    const paths = [`/api/comparisons/${id}`];
    for (const r of [1, 2]) for (const ext of ["json", "md", "sarif"]) paths.push(`/api/comparisons/${id}/report.${ext}?revision=${r}`);
    for (const p of ["findings", "activity", "revisions", "comments"]) paths.push(`/api/comparisons/${id}/${p}?key=${key}`);
    paths.push(`/api/comparisons/${id}/revisions/compare?from=1&to=2&key=${key}`);
    let read = 0;
    for (const p of paths) {
      const res = await timedFetch(`${server.url}${p}`);
      expect(res.status, `${p}: ${res.text.slice(0, 200)}`).toBe(200);
      expectNoSecret(p, res.text);
      read++;
    }
    expect(read).toBe(paths.length);
  });

  it("stores no secret in any text or JSON column of any table, and logs none (read after the server stopped)", async () => {
    await server.stop("SIGTERM");
    expectNoSecret("server logs", server.stdout() + server.stderr());
    expect(server.logs.filter((l) => l.msg === "request").length).toBeGreaterThan(10);
    const stored = await withTestDb(tdb, allStoredText);
    const tables = new Set(stored.map((s) => s.table));
    for (const t of ["comparison", "revision", "environment", "uploaded_file", "finding"]) expect([...tables].some((x) => x.toLowerCase() === t || x.toLowerCase() === `${t}s`), t).toBe(true);
    for (const { table, column, value } of stored) expectNoSecret(`${table}.${column}`, value);
    // the masks are there: the redacted files were stored, not dropped
    expect(stored.some((s) => s.value.includes("••••"))).toBe(true);
  });
});
