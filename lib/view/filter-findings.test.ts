import { describe, expect, it } from "vitest";
import { EMPTY_FILTERS, filterFindings, groupFindingsByFactor, listFindingServices, parseFindingFilters, serializeFindingFilters } from "./filter-findings";
import { loadCorpusComparison } from "./testing/load-corpus-comparison";

const { result } = loadCorpusComparison({ set: "testdrivenio__django-on-docker__devprod" });

describe("finding filters in the query string", () => {
  it("reads comma-separated and repeated values and drops unknown ones", () => {
    const f = parseFindingFilters({ params: new URLSearchParams("severity=high,bogus&severity=low&factor=III,XIII&service=web&status=will_fix,nope") });
    expect(f).toEqual({ severity: ["high", "low"], factor: ["III"], service: ["web"], status: ["will_fix"] });
  });

  it("reads Next.js searchParams records", () => {
    expect(parseFindingFilters({ params: { severity: ["medium", "high"], factor: undefined } })).toEqual({ ...EMPTY_FILTERS, severity: ["medium", "high"] });
  });

  it("round-trips through serialize and keeps other parameters", () => {
    const filters = { severity: ["high" as const], factor: ["X" as const], service: ["web", "db"], status: [] };
    const qs = serializeFindingFilters({ filters, base: "env=prod&status=open" });
    const params = new URLSearchParams(qs);
    expect(params.get("env")).toBe("prod");
    expect(params.has("status")).toBe(false);
    expect(parseFindingFilters({ params })).toEqual(filters);
  });
});

describe("filterFindings", () => {
  it("keeps everything with no filter", () => {
    expect(filterFindings({ findings: result.findings, filters: EMPTY_FILTERS })).toHaveLength(result.findings.length);
  });

  it("filters by severity, factor and service together", () => {
    const got = filterFindings({ findings: result.findings, filters: { ...EMPTY_FILTERS, severity: ["medium"], factor: ["X"], service: ["web"] } });
    expect(got.map((f) => f.rule).sort()).toEqual(["command-drift", "dev-pattern-in-prod"]);
  });

  it("filters by review status, missing statuses counting as open", () => {
    const first = result.findings[0];
    if (!first) throw new Error("corpus set has findings");
    const statuses = { [first.id]: "accepted_risk" };
    expect(filterFindings({ findings: result.findings, filters: { ...EMPTY_FILTERS, status: ["accepted_risk"] }, statuses }).map((f) => f.id)).toEqual([first.id]);
    expect(filterFindings({ findings: result.findings, filters: { ...EMPTY_FILTERS, status: ["open"] }, statuses })).toHaveLength(result.findings.length - 1);
  });
});

describe("groupFindingsByFactor", () => {
  it("groups in factor order with names and loses no finding", () => {
    const groups = groupFindingsByFactor({ findings: result.findings });
    expect(groups.map((g) => g.factor)).toEqual(["III", "V", "VI", "VII", "X"]);
    expect(groups.find((g) => g.factor === "X")?.name).toBe("Dev/prod parity");
    expect(groups.reduce((n, g) => n + g.findings.length, 0)).toBe(result.findings.length);
  });

  it("lists the services findings are about", () => {
    expect(listFindingServices({ findings: result.findings }).sort()).toEqual(["db", "nginx", "web"]);
  });
});
