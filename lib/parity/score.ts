/**
 * The summary of a parity result: counts by severity, factor and rule, and the
 * parity score (documented in docs/result-format.md).
 */
import type { Finding, ParityResult } from "./result-schema";
import { FACTOR_IDS, SEVERITIES, type Severity } from "./roles";

/** Points a finding takes off the score. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { info: 0, low: 1, medium: 4, high: 10, critical: 25 };
/** At most this many points per rule, so one noisy rule cannot zero the score alone. */
export const RULE_CAP = 30;

export function computeScore(findings: readonly Pick<Finding, "rule" | "severity">[]): number {
  const perRule = new Map<string, number>();
  for (const f of findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + SEVERITY_WEIGHT[f.severity]);
  let penalty = 0;
  for (const p of perRule.values()) penalty += Math.min(RULE_CAP, p);
  return Math.max(0, Math.min(100, Math.round(100 - penalty)));
}

export function summarizeFindings({ findings, ruleIds }: { findings: readonly Pick<Finding, "rule" | "severity" | "factor">[]; ruleIds: readonly string[] }): ParityResult["summary"] {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byFactor: Record<string, number> = Object.fromEntries(FACTOR_IDS.map((f) => [f, 0]));
  const byRule: Record<string, number> = Object.fromEntries(ruleIds.map((r) => [r, 0]));
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byFactor[f.factor] = (byFactor[f.factor] ?? 0) + 1;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  return { total: findings.length, bySeverity, byFactor, byRule, score: computeScore(findings) };
}
