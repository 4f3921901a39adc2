/**
 * The sections of the result page loaded on demand, over HTTP against the built
 * server on PGlite or PostgreSQL (TEST_DB): GET /api/comparisons/:id/files and
 * /models answer what the page shows (redacted, per revision) under exactly the
 * page's capability rules — 404 for an unknown id or revision, 410 for an expired
 * or revoked link, a review link still reading when the view link was revoked.
 */
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { testDbKind } from "../helpers/test-db";
import { withAppServer } from "../helpers/app";
import { startServer } from "../helpers/server";
import { callJson, createComparisonOver, type JsonAnswer } from "../helpers/call-json";

const ENV = { FINGERPRINT_KEY: "k".repeat(40) };
const SECRET = "s3cr3t-DJANGO-value-XYZ";

const devCompose = `services:
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
    environment:
      SECRET_KEY: ${SECRET}
`;
const prodCompose = `services:
  web:
    image: example/app:1.2
    command: gunicorn app.wsgi
    env_file: .env.prod
    depends_on: [db]
  db:
    image: postgres:16
`;
const prodEnv = `SECRET_KEY=${SECRET}\nDEBUG=0\n`;

const SECTIONS = ["files", "models"] as const;

describe(`result page sections (files, models) on ${testDbKind()}`, () => {
  const app = withAppServer(ENV);

  const call = (method: string, p: string, options?: { secret?: string; body?: unknown }): Promise<JsonAnswer> => callJson(app.server.url, method, p, options);

  const create = () =>
    createComparisonOver(app.server.url, {
      environments: [
        { name: "dev", files: [{ name: "docker-compose.yml", content: devCompose }] },
        { name: "prod", files: [{ name: "docker-compose.prod.yml", content: prodCompose }, { name: "prod.env-sample", as: ".env.prod", content: prodEnv }] },
      ],
    });

  it("answers the files of the revision with contents, in upload order, secrets masked in place", async () => {
    const c = await create();
    const res = await call("GET", `/api/comparisons/${c.id}/files`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.body.revision).toBe(1);
    expect(res.body.environments.map((e: { name: string; files: { name: string; path: string; kind: string }[] }) => [e.name, e.files.map((f) => [f.name, f.path, f.kind])])).toEqual([
      ["dev", [["docker-compose.yml", "docker-compose.yml", "compose"]]],
      ["prod", [["docker-compose.prod.yml", "docker-compose.prod.yml", "compose"], ["prod.env-sample", ".env.prod", "env"]]],
    ]);
    const env = res.body.environments[1].files[1].content as string;
    expect(env.split("\n")).toHaveLength(prodEnv.split("\n").length);
    expect(env).toContain("DEBUG=0");
    expect(env).toContain("••••");
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  it("answers each environment's canonical model, secrets masked", async () => {
    const c = await create();
    const res = await call("GET", `/api/comparisons/${c.id}/models`);
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(1);
    expect(Object.keys(res.body.models).sort()).toEqual(["dev", "prod"]);
    expect(res.body.models.prod.services.db.image).toBe("postgres:16");
    expect(res.body.models.dev.services.web.command).toEqual(["python", "manage.py", "runserver", "0.0.0.0:8000"]);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  it("answers 404 for an unknown id or revision, 400 for a malformed revision, and serves older revisions", async () => {
    const c = await create();
    for (const s of SECTIONS) {
      const unknown = await call("GET", `/api/comparisons/no-such-comparison-id/${s}`);
      expect(unknown.status, s).toBe(404);
      expect(unknown.body.error.code, s).toBe("NOT_FOUND");
      expect((await call("GET", `/api/comparisons/${c.id}/${s}?revision=2`)).status, s).toBe(404);
      const bad = await call("GET", `/api/comparisons/${c.id}/${s}?revision=abc`);
      expect(bad.status, s).toBe(400);
      expect(bad.body.error.code, s).toBe("INVALID_QUERY");
    }
    const added = await call("POST", `/api/comparisons/${c.id}/revisions`, {
      secret: c.reviewKey,
      body: {
        by: "Bo",
        environments: [
          { name: "dev", files: [{ name: "docker-compose.yml", content: devCompose }] },
          { name: "prod", files: [{ name: "docker-compose.prod.yml", content: prodCompose.replace("postgres:16", "postgres:17") }, { name: "prod.env-sample", as: ".env.prod", content: prodEnv }] },
        ],
      },
    });
    expect(added.status).toBe(201);
    expect((await call("GET", `/api/comparisons/${c.id}/models`)).body).toMatchObject({ revision: 2, models: { prod: { services: { db: { image: "postgres:17" } } } } });
    expect((await call("GET", `/api/comparisons/${c.id}/models?revision=1`)).body).toMatchObject({ revision: 1, models: { prod: { services: { db: { image: "postgres:16" } } } } });
    const files1 = await call("GET", `/api/comparisons/${c.id}/files?revision=1`);
    expect(files1.body.revision).toBe(1);
    expect(files1.body.environments[1].files[0].content).toContain("postgres:16");
  });

  it("applies the page's capability rules: a revoked view link is gone, the review link still reads, until it is revoked too", async () => {
    const c = await create();
    expect((await call("POST", `/api/comparisons/${c.id}/revoke`, { secret: c.ownerToken, body: { link: "view" } })).status).toBe(200);
    for (const s of SECTIONS) {
      const gone = await call("GET", `/api/comparisons/${c.id}/${s}`);
      expect(gone.status, s).toBe(410);
      expect(gone.body.error.code, s).toBe("GONE");
      expect((await call("GET", `/api/comparisons/${c.id}/${s}`, { secret: "not-the-key" })).status, s).toBe(410);
      expect((await call("GET", `/api/comparisons/${c.id}/${s}`, { secret: c.reviewKey })).status, s).toBe(200);
      expect((await call("GET", `/api/comparisons/${c.id}/${s}?key=${c.reviewKey}`)).status, s).toBe(200);
    }
    // the page agrees
    expect((await fetch(`${app.server.url}/c/${c.id}`)).status).toBe(410);
    expect((await fetch(`${app.server.url}/c/${c.id}?key=${c.reviewKey}`)).status).toBe(200);

    expect((await call("POST", `/api/comparisons/${c.id}/revoke`, { secret: c.ownerToken, body: { link: "review" } })).status).toBe(200);
    for (const s of SECTIONS) {
      expect((await call("GET", `/api/comparisons/${c.id}/${s}`, { secret: c.reviewKey })).status, s).toBe(410);
      expect((await call("GET", `/api/comparisons/${c.id}/${s}`, { secret: c.ownerToken })).status, s).toBe(200);
    }
  });

  it("answers 410 once the comparison has expired, to the view and the review link alike", async () => {
    const c = await create();
    expect((await call("PUT", `/api/comparisons/${c.id}/expiry`, { secret: c.ownerToken, body: { expiresIn: "1d" } })).status).toBe(200);
    for (const s of SECTIONS) expect((await call("GET", `/api/comparisons/${c.id}/${s}`)).status, s).toBe(200);
    // a day passes (PGlite belongs to one process: the app is stopped meanwhile)
    const embedded = app.tdb.kind === "pglite";
    if (embedded) await app.server.stop("SIGTERM");
    try {
      const db = await openDatabase(app.tdb.options);
      try {
        await db.sql.query(`UPDATE comparison SET expires_at = now() - interval '1 minute' WHERE id = $1`, [c.id]);
      } finally {
        await db.close();
      }
    } finally {
      if (embedded) app.server = await startServer({ ...app.tdb.env, ...ENV });
    }
    for (const s of SECTIONS) {
      expect((await call("GET", `/api/comparisons/${c.id}/${s}`)).status, s).toBe(410);
      expect((await call("GET", `/api/comparisons/${c.id}/${s}`, { secret: c.reviewKey })).status, s).toBe(410);
    }
    expect((await fetch(`${app.server.url}/c/${c.id}`)).status).toBe(410);
  });
});
