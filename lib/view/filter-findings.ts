/**
 * Findings on the result page: filters read from and written to the URL query string
 * (so a filtered view can be shared), filtering, and grouping by Twelve-Factor factor.
 */
import { z } from "zod";
import type { Finding } from "@/lib/parity/result-schema";
import { FACTORS, FACTOR_IDS, SEVERITIES, type Factor, type Severity } from "@/lib/parity/roles";
import { FINDING_STATUSES, type FindingStatus } from "./view-types";

const list = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").split(",").map((x) => x.trim()).filter((x): x is T => (values as readonly string[]).includes(x)))
    .transform((xs) => [...new Set(xs)]);

/** `?severity=high,medium&factor=III&service=web&status=open` — unknown values are dropped, never an error. */
export const findingFiltersSchema = z.object({
  severity: list<Severity>(SEVERITIES),
  factor: list<Factor>(FACTOR_IDS),
  service: z
    .string()
    .optional()
    .transform((s) => [...new Set((s ?? "").split(",").map((x) => x.trim()).filter(Boolean))]),
  status: list<FindingStatus>(FINDING_STATUSES),
});
export type FindingFilters = z.infer<typeof findingFiltersSchema>;

export const EMPTY_FILTERS: FindingFilters = { severity: [], factor: [], service: [], status: [] };
const FILTER_KEYS = ["severity", "factor", "service", "status"] as const;

export function parseFindingFilters({ params }: { params: URLSearchParams | Record<string, string | string[] | undefined> }): FindingFilters {
  const get = (k: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.getAll(k).join(",") || undefined;
    const v = params[k];
    return Array.isArray(v) ? v.join(",") : v;
  };
  return findingFiltersSchema.parse(Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k)])));
}

/** Writes the filters into `base` (other parameters kept), omitting empty ones. */
export function serializeFindingFilters({ filters, base = "" }: { filters: FindingFilters; base?: string }): string {
  const params = new URLSearchParams(base);
  for (const k of FILTER_KEYS) {
    if (filters[k].length) params.set(k, filters[k].join(","));
    else params.delete(k);
  }
  return params.toString();
}

export function statusOf({ id, statuses }: { id: string; statuses: Record<string, string> }): FindingStatus {
  const s = statuses[id];
  return s && (FINDING_STATUSES as readonly string[]).includes(s) ? (s as FindingStatus) : "open";
}

export function filterFindings({
  findings,
  filters,
  statuses = {},
}: {
  findings: readonly Finding[];
  filters: FindingFilters;
  /** review status per finding id; missing = open */
  statuses?: Record<string, string>;
}): Finding[] {
  return findings.filter(
    (f) =>
      (!filters.severity.length || filters.severity.includes(f.severity)) &&
      (!filters.factor.length || filters.factor.includes(f.factor as Factor)) &&
      (!filters.service.length || (f.service !== null && filters.service.includes(f.service))) &&
      (!filters.status.length || filters.status.includes(statusOf({ id: f.id, statuses }))),
  );
}

export interface FactorGroup {
  factor: Factor;
  name: string;
  findings: Finding[];
}

/** Groups findings by factor in factor order (I…XII), keeping each group's order; empty factors are left out. */
export function groupFindingsByFactor({ findings }: { findings: readonly Finding[] }): FactorGroup[] {
  return FACTOR_IDS.map((factor) => ({ factor, name: FACTORS[factor], findings: findings.filter((f) => f.factor === factor) })).filter(
    (g) => g.findings.length > 0,
  );
}

/** The services findings are about, for the service filter (in first-seen order). */
export function listFindingServices({ findings }: { findings: readonly Finding[] }): string[] {
  return [...new Set(findings.map((f) => f.service).filter((s): s is string => s !== null))];
}
