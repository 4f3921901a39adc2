import { describe, expect, it } from "vitest";
import { ReviewError } from "./errors";
import { listActivity } from "./list-activity";
import { listFindingReviews } from "./list-finding-reviews";
import { setFindingStatus } from "./set-finding-status";
import { fp, withTestDatabase, seedComparison } from "./testing/review-db";

const db = withTestDatabase();

describe("setFindingStatus", () => {
  it("sets status, reason, who and when, bumps the version and logs it", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }]] });
    const now = new Date("2026-11-23T10:00:00Z");
    const r = await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), status: "accepted_risk", reason: "internal only", by: "Ana", expectedVersion: 0, now });
    expect(r).toMatchObject({ status: "accepted_risk", statusReason: "internal only", statusBy: "Ana", statusAt: now.toISOString(), version: 1, revision: 1 });
    const log = await listActivity({ prisma: db().prisma, comparisonId: c.id });
    expect(log).toEqual([expect.objectContaining({ actor: "Ana", action: "status.set", fingerprint: fp("a"), detail: { from: "open", to: "accepted_risk", reason: "internal only", revision: 1 } })]);
  });

  it("applies to the latest revision", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }], [{ fingerprint: fp("a") }]] });
    await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), status: "will_fix", by: "Bo", expectedVersion: 0 });
    expect((await listFindingReviews({ prisma: db().prisma, comparisonId: c.id, revision: 1 })).findings[0]?.status).toBe("open");
    expect((await listFindingReviews({ prisma: db().prisma, comparisonId: c.id })).findings[0]?.status).toBe("will_fix");
  });

  it("refuses a stale version with CONFLICT carrying the newer state", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }]] });
    await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), status: "will_fix", by: "Ana", expectedVersion: 0 });
    const err = await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), status: "false_positive", by: "Bo", expectedVersion: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReviewError);
    expect((err as ReviewError).code).toBe("CONFLICT");
    expect((err as ReviewError).current).toMatchObject({ status: "will_fix", statusBy: "Ana", version: 1 });
  });

  it("lets exactly one of two concurrent updates with the same expected version win", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }]] });
    const results = await Promise.allSettled(
      (["Ana", "Bo"] as const).map((by, i) =>
        setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), status: i === 0 ? "fixed" : "false_positive", by, expectedVersion: 0 }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    const err = failed[0]?.reason as ReviewError;
    expect(err.code).toBe("CONFLICT");
    const winner = (ok[0] as PromiseFulfilledResult<{ statusBy: string | null; status: string }>).value;
    expect(err.current).toMatchObject({ version: 1, statusBy: winner.statusBy, status: winner.status });
    expect((await listActivity({ prisma: db().prisma, comparisonId: c.id })).filter((a) => a.action === "status.set")).toHaveLength(1);
  });

  it("answers NOT_FOUND for an unknown finding", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[]] });
    const err = await setFindingStatus({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("zz"), status: "fixed", by: "Ana", expectedVersion: 0 }).catch((e: unknown) => e);
    expect((err as ReviewError).code).toBe("NOT_FOUND");
  });
});
