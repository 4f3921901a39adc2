import { describe, expect, it } from "vitest";
import { diffFindingReviews } from "./diff-finding-reviews";
import type { FindingReview } from "./schemas";

const review = (fingerprint: string, over: Partial<FindingReview> = {}): FindingReview => ({
  fingerprint,
  revision: 1,
  rule: "image-drift",
  severity: "high",
  service: "web",
  key: null,
  message: "m",
  status: "open",
  statusReason: null,
  statusBy: null,
  statusAt: null,
  version: 0,
  ...over,
});

describe("diffFindingReviews", () => {
  it("splits findings into added (after's order), removed (before's order), changed with the fields, and counts the unchanged", () => {
    const before = [review("c"), review("a"), review("b"), review("d", { severity: "low" })];
    const after = [review("z"), review("b", { status: "fixed", revision: 2 }), review("a", { revision: 2 }), review("y"), review("d", { severity: "high", message: "n" })];
    const diff = diffFindingReviews({ before, after });
    expect(diff.added.map((f) => f.fingerprint)).toEqual(["z", "y"]);
    expect(diff.removed.map((f) => f.fingerprint)).toEqual(["c"]);
    expect(diff.changed.map((c) => [c.fingerprint, c.fields])).toEqual([
      ["b", ["status"]],
      ["d", ["severity", "message"]],
    ]);
    expect(diff.changed[0]?.before.status).toBe("open");
    expect(diff.changed[0]?.after.status).toBe("fixed");
    expect(diff.unchanged).toBe(1);
  });

  it("has nothing to report between equal lists, and everything added from nothing", () => {
    expect(diffFindingReviews({ before: [review("a")], after: [review("a")] })).toEqual({ added: [], removed: [], changed: [], unchanged: 1 });
    expect(diffFindingReviews({ before: [], after: [review("a")] }).added).toHaveLength(1);
  });
});
