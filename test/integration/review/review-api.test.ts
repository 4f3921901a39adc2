/**
 * The review API over HTTP against the built server, on PGlite or PostgreSQL
 * (TEST_DB): capabilities (403 / 410), optimistic status updates racing, comments,
 * sign-offs, activity, expiry, revocation, deletion (rows gone from every table)
 * and `npm run purge-expired`.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { testDbKind } from "../helpers/test-db";
import { withAppServer } from "../helpers/app";
import { startServer } from "../helpers/server";
import { callJson, type JsonAnswer } from "../helpers/call-json";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const ENV = { FINGERPRINT_KEY: "k".repeat(40) };

const devCompose = `services:
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
    ports: ["8000:8000"]
    environment:
      DATABASE_URL: sqlite:///db.sqlite3
      SECRET_KEY: s3cr3t-DJANGO-value-XYZ
`;
const prodCompose = `services:
  web:
    image: example/app:1.2
    command: gunicorn app.wsgi --bind 0.0.0.0:8000
    ports: ["80:8000"]
    environment:
      DATABASE_URL: postgres://app:pa55-word-QQ@db/app
      SECRET_KEY: s3cr3t-DJANGO-value-XYZ
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: pa55-word-QQ
`;

interface Created {
  id: string;
  reviewKey: string;
  ownerToken: string;
}

interface Finding {
  fingerprint: string;
  severity: string;
  status: string;
  version: number;
  statusBy: string | null;
}

const TABLE_COUNTS = `
  SELECT
    (SELECT count(*) FROM comparison WHERE id = $1) AS comparison,
    (SELECT count(*) FROM revision WHERE comparison_id = $1) AS revision,
    (SELECT count(*) FROM environment e JOIN revision r ON r.id = e.revision_id WHERE r.comparison_id = $1) AS environment,
    (SELECT count(*) FROM uploaded_file f JOIN environment e ON e.id = f.environment_id JOIN revision r ON r.id = e.revision_id WHERE r.comparison_id = $1) AS uploaded_file,
    (SELECT count(*) FROM finding f JOIN revision r ON r.id = f.revision_id WHERE r.comparison_id = $1) AS finding,
    (SELECT count(*) FROM comment WHERE comparison_id = $1) AS comment,
    (SELECT count(*) FROM sign_off s JOIN revision r ON r.id = s.revision_id WHERE r.comparison_id = $1) AS sign_off,
    (SELECT count(*) FROM activity WHERE comparison_id = $1) AS activity`;

describe(`review API on ${testDbKind()}`, () => {
  const app = withAppServer(ENV);

  /** Runs `fn` with the app stopped when the database is PGlite (it belongs to one process), then starts it again. */
  async function whileStopped<T>(fn: () => Promise<T>): Promise<T> {
    const embedded = app.tdb.kind === "pglite";
    if (embedded) await app.server.stop("SIGTERM");
    try {
      return await fn();
    } finally {
      if (embedded) app.server = await startServer({ ...app.tdb.env, ...ENV });
    }
  }

  /** Runs `fn` on the app's database. */
  function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    return whileStopped(async () => {
      const db = await openDatabase(app.tdb.options);
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    });
  }

  const call = (method: string, p: string, options?: { secret?: string; body?: unknown }): Promise<JsonAnswer> => callJson(app.server.url, method, p, options);

  async function create(): Promise<Created> {
    const res = await call("POST", "/api/comparisons", {
      body: {
        title: "review",
        environments: [
          { name: "dev", files: [{ name: "docker-compose.yml", content: devCompose }] },
          { name: "prod", files: [{ name: "docker-compose.yml", content: prodCompose }] },
        ],
      },
    });
    expect(res.status).toBe(201);
    const reviewKey = new URL(res.body.reviewUrl, "http://x").searchParams.get("key");
    expect(reviewKey).toBeTruthy();
    return { id: res.body.id, reviewKey: reviewKey as string, ownerToken: res.body.ownerToken };
  }

  async function findings(c: Created): Promise<Finding[]> {
    const res = await call("GET", `/api/comparisons/${c.id}/findings`);
    expect(res.status).toBe(200);
    return res.body.findings;
  }

  it("lets the view link read but not write (403), and the review link not act as owner (403)", async () => {
    const c = await create();
    const [f] = await findings(c);
    expect(f).toBeDefined();
    const fp = f!.fingerprint;
    const patch = { status: "will_fix", by: "Ana", expectedVersion: 0 };
    expect((await call("PATCH", `/api/comparisons/${c.id}/findings/${fp}`, { body: patch })).status).toBe(403);
    expect((await call("PATCH", `/api/comparisons/${c.id}/findings/${fp}`, { body: patch, secret: "not-the-key" })).status).toBe(403);
    const denied = await call("POST", `/api/comparisons/${c.id}/comments`, { body: { fingerprint: fp, author: "Ana", body: "hi" } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: "FORBIDDEN", file: null, line: null, col: null });
    expect((await call("POST", `/api/comparisons/${c.id}/sign-offs`, { body: { name: "Ana" } })).status).toBe(403);
    expect((await call("PUT", `/api/comparisons/${c.id}/expiry`, { body: { expiresIn: "1d" }, secret: c.reviewKey })).status).toBe(403);
    expect((await call("POST", `/api/comparisons/${c.id}/revoke`, { body: { link: "view" }, secret: c.reviewKey })).status).toBe(403);
    expect((await call("DELETE", `/api/comparisons/${c.id}`, { secret: c.reviewKey })).status).toBe(403);
    expect((await call("GET", `/api/comparisons/nosuchcomparison000/findings`)).status).toBe(404);
    expect((await call("GET", `/api/comparisons/${c.id}/expiry`, { secret: c.reviewKey })).status).toBe(403);
    const revisions = await call("GET", `/api/comparisons/${c.id}/revisions`);
    expect(revisions.body.revisions).toEqual([expect.objectContaining({ number: 1, findings: expect.any(Number), signOffs: [] })]);
    // nothing was written
    expect((await call("GET", `/api/comparisons/${c.id}/activity`)).body.activity).toEqual([]);
  });

  it("sets a status with the review link, records who and when, and validates input (422)", async () => {
    const c = await create();
    const [f] = await findings(c);
    const fp = f!.fingerprint;
    const bad = await call("PATCH", `/api/comparisons/${c.id}/findings/${fp}`, { secret: c.reviewKey, body: { status: "done", by: "Ana", expectedVersion: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("INVALID_INPUT");
    const ok = await call("PATCH", `/api/comparisons/${c.id}/findings/${fp}`, { secret: c.reviewKey, body: { status: "accepted_risk", reason: "internal network only", by: "Ana", expectedVersion: 0 } });
    expect(ok.status).toBe(200);
    expect(ok.body.finding).toMatchObject({ fingerprint: fp, status: "accepted_risk", statusReason: "internal network only", statusBy: "Ana", version: 1 });
    // the review key also works as ?key= (the review link)
    const viaQuery = await call("PATCH", `/api/comparisons/${c.id}/findings/${fp}?key=${c.reviewKey}`, { body: { status: "will_fix", by: "Bo", expectedVersion: 1 } });
    expect(viaQuery.status).toBe(200);
    const log = (await call("GET", `/api/comparisons/${c.id}/activity`)).body.activity;
    expect(log.map((a: { actor: string; action: string }) => [a.actor, a.action])).toEqual([
      ["Bo", "status.set"],
      ["Ana", "status.set"],
    ]);
    // the stored comparison (GET /api/comparisons/:id) shows the status too
    const stored = await call("GET", `/api/comparisons/${c.id}`);
    expect(JSON.stringify(stored.body)).toContain("will_fix");
  });

  it("never loses an update silently: two concurrent changes with the same version → one 200, one 409 with the current state", async () => {
    const c = await create();
    const [f] = await findings(c);
    const fp = f!.fingerprint;
    const [a, b] = await Promise.all([
      call("PATCH", `/api/comparisons/${c.id}/findings/${fp}`, { secret: c.reviewKey, body: { status: "fixed", by: "Ana", expectedVersion: 0 } }),
      call("PATCH", `/api/comparisons/${c.id}/findings/${fp}`, { secret: c.reviewKey, body: { status: "false_positive", by: "Bo", expectedVersion: 0 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error.code).toBe("CONFLICT");
    expect(loser.body.error.current).toMatchObject({ fingerprint: fp, version: 1, status: winner.body.finding.status, statusBy: winner.body.finding.statusBy });
    const now = (await findings(c)).find((x) => x.fingerprint === fp);
    expect(now).toMatchObject({ version: 1, status: winner.body.finding.status });
    // the loser retries with the newer version and wins
    const retry = await call("PATCH", `/api/comparisons/${c.id}/findings/${fp}`, { secret: c.reviewKey, body: { status: "false_positive", by: "Bo", expectedVersion: 1 } });
    expect(retry.status).toBe(200);
    expect(retry.body.finding.version).toBe(2);
  });

  it("keeps comment threads (escaped markdown) and sign-offs with a warning count", async () => {
    const c = await create();
    const all = await findings(c);
    const fp = all[0]!.fingerprint;
    const posted = await call("POST", `/api/comparisons/${c.id}/comments`, { secret: c.reviewKey, body: { fingerprint: fp, author: "Ana", body: "**why** <img src=x onerror=alert(1)> [docs](javascript:alert(1))" } });
    expect(posted.status).toBe(201);
    expect(posted.body.comment.html).toBe("<p><strong>why</strong> &lt;img src=x onerror=alert(1)&gt; [docs](javascript:alert(1))</p>");
    expect((await call("POST", `/api/comparisons/${c.id}/comments`, { secret: c.reviewKey, body: { fingerprint: fp, author: "Ana", body: "x".repeat(10_001) } })).status).toBe(422);
    const thread = await call("GET", `/api/comparisons/${c.id}/comments?fingerprint=${fp}`);
    expect(thread.body.comments.map((x: { body: string }) => x.body)).toHaveLength(1);

    const blockers = all.filter((f) => f.status === "open" && (f.severity === "high" || f.severity === "critical")).length;
    const signed = await call("POST", `/api/comparisons/${c.id}/sign-offs`, { secret: c.reviewKey, body: { name: "Lead", note: "go" } });
    expect(signed.status).toBe(201);
    expect(signed.body.signOff).toMatchObject({ revision: 1, name: "Lead", note: "go" });
    expect(signed.body.openBlockers.total).toBe(blockers);
    expect((await call("GET", `/api/comparisons/${c.id}/sign-offs?revision=1`)).body.signOffs).toHaveLength(1);
    expect((await call("GET", `/api/comparisons/${c.id}/sign-offs?revision=abc`)).status).toBe(400);
  });

  it("uploads a new revision (review link): statuses and comments carry over, vanished findings resolve, new ones are listed", async () => {
    const c = await create();
    const r1 = await findings(c);
    const reused = r1.find((f) => (f as Finding & { rule?: string }).rule === "secret-reused");
    const kept = r1.find((f) => f !== reused);
    expect(reused && kept).toBeTruthy();
    await call("PATCH", `/api/comparisons/${c.id}/findings/${kept!.fingerprint}`, { secret: c.reviewKey, body: { status: "will_fix", by: "Ana", expectedVersion: 0 } });
    await call("POST", `/api/comparisons/${c.id}/comments`, { secret: c.reviewKey, body: { fingerprint: kept!.fingerprint, author: "Ana", body: "next sprint" } });
    const upload = {
      by: "Bo",
      environments: [
        { name: "prod", files: [{ name: "docker-compose.yml", content: prodCompose.replace(/SECRET_KEY: s3cr3t-DJANGO-value-XYZ/, "SECRET_KEY: Prod-Only-Secret-55aa77") + "  cache:\n    image: redis:7\n" }] },
        { name: "dev", files: [{ name: "docker-compose.yml", content: devCompose }] },
      ],
    };
    expect((await call("POST", `/api/comparisons/${c.id}/revisions`, { body: upload })).status).toBe(403);
    const wrongEnvs = await call("POST", `/api/comparisons/${c.id}/revisions`, { secret: c.reviewKey, body: { ...upload, environments: upload.environments.slice(0, 1) } });
    expect(wrongEnvs.status).toBe(422);
    const added = await call("POST", `/api/comparisons/${c.id}/revisions`, { secret: c.reviewKey, body: upload });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ revision: 2, resolved: expect.arrayContaining([reused!.fingerprint]), kept: expect.arrayContaining([kept!.fingerprint]) });
    expect(added.body.added.length).toBeGreaterThan(0);

    const r2 = await findings(c);
    expect(r2.find((f) => f.fingerprint === kept!.fingerprint)).toMatchObject({ status: "will_fix", statusBy: "Ana" });
    expect((await call("GET", `/api/comparisons/${c.id}/comments?fingerprint=${kept!.fingerprint}`)).body.comments).toHaveLength(1);
    const diff = await call("GET", `/api/comparisons/${c.id}/revisions/compare?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.removed.map((f: Finding) => f.fingerprint)).toContain(reused!.fingerprint);
    expect(diff.body.added.map((f: Finding) => f.fingerprint).sort()).toEqual([...added.body.added].sort());
    expect((await call("GET", `/api/comparisons/${c.id}/revisions`)).body.revisions.map((r: { number: number }) => r.number)).toEqual([1, 2]);
    // the stored comparison now shows revision 2, without the new secret
    const stored = await call("GET", `/api/comparisons/${c.id}`);
    expect(JSON.stringify(stored.body)).not.toContain("Prod-Only-Secret-55aa77");

    // two uploads at once: each gets its own number, or a 409 — never a half-stored revision
    const both = await Promise.all([1, 2].map(() => call("POST", `/api/comparisons/${c.id}/revisions`, { secret: c.reviewKey, body: upload })));
    for (const r of both) expect([201, 409]).toContain(r.status);
    const numbers = both.filter((r) => r.status === 201).map((r) => r.body.revision as number).sort();
    expect(numbers.length).toBeGreaterThan(0);
    const listed = (await call("GET", `/api/comparisons/${c.id}/revisions`)).body.revisions.map((r: { number: number }) => r.number);
    expect(listed).toEqual([1, 2, ...numbers]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("answers 410 Gone for revoked links, each link on its own", async () => {
    const c = await create();
    const r = await call("POST", `/api/comparisons/${c.id}/revoke`, { secret: c.ownerToken, body: { link: "view" } });
    expect(r.status).toBe(200);
    expect(r.body.viewRevokedAt).toBeTruthy();
    expect((await call("GET", `/api/comparisons/${c.id}/findings`)).status).toBe(410);
    expect((await call("GET", `/api/comparisons/${c.id}`)).status).toBe(410);
    expect((await call("GET", `/api/comparisons/${c.id}/findings`, { secret: c.reviewKey })).status).toBe(200);
    // the page of the revoked view link answers 410 and says so; the review link's page still works
    const page = await fetch(`${app.server.url}/c/${c.id}`);
    expect(page.status).toBe(410);
    expect(page.headers.get("x-compose-parity-status")).toBeNull();
    expect(await page.text()).toContain("Its owner revoked this link.");
    expect((await fetch(`${app.server.url}/c/${c.id}?key=${c.reviewKey}`)).status).toBe(200);
    await call("POST", `/api/comparisons/${c.id}/revoke`, { secret: c.ownerToken, body: { link: "review" } });
    expect((await fetch(`${app.server.url}/c/${c.id}?key=${c.reviewKey}`)).status).toBe(410);
    const gone = await call("GET", `/api/comparisons/${c.id}/activity`, { secret: c.reviewKey });
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe("GONE");
    // the owner sees the link settings (the review key may not)
    expect((await call("GET", `/api/comparisons/${c.id}/expiry`, { secret: c.reviewKey })).status).toBe(410);
    const settings = await call("GET", `/api/comparisons/${c.id}/expiry`, { secret: c.ownerToken });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ expiresAt: null, viewRevokedAt: r.body.viewRevokedAt, reviewRevokedAt: expect.any(String) });
    // the owner still sees the log of what happened
    const log = await call("GET", `/api/comparisons/${c.id}/activity`, { secret: c.ownerToken });
    expect(log.body.activity.map((a: { action: string }) => a.action)).toEqual(["link.revoke", "link.revoke"]);
  });

  it("sets expiry (owner), answers 410 once expired, deletes with every row, and purge-expired removes expired ones", async () => {
    const expiring = await create();
    const deleted = await create();
    const kept = await create();
    const e = await call("PUT", `/api/comparisons/${expiring.id}/expiry`, { secret: expiring.ownerToken, body: { expiresIn: "1d" } });
    expect(e.status).toBe(200);
    const at = Date.parse(e.body.expiresAt);
    expect(at - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect(at - Date.now()).toBeLessThan(25 * 3600_000);
    expect((await call("PUT", `/api/comparisons/${expiring.id}/expiry`, { secret: expiring.ownerToken, body: { expiresIn: "2d" } })).status).toBe(422);

    // fill every table for the one to delete
    const [f] = await findings(deleted);
    await call("PATCH", `/api/comparisons/${deleted.id}/findings/${f!.fingerprint}`, { secret: deleted.reviewKey, body: { status: "fixed", by: "Ana", expectedVersion: 0 } });
    await call("POST", `/api/comparisons/${deleted.id}/comments`, { secret: deleted.reviewKey, body: { fingerprint: f!.fingerprint, author: "Ana", body: "hi" } });
    await call("POST", `/api/comparisons/${deleted.id}/sign-offs`, { secret: deleted.reviewKey, body: { name: "Lead" } });

    // a day passes for `expiring`
    const before = await withDatabase(async (db) => {
      await db.sql.query(`UPDATE comparison SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expiring.id]);
      return db.sql.query<Record<string, string | number>>(TABLE_COUNTS, [deleted.id]);
    });
    for (const [table, n] of Object.entries(before[0] ?? {})) expect(Number(n), table).toBeGreaterThan(0);

    expect((await call("GET", `/api/comparisons/${expiring.id}/findings`)).status).toBe(410);
    expect((await call("GET", `/api/comparisons/${expiring.id}/findings`, { secret: expiring.reviewKey })).status).toBe(410);
    expect((await call("GET", `/api/comparisons/${expiring.id}`)).status).toBe(410);

    const del = await fetch(`${app.server.url}/api/comparisons/${deleted.id}`, { method: "DELETE", headers: { authorization: `Bearer ${deleted.ownerToken}` } });
    expect(del.status).toBe(204);
    expect((await call("GET", `/api/comparisons/${deleted.id}`)).status).toBe(404);
    expect((await call("GET", `/api/comparisons/${deleted.id}/findings`)).status).toBe(404);

    // purge-expired: on PostgreSQL while the app serves; on PGlite with the app stopped (it refuses otherwise)
    if (app.tdb.kind === "pglite") {
      const refused = await runPurge(app.tdb.env, app.server.url);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/only one process may open/);
    }
    const counts = await whileStopped(async () => {
      const run = await runPurge(app.tdb.env, app.server.url);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('"deleted":1');
      const db = await openDatabase(app.tdb.options);
      try {
        const count = async (id: string) => (await db.sql.query<Record<string, string | number>>(TABLE_COUNTS, [id]))[0];
        return { deleted: await count(deleted.id), expiring: await count(expiring.id), kept: await count(kept.id) };
      } finally {
        await db.close();
      }
    });
    for (const [table, n] of Object.entries(counts.deleted ?? {})) expect(Number(n), `deleted: ${table}`).toBe(0);
    for (const [table, n] of Object.entries(counts.expiring ?? {})) expect(Number(n), `expired: ${table}`).toBe(0);
    expect(Number(counts.kept?.comparison)).toBe(1);
    expect((await call("GET", `/api/comparisons/${kept.id}/findings`)).status).toBe(200);
  });
});

function runPurge(env: Record<string, string | undefined>, serverUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const u = new URL(serverUrl);
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "scripts", "purge-expired.ts")], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: u.hostname, PORT: u.port, LOG_LEVEL: "info", ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
