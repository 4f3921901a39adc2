/**
 * admin-ui-in-production: a development/admin tool (adminer, pgadmin, flower,
 * mail catcher, redis-commander, portainer...) runs in staging/production (factor XII:
 * admin tasks should be one-off processes, not standing UIs next to the app).
 */
import { isProductionLike } from "../roles";
import { locate, locations, plainValue, presentIn, type FindingDraft, type Rule } from "../rule-kit";

export const adminUiInProductionRule: Rule = {
  id: "admin-ui-in-production",
  factor: "XII",
  title: "Admin or development tool in staging/production",
  description: "A database admin UI, task monitor, mail catcher or other development tool runs in staging or production.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      if (group.kind !== "dev-tool") continue;
      const hits = presentIn(ctx, group).filter((p) => isProductionLike(p.view.role));
      if (!hits.length) continue;
      const published = hits.some((h) => (h.service.ports ?? []).some((p) => p.published) || Object.keys(h.service.labels ?? {}).some((k) => /^traefik\.http\.routers\./.test(k)));
      out.push({
        rule: "admin-ui-in-production",
        factor: "XII",
        severity: hits.some((h) => h.view.role === "production") && published ? "medium" : "low",
        service: group.id,
        key: null,
        environments: hits.map((h) => h.view.name),
        values: hits.map((h) => plainValue(h.view.name, h.service.image ?? (h.service.build ? "built" : null))),
        message: `The tool \`${group.id}\` runs in ${hits.map((h) => h.view.name).join(", ")}${published ? " and is reachable from outside" : ""}; admin and debugging UIs widen the attack surface.`,
        fix: "Keep it in the development compose files (or a profile), or protect it behind authentication and a private network.",
        locations: locations(...hits.map((h) => locate(h.view, ["services", h.name]))),
      });
    }
    return out;
  },
};
