/**
 * healthcheck-drift: a healthcheck present in one environment and absent (or
 * disabled) in another, or a different test command.
 */
import type { ServiceConfig } from "@/lib/compose/model";
import { isProductionLike, type Severity } from "../roles";
import { locate, locations, plainValue, presentIn, type FindingDraft, type Rule } from "../rule-kit";

function describeCheck(svc: ServiceConfig): string | undefined {
  const hc = svc.healthcheck;
  if (!hc || hc.disable === true) return undefined;
  const test = hc.test;
  if (Array.isArray(test)) {
    if (test[0] === "NONE") return undefined;
    const parts = test[0] === "CMD" || test[0] === "CMD-SHELL" ? test.slice(1) : test;
    return parts.map(String).join(" ");
  }
  return typeof test === "string" ? test : "(inherited from the image)";
}

const TIMING_KEYS = ["interval", "timeout", "retries", "start_period", "start_interval"] as const;

function timingOf(svc: ServiceConfig): string {
  const hc = svc.healthcheck ?? {};
  return TIMING_KEYS.filter((k) => hc[k] !== undefined && hc[k] !== null)
    .map((k) => `${k} ${String(hc[k])}`)
    .join(", ");
}

export const healthcheckDriftRule: Rule = {
  id: "healthcheck-drift",
  factor: "IX",
  title: "Healthcheck differs",
  description: "A service has a healthcheck in one environment and none (or a different test) in another.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      if (present.length < 2) continue;
      const checks = present.map((p) => describeCheck(p.service));
      if (checks.every((c) => c === checks[0])) {
        // same test: compare timing (interval, timeout, retries, start_period)
        if (checks[0] === undefined) continue;
        const timings = present.map((p) => timingOf(p.service));
        if (timings.every((t) => t === timings[0])) continue;
        out.push({
          rule: "healthcheck-drift",
          factor: "IX",
          severity: "info",
          service: group.id,
          key: "healthcheck.timing",
          environments: present.map((p) => p.view.name),
          values: present.map((p, i) => plainValue(p.view.name, timings[i] || "defaults")),
          message: `\`${group.id}\` checks its health on a different schedule: ${present.map((p, i) => `${timings[i] || "defaults"} in ${p.view.name}`).join("; ")}.`,
          fix: "Use the same healthcheck timing everywhere, or document why production needs a longer start period.",
          locations: locations(...present.map((p) => locate(p.view, ["services", p.name, "healthcheck"]))),
        });
        continue;
      }
      const missingInProd = present.some((p, i) => isProductionLike(p.view.role) && checks[i] === undefined);
      const presence = checks.some((c) => c === undefined);
      const severity: Severity = missingInProd ? "medium" : presence ? "low" : "info";
      out.push({
        rule: "healthcheck-drift",
        factor: "IX",
        severity,
        service: group.id,
        key: "healthcheck",
        environments: present.map((p) => p.view.name),
        values: present.map((p, i) => plainValue(p.view.name, checks[i] ?? undefined)),
        message: presence
          ? `\`${group.id}\` has a healthcheck in ${present.filter((_, i) => checks[i] !== undefined).map((p) => p.view.name).join(", ")} but none in ${present.filter((_, i) => checks[i] === undefined).map((p) => p.view.name).join(", ")}.`
          : `\`${group.id}\` checks its health differently: ${present.map((p, i) => `\`${checks[i]}\` in ${p.view.name}`).join(", ")}.`,
        fix: "Define the same healthcheck in every environment so that depends_on conditions and restarts behave alike.",
        locations: locations(...present.map((p) => locate(p.view, ["services", p.name, "healthcheck"]))),
      });
    }
    return out;
  },
};
