import http from "node:http";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { PROD_COMPOSE as prodCompose, SAMPLE_SECRETS as SECRETS, sampleUpload } from "@/lib/comparisons/testing/django-sample";
import { parityResultSchema } from "@/lib/parity/result-schema";
import { createTestDatabase, testDbKind } from "../helpers/test-db";
import { withAppServer } from "../helpers/app";
import { startServer } from "../helpers/server";

const MAX_UPLOAD_BYTES = 65_536;
const upload = (overrides: { prodComposeName?: string; prodComposeContent?: string } = {}) => sampleUpload({ prodComposeAs: "compose.prod.yaml", ...overrides });

function expectCapabilityHeaders(res: Response): void {
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("x-robots-tag")).toBe("noindex");
}

function expectApiHeaders(res: Response): void {
  expectCapabilityHeaders(res);
  expect(res.headers.get("cache-control")).toBe("no-store");
}

/** POST with a chunked body (no Content-Length), `chunks` × `size` bytes, through node:http. */
function postChunked(url: string, chunks: number, size: number): Promise<{ status: number; body: string; contentLength: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/comparisons`, { method: "POST", headers: { "content-type": "application/json" } });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, contentLength: req.getHeader("content-length") }));
    });
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    const chunk = `{"pad":"${"x".repeat(size)}"`;
    let sent = 0;
    const pump = () => {
      if (answered || req.destroyed) return;
      if (sent >= chunks) {
        req.end("}");
        return;
      }
      sent++;
      req.write(sent === 1 ? chunk : "x".repeat(size), () => setTimeout(pump, 5));
    };
    pump();
  });
}

describe(`comparisons API on ${testDbKind()}`, () => {
  const app = withAppServer({ FINGERPRINT_KEY: "k".repeat(40), MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) });
  const created: string[] = [];

  const post = (body: string, contentType = "application/json") =>
    fetch(`${app.server.url}/api/comparisons`, { method: "POST", headers: { "content-type": contentType }, body });

  it("creates a comparison (201) whose result, JSON view and reports read back", async () => {
    const res = await post(JSON.stringify(upload()));
    expect(res.status).toBe(201);
    expectApiHeaders(res);
    const body = (await res.json()) as { id: string; url: string; reviewUrl: string; ownerToken: string };
    expect(Object.keys(body).sort()).toEqual(["id", "ownerToken", "reviewUrl", "url"]);
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(body.url).toBe(`${app.server.url}/c/${body.id}`);
    expect(res.headers.get("location")).toBe(body.url);
    expect(body.reviewUrl).toMatch(new RegExp(`^/c/${body.id}\\?key=[A-Za-z0-9_-]{24}$`));
    expect(body.ownerToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    created.push(body.id);

    const get = await fetch(`${app.server.url}/api/comparisons/${body.id}`);
    expect(get.status).toBe(200);
    expectApiHeaders(get);
    const text = await get.text();
    for (const s of SECRETS) expect(text).not.toContain(s);
    const view = JSON.parse(text) as {
      id: string;
      title: string;
      createdAt: string;
      revision: number;
      result: unknown;
      environments: { name: string; role: string; files: Record<string, unknown>[] }[];
    };
    expect(view).toMatchObject({ id: body.id, title: "Django app", revision: 1 });
    expect(Number.isNaN(Date.parse(view.createdAt))).toBe(false);
    const result = parityResultSchema.parse(view.result);
    expect(result.environments.map((e) => [e.name, e.role, e.status])).toEqual([
      ["dev", "development", "loaded"],
      ["prod", "production", "loaded"],
    ]);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(view.environments.map((e) => e.name)).toEqual(["dev", "prod"]);
    const prodFiles = view.environments[1]?.files ?? [];
    expect(prodFiles.map((f) => [f.name, f.path, f.kind])).toEqual([
      ["docker-compose.prod.yml", "compose.prod.yaml", "compose"],
      ["prod.env-sample", ".env.prod", "env"],
    ]);
    for (const f of prodFiles) expect(f).not.toHaveProperty("content");

    const md = await fetch(`${app.server.url}/api/comparisons/${body.id}/report.md`);
    expect(md.status).toBe(200);
    expectApiHeaders(md);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    const mdText = await md.text();
    expect(mdText).toContain(`Parity score: ${result.summary.score}/100`);
    for (const s of SECRETS) expect(mdText).not.toContain(s);

    const sarif = await fetch(`${app.server.url}/api/comparisons/${body.id}/report.sarif`);
    expect(sarif.status).toBe(200);
    expectApiHeaders(sarif);
    expect(sarif.headers.get("content-type")).toBe("application/sarif+json");
    const log = (await sarif.json()) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);

    const json = await fetch(`${app.server.url}/api/comparisons/${body.id}/report.json`);
    expect(json.status).toBe(200);
    expectApiHeaders(json);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(parityResultSchema.parse(await json.json())).toEqual(result);

    const older = await fetch(`${app.server.url}/api/comparisons/${body.id}?revision=1`);
    expect(older.status).toBe(200);
    expect(await fetch(`${app.server.url}/api/comparisons/${body.id}?revision=2`).then((r) => r.status)).toBe(404);
    expect(await fetch(`${app.server.url}/api/comparisons/${body.id}?revision=abc`).then((r) => r.status)).toBe(400);
  });

  it("sends no-referrer and noindex on /c/ pages", async () => {
    const res = await fetch(`${app.server.url}/c/${created[0] ?? "unknown"}`);
    expectCapabilityHeaders(res);
  });

  it("answers 404 for an unknown id, on the JSON view and on every report", async () => {
    for (const path of ["", "/report.md", "/report.sarif", "/report.json"]) {
      const res = await fetch(`${app.server.url}/api/comparisons/NoSuchComparisonId12345${path}`);
      expect(res.status).toBe(404);
      expectApiHeaders(res);
      expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String), file: null, line: null, col: null } });
    }
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await post('{"environments": [');
    expect(res.status).toBe(400);
    expectApiHeaders(res);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: "INVALID_JSON" } });
  });

  it("answers 415 when the body is not sent as application/json", async () => {
    const res = await post(JSON.stringify(upload()), "text/plain");
    expect(res.status).toBe(415);
    expectApiHeaders(res);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("answers 413 when Content-Length is over MAX_UPLOAD_BYTES", async () => {
    const big = upload({ prodComposeContent: `${prodCompose}# ${"x".repeat(MAX_UPLOAD_BYTES)}\n` });
    const res = await post(JSON.stringify(big));
    expect(res.status).toBe(413);
    expectApiHeaders(res);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: "BODY_TOO_LARGE" } });
  });

  it("answers 413 for a chunked body (no Content-Length) as soon as it passes MAX_UPLOAD_BYTES", async () => {
    const res = await postChunked(app.server.url, 40, 8_192);
    expect(res.contentLength).toBeUndefined();
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "BODY_TOO_LARGE" } });
  });

  it("accepts a chunked body under the limit", async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${app.server.url}/api/comparisons`, { method: "POST", headers: { "content-type": "application/json" } }, (r) => {
        r.resume();
        r.on("end", () => resolve(r.statusCode ?? 0));
      });
      req.on("error", reject);
      const text = JSON.stringify(upload());
      req.write(text.slice(0, 100));
      req.end(text.slice(100));
    });
    expect(res).toBe(201);
    created.push("chunked");
  });

  it("answers 422 with the path for a body that fails the schema", async () => {
    const res = await post(JSON.stringify({ ...upload(), environments: [upload().environments[0]] }));
    expect(res.status).toBe(422);
    expectApiHeaders(res);
    expect(await res.json()).toEqual({
      error: { code: "INVALID_INPUT", message: expect.stringContaining("environments"), path: "environments", file: null, line: null, col: null },
    });
    const extra = await post(JSON.stringify({ ...upload(), owner: "me" }));
    expect(extra.status).toBe(422);
    expect((await extra.json()) as unknown).toMatchObject({ error: { code: "INVALID_INPUT" } });
  });

  it("answers 422 naming the uploaded file, line and col of a YAML error", async () => {
    const res = await post(
      JSON.stringify(upload({ prodComposeName: "prod-compose.txt", prodComposeContent: "services:\n  web:\n    image: nginx\n   ports: [80]\n" })),
    );
    expect(res.status).toBe(422);
    expectApiHeaders(res);
    expect(await res.json()).toEqual({
      error: { code: "YAML_SYNTAX", message: expect.any(String), file: "prod-compose.txt", line: 4, col: 1, environment: "prod" },
    });
    const dup = await post(JSON.stringify(upload({ prodComposeContent: "services:\n  web:\n    image: a\n    image: b\n" })));
    expect(dup.status).toBe(422);
    expect((await dup.json()) as unknown).toMatchObject({ error: { code: "DUPLICATE_KEY", file: "docker-compose.prod.yml", line: 4, col: 5 } });
  });

  it("stored only the successful uploads, with no secret value in any column or log line (read after the app.server stopped)", async () => {
    await app.server.stop("SIGTERM");
    for (const s of SECRETS) expect(app.server.stdout() + app.server.stderr()).not.toContain(s);
    const db = await openDatabase(app.tdb.options);
    try {
      const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM comparison`);
      expect(row?.n).toBe(created.length);
      const columns = await db.sql.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb')`,
      );
      let scanned = 0;
      for (const { table_name, column_name } of columns) {
        const rows = await db.sql.query<{ v: string | null }>(`SELECT "${column_name}"::text AS v FROM "${table_name}"`);
        for (const { v } of rows) {
          if (v === null) continue;
          scanned++;
          for (const s of SECRETS) expect(v, `${table_name}.${column_name}`).not.toContain(s);
        }
      }
      expect(scanned).toBeGreaterThan(20);
    } finally {
      await db.close();
    }
  });
});

