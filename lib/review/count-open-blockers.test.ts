import { describe, expect, it } from "vitest";
import { countOpenBlockers } from "./count-open-blockers";

describe("countOpenBlockers", () => {
  it("counts only open high and critical findings", () => {
    expect(
      countOpenBlockers({
        findings: [
          { severity: "critical", status: "open" },
          { severity: "high", status: "open" },
          { severity: "high", status: "will_fix" },
          { severity: "medium", status: "open" },
          { severity: "critical", status: "accepted_risk" },
        ],
      }),
    ).toEqual({ high: 1, critical: 1, total: 2 });
  });
});
