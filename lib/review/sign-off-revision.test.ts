import { describe, expect, it } from "vitest";
import { listActivity } from "./list-activity";
import { listSignOffs } from "./list-sign-offs";
import { setFindingStatus } from "./set-finding-status";
import { signOffRevision } from "./sign-off-revision";
import { fp, withTestDatabase, seedComparison } from "./testing/review-db";

const db = withTestDatabase();

describe("signOffRevision", () => {
  it("approves the latest revision and counts open high/critical findings", async () => {
    const c = await seedComparison({
      prisma: db().prisma,
      revisions: [[], [{ fingerprint: fp("h"), severity: "high" }, { fingerprint: fp("c"), severity: "critical" }, { fingerprint: fp("m"), severity: "medium" }]],
    });
    await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("h"), status: "accepted_risk", by: "Ana", expectedVersion: 0 });
    const out = await signOffRevision({ prisma: db().prisma, comparisonId: c.id, name: "Lead", note: "ok for Friday" });
    expect(out.signOff).toMatchObject({ revision: 2, name: "Lead", note: "ok for Friday" });
    expect(out.openBlockers).toEqual({ high: 0, critical: 1, total: 1 });
    expect(await listSignOffs({ prisma: db().prisma, comparisonId: c.id, revision: 2 })).toEqual([out.signOff]);
    expect(await listSignOffs({ prisma: db().prisma, comparisonId: c.id, revision: 1 })).toEqual([]);
    expect((await listActivity({ prisma: db().prisma, comparisonId: c.id }))[0]).toMatchObject({ actor: "Lead", action: "signoff.add", detail: { revision: 2, openBlockers: 1 } });
  });

  it("approves a given earlier revision", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[], []] });
    const out = await signOffRevision({ prisma: db().prisma, comparisonId: c.id, revision: 1, name: "Lead" });
    expect(out.signOff.revision).toBe(1);
    expect(out.openBlockers.total).toBe(0);
  });

  it("answers NOT_FOUND for a revision that does not exist", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[]] });
    await expect(signOffRevision({ prisma: db().prisma, comparisonId: c.id, revision: 5, name: "Lead" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