describe(`expired and revoked comparisons on ${testDbKind()}`, () => {
  it("answers 410 on the JSON view and the reports once a comparison expired or its view link was revoked", async () => {
    const tdb = await createTestDatabase();
    const env = { ...tdb.env, FINGERPRINT_KEY: "k".repeat(40) };
    try {
      let server = await startServer(env);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${server.url}/api/comparisons`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(upload()) });
        expect(res.status).toBe(201);
        ids.push(((await res.json()) as { id: string }).id);
      }
      await server.stop("SIGTERM");
      // a second connection (PGlite allows one process at a time) changes them as the owner actions would
      const db = await openDatabase(tdb.options);
      await db.sql.query(`UPDATE comparison SET expires_at = now() - interval '1 minute' WHERE id = $1`, [ids[0]]);
      await db.sql.query(`UPDATE comparison SET view_revoked_at = now() WHERE id = $1`, [ids[1]]);
      await db.close();
      server = await startServer(env);
      try {
        for (const id of ids) {
          for (const path of ["", "/report.md", "/report.sarif", "/report.json"]) {
            const res = await fetch(`${server.url}/api/comparisons/${id}${path}`);
            expect(res.status, `${id}${path}`).toBe(410);
            expectApiHeaders(res);
            expect((await res.json()) as unknown).toMatchObject({ error: { code: "GONE" } });
          }
        }
      } finally {
        await server.stop("SIGKILL");
      }
    } finally {
      await tdb.drop();
    }
  });
});
