/**
 * restart-drift: the restart policy (`restart`, or `deploy.restart_policy.condition`)
 * differs; a production service that is not restarted after a crash or reboot matters most.
 */
import type { ServiceConfig } from "@/lib/compose/model";
import { isProductionLike, type Severity } from "../roles";
import { locate, locations, plainValue, presentIn, type FindingDraft, type Rule } from "../rule-kit";

export function restartPolicy(svc: ServiceConfig): string {
  if (typeof svc.restart === "string" && svc.restart !== "") return svc.restart;
  const policy = (svc.deploy as { restart_policy?: { condition?: string } } | undefined)?.restart_policy?.condition;
  return typeof policy === "string" ? `deploy: ${policy}` : "no";
}

const RESTARTS = (p: string) => p !== "no" && p !== "deploy: none";

export const restartDriftRule: Rule = {
  id: "restart-drift",
  factor: "IX",
  title: "Restart policy differs",
  description: "A service's restart policy differs across environments (e.g. `unless-stopped` in one, none in another).",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      if (present.length < 2) continue;
      const policies = present.map((p) => restartPolicy(p.service));
      if (policies.every((p) => p === policies[0])) continue;
      const noRestartInProd = present.some((p, i) => isProductionLike(p.view.role) && !RESTARTS(policies[i] as string)) && policies.some(RESTARTS);
      const severity: Severity = noRestartInProd ? "medium" : present.some((p) => isProductionLike(p.view.role)) ? "low" : "info";
      out.push({
        rule: "restart-drift",
        factor: "IX",
        severity,
        service: group.id,
        key: "restart",
        environments: present.map((p) => p.view.name),
        values: present.map((p, i) => plainValue(p.view.name, policies[i])),
        message: `\`${group.id}\` restarts differently: ${present.map((p, i) => `${policies[i]} in ${p.view.name}`).join(", ")}.`,
        fix: noRestartInProd
          ? "Set `restart: unless-stopped` (or `always`) for long-running services in production."
          : "Use the same restart policy everywhere so that crash behaviour is seen before production.",
        locations: locations(...present.map((p) => locate(p.view, ["services", p.name, "restart"]) ?? locate(p.view, ["services", p.name]))),
      });
    }
    return out;
  },
};
