import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeUpload, type Analysis } from "@/lib/comparisons/analyze-upload";
import { createComparison, parseCreateComparisonInput, sha256Hex } from "@/lib/comparisons/create-comparison";
import { storeRevision } from "@/lib/comparisons/store-revision";
import { openDatabase, type Database } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";

const KEY = "k".repeat(40);

const sampleInput = () => ({
  title: "store",
  environments: [
    {
      name: "dev",
      files: [
        { name: "docker-compose.yml", content: "services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n    ports: [\"8000:8000\"]\n    env_file: .env\n    environment:\n      DATABASE_URL: sqlite:///db.sqlite3\n" },
        { name: ".env", content: "DEBUG=1\nSECRET_KEY=s3cr3t-DJANGO-value-XYZ\n" },
      ],
    },
    {
      name: "prod",
      role: "production",
      files: [
        { name: "docker-compose.prod.yml", content: "services:\n  web:\n    image: example/app:1.2\n    ports: [\"80:8000\"]\n    env_file: .env.prod\n    environment:\n      DATABASE_URL: postgres://app:pa55-word-QQ@db/app\n    depends_on: [db]\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: pa55-word-QQ\n" },
        { name: "prod.env-sample", as: ".env.prod", content: "SECRET_KEY=s3cr3t-DJANGO-value-XYZ\n" },
      ],
    },
  ],
});

function analysis(): Analysis {
  return analyzeUpload({ environments: parseCreateComparisonInput(sampleInput()).environments, fingerprintKey: KEY });
}

async function counts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["comparison", "revision", "environment", "uploaded_file", "finding"]) {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`);
    out[t] = row?.n ?? -1;
  }
  return out;
}

describe(`storeRevision (one statement) on ${testDbKind()}`, () => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = await openDatabase(tdb.options);
    await migrateDatabase({ driver: db.sql });
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  // creation sends the statement through the SQL driver, a new revision through Prisma's transaction client
  const runners = [
    { via: "the SQL driver", tx: () => db.sql },
    { via: "a Prisma client", tx: () => db.prisma },
  ];

  it.each(runners)("stores the comparison, the revision and every environment, file and finding row as analysed (through $via)", async ({ via, tx }) => {
    const a = analysis();
    const createdAt = new Date("2026-01-02T03:04:05.678Z");
    const comparisonId = `cmp-store-${via.replace(/\W+/g, "-")}`;
    const reviewKeyHash = sha256Hex(comparisonId);
    const { id: revisionId } = await storeRevision({
      tx: tx(),
      comparisonId,
      number: 1,
      analysis: a,
      createdAt,
      comparison: { title: "T", reviewKeyHash, ownerTokenHash: "o".repeat(64) },
    });
    const comparison = await db.prisma.comparison.findUniqueOrThrow({ where: { id: comparisonId } });
    expect(comparison).toMatchObject({ title: "T", reviewKeyHash, ownerTokenHash: "o".repeat(64), expiresAt: null });
    const revision = await db.prisma.revision.findUniqueOrThrow({
      where: { id: revisionId },
      include: { environments: { include: { files: true } }, findings: true },
    });
    expect(revision).toMatchObject({ comparisonId, number: 1, score: a.result.summary.score, createdAt });
    expect(revision.result).toEqual(a.result);
    expect(revision.models).toEqual(a.models);
    const envs = revision.environments.sort((x, y) => x.position - y.position);
    expect(envs.map(({ name, role, position }) => ({ name, role, position }))).toEqual(a.environments.map(({ name, role, position }) => ({ name, role, position })));
    envs.forEach((env, i) => {
      const files = env.files.sort((x, y) => x.position - y.position).map(({ position, name, path, kind, content, size, sha256 }) => ({ position, name, path, kind, content, size, sha256 }));
      expect(files).toEqual(a.environments[i]?.files);
    });
    expect(a.result.findings.length).toBeGreaterThan(3);
    expect(a.result.findings.some((f) => f.service === null || f.key === null)).toBe(true);
    const byFingerprint = new Map(revision.findings.map((f) => [f.fingerprint, f]));
    expect(byFingerprint.size).toBe(a.result.findings.length);
    for (const f of a.result.findings) {
      expect(byFingerprint.get(f.id)).toMatchObject({ rule: f.rule, factor: f.factor, severity: f.severity, service: f.service, key: f.key, message: f.message, status: "open", version: 0 });
    }
  });

  it.each(runners)("stores nothing at all when any row of the statement fails (through $via)", async ({ tx }) => {
    const before = await counts(db);
    const a = analysis();
    const first = a.result.findings[0];
    expect(first).toBeDefined();
    // two findings with one fingerprint break the (revision, fingerprint) unique key: the last insert of the statement
    const broken: Analysis = { ...a, result: { ...a.result, findings: [...a.result.findings, first!] } };
    await expect(
      storeRevision({ tx: tx(), comparisonId: "cmp-store-broken", number: 1, analysis: broken, comparison: { title: "", reviewKeyHash: "b".repeat(64), ownerTokenHash: "b".repeat(64) } }),
    ).rejects.toThrow(/unique/i);
    expect(await counts(db)).toEqual(before);
  });

  it("refuses a revision number that is taken (the unique error add-revision turns into CONFLICT)", async () => {
    const { id } = await createComparison({ db, input: sampleInput(), fingerprintKey: KEY });
    const before = await counts(db);
    await expect(db.prisma.$transaction((tx) => storeRevision({ tx, comparisonId: id, number: 1, analysis: analysis() }))).rejects.toThrow(/unique/i);
    expect(await counts(db)).toEqual(before);
    await db.prisma.$transaction((tx) => storeRevision({ tx, comparisonId: id, number: 2, analysis: analysis() }));
    expect(await db.prisma.revision.count({ where: { comparisonId: id } })).toBe(2);
  });
});
