import { describe, expect, it } from "vitest";
import { addComment } from "./add-comment";
import { carryReviewsForward, SYSTEM_ACTOR } from "./carry-reviews-forward";
import { compareRevisions } from "./compare-revisions";
import { listActivity } from "./list-activity";
import { listComments } from "./list-comments";
import { listFindingReviews } from "./list-finding-reviews";
import { setFindingStatus } from "./set-finding-status";
import { fp, withTestDatabase, seedComparison, seedRevision, type SeedFinding } from "./testing/review-db";

const db = withTestDatabase();

async function addSeededRevision(comparisonId: string, number: number, findings: SeedFinding[]) {
  return db().prisma.$transaction(async (tx) => {
    const revisionId = await seedRevision({ tx, comparisonId, number, findings });
    return carryReviewsForward({ tx, comparisonId, revisionId, number, now: new Date("2026-11-23T12:00:00Z") });
  });
}

const byFp = async (comparisonId: string, revision?: number) =>
  Object.fromEntries((await listFindingReviews({ prisma: db().prisma, comparisonId, revision })).findings.map((f) => [f.fingerprint, f]));

describe("carryReviewsForward", () => {
  it("keeps statuses of persisting findings, resolves disappeared ones and lists new ones", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("keep") }, { fingerprint: fp("gone") }, { fingerprint: fp("fp") }]] });
    await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("keep"), status: "accepted_risk", reason: "vpn only", by: "Ana", expectedVersion: 0 });
    await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("fp"), status: "false_positive", by: "Bo", expectedVersion: 0 });
    await addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("keep"), author: "Ana", body: "see ticket" });

    const report = await addSeededRevision(c.id, 2, [{ fingerprint: fp("keep") }, { fingerprint: fp("new") }]);
    expect(report).toEqual({ kept: [fp("keep")], added: [fp("new")], reopened: [], resolved: expect.arrayContaining([fp("gone"), fp("fp")]) });

    const r2 = await byFp(c.id, 2);
    expect(r2[fp("keep")]).toMatchObject({ status: "accepted_risk", statusReason: "vpn only", statusBy: "Ana" });
    expect(r2[fp("new")]).toMatchObject({ status: "open", statusBy: null });
    const r1 = await byFp(c.id, 1);
    expect(r1[fp("gone")]).toMatchObject({ status: "fixed", statusReason: "no longer found in revision 2", statusBy: SYSTEM_ACTOR });
    // a reviewer's false positive stays what the reviewer said
    expect(r1[fp("fp")]).toMatchObject({ status: "false_positive", statusBy: "Bo" });
    // comments follow the fingerprint
    expect((await listComments({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("keep") })).map((x) => x.body)).toEqual(["see ticket"]);
    const log = await listActivity({ prisma: db().prisma, comparisonId: c.id });
    expect(log.filter((a) => a.action === "finding.resolved").map((a) => a.fingerprint).sort()).toEqual([fp("gone"), fp("fp")].sort());
  });

  it("reopens a finding that was resolved automatically and then came back", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("x") }]] });
    await addSeededRevision(c.id, 2, []);
    const report = await addSeededRevision(c.id, 3, [{ fingerprint: fp("x") }]);
    expect(report.reopened).toEqual([fp("x")]);
    expect((await byFp(c.id, 3))[fp("x")]).toMatchObject({ status: "open", statusReason: "found again in revision 3" });
  });

  it("feeds compareRevisions: added, removed, changed and unchanged", async () => {
    const c = await seedComparison({
      prisma: db().prisma,
      revisions: [[{ fingerprint: fp("same") }, { fingerprint: fp("sev"), severity: "low" }, { fingerprint: fp("old") }]],
    });
    await addSeededRevision(c.id, 2, [{ fingerprint: fp("same") }, { fingerprint: fp("sev"), severity: "high" }, { fingerprint: fp("add") }]);
    const diff = await compareRevisions({ prisma: db().prisma, comparisonId: c.id, from: 1, to: 2 });
    expect(diff.added.map((f) => f.fingerprint)).toEqual([fp("add")]);
    expect(diff.removed.map((f) => f.fingerprint)).toEqual([fp("old")]);
    expect(diff.removed[0]?.status).toBe("fixed");
    expect(diff.changed).toEqual([expect.objectContaining({ fingerprint: fp("sev"), fields: ["severity"] })]);
    expect(diff.unchanged).toBe(1);
    expect([diff.scoreFrom, diff.scoreTo]).toEqual([97, 97]);
    await expect(compareRevisions({ prisma: db().prisma, comparisonId: c.id, from: 1, to: 9 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
