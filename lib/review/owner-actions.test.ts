import { describe, expect, it } from "vitest";
import { addComment } from "./add-comment";
import { authorizeCapability } from "./authorize-capability";
import { deleteComparison } from "./delete-comparison";
import { listActivity } from "./list-activity";
import { purgeExpired } from "./purge-expired";
import { revokeLink } from "./revoke-link";
import { setExpiry } from "./set-expiry";
import { setFindingStatus } from "./set-finding-status";
import { signOffRevision } from "./sign-off-revision";
import { fp, withTestDatabase, seedComparison } from "./testing/review-db";

const db = withTestDatabase();

const TABLES = ["comparison", "revision", "environment", "uploaded_file", "finding", "comment", "sign_off", "activity"] as const;

async function rowsOf(id: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const q = async (sql: string) => Number((await db().sql.query<{ n: number | string }>(sql, [id]))[0]?.n ?? 0);
  out.comparison = await q(`SELECT count(*) AS n FROM comparison WHERE id = $1`);
  out.revision = await q(`SELECT count(*) AS n FROM revision WHERE comparison_id = $1`);
  out.environment = await q(`SELECT count(*) AS n FROM environment e JOIN revision r ON r.id = e.revision_id WHERE r.comparison_id = $1`);
  out.uploaded_file = await q(`SELECT count(*) AS n FROM uploaded_file f JOIN environment e ON e.id = f.environment_id JOIN revision r ON r.id = e.revision_id WHERE r.comparison_id = $1`);
  out.finding = await q(`SELECT count(*) AS n FROM finding f JOIN revision r ON r.id = f.revision_id WHERE r.comparison_id = $1`);
  out.comment = await q(`SELECT count(*) AS n FROM comment WHERE comparison_id = $1`);
  out.sign_off = await q(`SELECT count(*) AS n FROM sign_off s JOIN revision r ON r.id = s.revision_id WHERE r.comparison_id = $1`);
  out.activity = await q(`SELECT count(*) AS n FROM activity WHERE comparison_id = $1`);
  return out;
}

async function totalRows(): Promise<number> {
  let n = 0;
  for (const t of TABLES) n += Number((await db().sql.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${t}`))[0]?.n ?? 0);
  return n;
}

describe("setExpiry", () => {
  it("sets 1, 7 or 30 days from now, or never, and the link answers GONE after it", async () => {
    const c = await seedComparison({ prisma: db().prisma });
    const now = new Date("2026-11-23T10:00:00Z");
    expect(await setExpiry({ prisma: db().prisma, comparisonId: c.id, expiresIn: "7d", now })).toEqual({ expiresAt: "2026-11-30T10:00:00.000Z" });
    expect(await setExpiry({ prisma: db().prisma, comparisonId: c.id, expiresIn: "30d", now })).toEqual({ expiresAt: "2026-12-23T10:00:00.000Z" });
    await setExpiry({ prisma: db().prisma, comparisonId: c.id, expiresIn: "1d", now });
    await expect(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, need: "view", now: new Date("2026-11-24T10:00:01Z") })).rejects.toMatchObject({ code: "GONE" });
    expect(await setExpiry({ prisma: db().prisma, comparisonId: c.id, expiresIn: "never", now })).toEqual({ expiresAt: null });
    await expect(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, need: "view", now: new Date("2099-01-01T00:00:00Z") })).resolves.toMatchObject({ capability: "view" });
    expect((await listActivity({ prisma: db().prisma, comparisonId: c.id })).filter((a) => a.action === "expiry.set")).toHaveLength(4);
  });
});

describe("revokeLink", () => {
  it("revokes the view link and the review link separately, once", async () => {
    const c = await seedComparison({ prisma: db().prisma });
    const first = await revokeLink({ prisma: db().prisma, comparisonId: c.id, link: "view", now: new Date("2026-11-23T10:00:00Z") });
    expect(first).toEqual({ viewRevokedAt: "2026-11-23T10:00:00.000Z", reviewRevokedAt: null });
    const again = await revokeLink({ prisma: db().prisma, comparisonId: c.id, link: "view", now: new Date("2026-11-24T10:00:00Z") });
    expect(again.viewRevokedAt).toBe("2026-11-23T10:00:00.000Z");
    await expect(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, need: "view" })).rejects.toMatchObject({ code: "GONE" });
    await expect(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.reviewKey, need: "review" })).resolves.toMatchObject({ capability: "review" });
    await revokeLink({ prisma: db().prisma, comparisonId: c.id, link: "review" });
    await expect(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.reviewKey, need: "review" })).rejects.toMatchObject({ code: "GONE" });
    expect((await listActivity({ prisma: db().prisma, comparisonId: c.id })).filter((a) => a.action === "link.revoke")).toHaveLength(2);
  });
});

describe("deleteComparison", () => {
  it("removes the comparison and its rows from every table, leaving others alone", async () => {
    const keep = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("k") }]] });
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }], [{ fingerprint: fp("a") }]] });
    const rev = await db().prisma.revision.findFirstOrThrow({ where: { comparisonId: c.id }, select: { id: true } });
    const env = await db().prisma.environment.create({ data: { revisionId: rev.id, name: "dev", role: "development", position: 0 }, select: { id: true } });
    await db().prisma.uploadedFile.create({ data: { environmentId: env.id, position: 0, name: ".env", path: ".env", kind: "env", content: "A=1", size: 3, sha256: "0".repeat(64) }, select: { id: true } });
    await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), status: "fixed", by: "Ana", expectedVersion: 0 });
    await addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), author: "Ana", body: "hi" });
    await signOffRevision({ prisma: db().prisma, comparisonId: c.id, name: "Lead" });
    const before = await rowsOf(c.id);
    for (const t of TABLES) expect(before[t], t).toBeGreaterThan(0);
    const keepBefore = await rowsOf(keep.id);

    expect(await deleteComparison({ prisma: db().prisma, comparisonId: c.id })).toEqual({ deleted: true });
    expect(Object.values(await rowsOf(c.id))).toEqual(TABLES.map(() => 0));
    expect(await rowsOf(keep.id)).toEqual(keepBefore);
    await expect(deleteComparison({ prisma: db().prisma, comparisonId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("purgeExpired", () => {
  it("deletes only comparisons whose expiry has passed, in batches", async () => {
    const now = new Date("2030-06-01T00:00:00Z");
    const base = await totalRows();
    const expired = await Promise.all([1, 2, 3].map(() => seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("e") }]], expiresAt: new Date("2030-05-31T00:00:00Z") })));
    const later = await seedComparison({ prisma: db().prisma, expiresAt: new Date("2030-06-02T00:00:00Z") });
    const never = await seedComparison({ prisma: db().prisma });
    // and those created earlier in this file (no expiry, or expiry 2026) — 2026 ones are expired too
    const { deleted } = await purgeExpired({ prisma: db().prisma, now, batchSize: 2 });
    expect(deleted).toBeGreaterThanOrEqual(3);
    for (const e of expired) expect((await rowsOf(e.id)).comparison).toBe(0);
    expect((await rowsOf(later.id)).comparison).toBe(1);
    expect((await rowsOf(never.id)).comparison).toBe(1);
    expect(await totalRows()).toBeLessThan(base + 3 * 3 + 2 * 2);
    expect((await purgeExpired({ prisma: db().prisma, now })).deleted).toBe(0);
  });
});
