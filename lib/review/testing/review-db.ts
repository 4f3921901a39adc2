/**
 * Test helpers for lib/review: an in-memory PGlite database with every migration
 * applied, and a seeded comparison (known review key and owner token) whose
 * revisions hold the given findings.
 */
import { afterAll, beforeAll } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import type { Prisma } from "@/lib/generated/prisma/client";
import { RESULT_VERSION, type ParityResult } from "@/lib/parity/result-schema";
import { hashSecret } from "../authorize-capability";

export async function openTestDatabase(): Promise<Database> {
  const db = await openDatabase({ pgliteDir: "memory://" });
  await migrateDatabase({ driver: db.sql });
  return db;
}

/**
 * A migrated test database for the test file that calls it (at its top level): opened
 * before its tests, closed after. `db()` is the database, once the tests run.
 */
export function withTestDatabase(): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error("withTestDatabase(): the database is open only while the tests run");
    return db;
  };
}

export interface SeedFinding {
  fingerprint: string;
  severity?: "info" | "low" | "medium" | "high" | "critical";
  rule?: string;
  message?: string;
}

export interface SeededComparison {
  id: string;
  reviewKey: string;
  ownerToken: string;
}

let counter = 0;

export function emptyResult(score = 100): ParityResult {
  return {
    version: RESULT_VERSION,
    environments: [],
    services: [],
    graph: {},
    findings: [],
    issues: [],
    summary: { total: 0, bySeverity: { info: 0, low: 0, medium: 0, high: 0, critical: 0 }, byFactor: {}, byRule: {}, score },
  };
}

/** Stores one revision with these findings (all `open`, version 0). */
export async function seedRevision({ tx, comparisonId, number, findings }: { tx: Prisma.TransactionClient; comparisonId: string; number: number; findings: SeedFinding[] }): Promise<string> {
  const rev = await tx.revision.create({
    data: { comparisonId, number, score: 100 - findings.length, result: emptyResult(100 - findings.length) as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  if (findings.length) {
    await tx.finding.createMany({
      data: findings.map((f) => ({
        revisionId: rev.id,
        fingerprint: f.fingerprint,
        rule: f.rule ?? "env-missing",
        factor: "III",
        severity: f.severity ?? "medium",
        message: f.message ?? `finding ${f.fingerprint}`,
      })),
    });
  }
  return rev.id;
}

export async function seedComparison({ prisma, revisions = [[]], expiresAt = null }: { prisma: Database["prisma"]; revisions?: SeedFinding[][]; expiresAt?: Date | null }): Promise<SeededComparison> {
  counter++;
  const id = `cmp${counter}x${Math.random().toString(36).slice(2, 12)}`;
  const reviewKey = `review-${id}-key`;
  const ownerToken = `owner-${id}-token`;
  await prisma.$transaction(async (tx) => {
    await tx.comparison.create({ data: { id, reviewKeyHash: hashSecret(reviewKey), ownerTokenHash: hashSecret(ownerToken), expiresAt }, select: { id: true } });
    for (const [i, findings] of revisions.entries()) await seedRevision({ tx, comparisonId: id, number: i + 1, findings });
  });
  return { id, reviewKey, ownerToken };
}

/** A 16-hex fingerprint from a short label (readable tests). */
export function fp(label: string): string {
  return Buffer.from(label).toString("hex").padEnd(16, "0").slice(0, 16);
}
