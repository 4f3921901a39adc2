import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { AnalysisError, InvalidInputError } from "./errors";
import { createComparison, sha256Hex } from "./create-comparison";
import { getComparison } from "./get-comparison";
import { PROD_COMPOSE as prodCompose, PROD_ENV as prodEnv, SAMPLE_SECRETS as SECRETS, sampleUpload } from "./testing/django-sample";

const sampleInput = (): unknown => sampleUpload();

const KEY = "k".repeat(40);

async function countRows(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["comparison", "revision", "environment", "uploaded_file", "finding"]) {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`);
    out[t] = row?.n ?? -1;
  }
  return out;
}

describe("createComparison / getComparison (PGlite in memory)", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ pgliteDir: "memory://" });
    await migrateDatabase({ driver: db.sql });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("stores revision 1 with environments, redacted files, findings and models, and reads it back", async () => {
    const created = await createComparison({ db, input: sampleInput(), fingerprintKey: KEY, publicUrl: "https://parity.example.com/" });
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(created.reviewKey).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(created.ownerToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.url).toBe(`https://parity.example.com/c/${created.id}`);
    expect(created.reviewUrl).toBe(`/c/${created.id}?key=${created.reviewKey}`);

    const [row] = await db.sql.query<{ review_key_hash: string; owner_token_hash: string; title: string }>(
      `SELECT review_key_hash, owner_token_hash, title FROM comparison WHERE id = $1`,
      [created.id],
    );
    expect(row).toEqual({ review_key_hash: sha256Hex(created.reviewKey), owner_token_hash: sha256Hex(created.ownerToken), title: "Django app" });

    const stored = await getComparison({ db, id: created.id });
    expect(stored?.status).toBe("ok");
    if (stored?.status !== "ok") return;
    expect(stored.title).toBe("Django app");
    expect(stored.revisions).toEqual([{ number: 1, createdAt: expect.any(Date), score: stored.revision.result.summary.score }]);
    expect(stored.revision.number).toBe(1);
    expect(stored.revision.environments.map((e) => [e.name, e.role, e.position])).toEqual([
      ["dev", "development", 0],
      ["prod", "production", 1],
    ]);
    const prodFiles = stored.revision.environments[1]?.files ?? [];
    expect(prodFiles.map((f) => [f.name, f.path, f.kind])).toEqual([
      ["docker-compose.prod.yml", "docker-compose.prod.yml", "compose"],
      ["prod.env-sample", ".env.prod", "env"],
    ]);
    expect(prodFiles[1]?.size).toBe(Buffer.byteLength(prodEnv));
    expect(prodFiles[1]?.sha256).toBe(sha256Hex(prodEnv));
    expect(prodFiles[1]?.content).toContain("SECRET_KEY=••••");
    // line layout kept
    expect(prodFiles[0]?.content.split("\n")).toHaveLength(prodCompose.split("\n").length);

    const result = stored.revision.result;
    expect(result.findings.length).toBeGreaterThan(0);
    expect(stored.revision.findings.map((f) => f.fingerprint).sort()).toEqual(result.findings.map((f) => f.id).sort());
    expect(stored.revision.findings.every((f) => f.status === "open" && f.version === 0 && f.statusReason === null)).toBe(true);
    expect(result.findings.some((f) => f.rule === "backing-service-engine" || f.message.toLowerCase().includes("sqlite"))).toBe(true);

    expect(Object.keys(stored.revision.models)).toEqual(["dev", "prod"]);
    const prodModel = stored.revision.models.prod as { services: Record<string, { image?: string; environment?: Record<string, string> }> };
    expect(prodModel.services.db?.image).toBe("postgres:16");
    expect(prodModel.services.web?.environment?.DATABASE_URL).toBe("postgres://app:••••@db/app");
    expect(prodModel.services.web?.environment?.DEBUG).toBeUndefined();
  });

  it("infers roles from names when none is given", async () => {
    const created = await createComparison({ db, input: sampleInput(), fingerprintKey: KEY });
    expect(created.url).toBe(`/c/${created.id}`);
    const stored = await getComparison({ db, id: created.id });
    expect(stored?.status === "ok" && stored.revision.result.environments.map((e) => e.role)).toEqual(["development", "production"]);
  });

  it("keeps no secret value in any text or JSON column of any table", async () => {
    await createComparison({ db, input: sampleInput(), fingerprintKey: KEY });
    const columns = await db.sql.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb')`,
    );
    const tables = new Set(columns.map((c) => c.table_name));
    expect(tables).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    for (const t of ["comparison", "revision", "environment", "uploaded_file", "finding"]) expect(tables.has(t)).toBe(true);
    let scanned = 0;
    for (const { table_name, column_name } of columns) {
      const rows = await db.sql.query<{ v: string | null }>(`SELECT "${column_name}"::text AS v FROM "${table_name}"`);
      for (const { v } of rows) {
        if (v === null) continue;
        scanned++;
        for (const secret of SECRETS) expect(v, `${table_name}.${column_name}`).not.toContain(secret);
      }
    }
    expect(scanned).toBeGreaterThan(20);
    // the plaintext does reach the analysis: the masked forms are there
    const [file] = await db.sql.query<{ content: string }>(`SELECT content FROM uploaded_file WHERE name = 'docker-compose.prod.yml' LIMIT 1`);
    expect(file?.content).toContain("postgres://app:••••@db/app");
  });

  it("stores nothing when an environment fails to load, and names the first error as uploaded", async () => {
    const before = await countRows(db);
    const input = sampleInput() as { environments: { files: { name: string; as?: string; content: string }[] }[] };
    input.environments[1]!.files[0] = { name: "prod-compose.txt", as: "docker-compose.prod.yml", content: "services:\n  web:\n    image: [unclosed\n" };
    const error = await createComparison({ db, input, fingerprintKey: KEY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalysisError);
    const a = error as AnalysisError;
    expect(a.code).toBe("YAML_SYNTAX");
    expect(a.file).toBe("prod-compose.txt");
    expect(a.environment).toBe("prod");
    expect(a.line).toBeGreaterThanOrEqual(3);
    expect(a.col).toBeGreaterThanOrEqual(1);
    expect(a.issues.some((i) => i.severity === "error")).toBe(true);
    expect(await countRows(db)).toEqual(before);
  });

  it("rejects invalid input with the offending path and stores nothing", async () => {
    const before = await countRows(db);
    const cases: [unknown, string][] = [
      [{ environments: [{ name: "dev", files: [{ name: "a.yml", content: "" }] }] }, "environments"],
      [{ ...(sampleInput() as object), extra: 1 }, ""],
      [{ environments: [{ name: "dev", files: [{ name: "a.yml", content: "" }] }, { name: "dev", files: [{ name: "b.yml", content: "" }] }] }, "environments.1.name"],
      [{ environments: [{ name: "dev", files: [] }, { name: "prod", files: [{ name: "b.yml", content: "" }] }] }, "environments.0.files"],
      [{ title: "x".repeat(201), environments: [] }, "title"],
      [{ environments: [{ name: "dev", role: "qa", files: [{ name: "a.yml", content: "" }] }, { name: "p", files: [{ name: "b.yml", content: "" }] }] }, "environments.0.role"],
    ];
    for (const [input, path] of cases) {
      const error = await createComparison({ db, input, fingerprintKey: KEY }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).path).toBe(path);
    }
    expect(await countRows(db)).toEqual(before);
  });

  it("returns null for an unknown id or revision, and gone for expired or revoked comparisons", async () => {
    expect(await getComparison({ db, id: "nope" })).toBeNull();
    const { id } = await createComparison({ db, input: sampleInput(), fingerprintKey: KEY });
    expect(await getComparison({ db, id, revision: 2 })).toBeNull();
    expect((await getComparison({ db, id, revision: 1 }))?.status).toBe("ok");

    await db.prisma.comparison.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    expect((await getComparison({ db, id }))?.status).toBe("ok");
    expect(await getComparison({ db, id, now: new Date(Date.now() + 120_000) })).toEqual({ status: "gone", id, reason: "expired" });

    await db.prisma.comparison.update({ where: { id }, data: { expiresAt: null, viewRevokedAt: new Date() } });
    expect(await getComparison({ db, id })).toEqual({ status: "gone", id, reason: "revoked" });
    // a revoked view link does not hide the comparison from a checked review link; expiry does
    expect((await getComparison({ db, id, access: "review" }))?.status).toBe("ok");
    await db.prisma.comparison.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await getComparison({ db, id, access: "review" })).toEqual({ status: "gone", id, reason: "expired" });
  });
});
