/**
 * build-drift: a service is built from a different Dockerfile, stage or context
 * across environments, so development does not run the image production runs.
 */
import type { BuildConfig } from "@/lib/compose/model";
import { isProductionLike, type Severity } from "../roles";
import { locate, locations, plainValue, presentIn, type FindingDraft, type Rule } from "../rule-kit";

function describeBuild(b: BuildConfig): string {
  const context = (b.context ?? ".").replace(/\/+$/, "") || ".";
  const parts = [`context ${context}`, `dockerfile ${(b.dockerfile ?? "Dockerfile").replace(/^\.\//, "")}`];
  if (b.target) parts.push(`target ${b.target}`);
  return parts.join(", ");
}

export const buildDriftRule: Rule = {
  id: "build-drift",
  factor: "V",
  title: "Build differs",
  description: "A service is built from a different Dockerfile, build stage or context across environments.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      const built = presentIn(ctx, group).filter((p) => p.service.build);
      if (built.length < 2) continue;
      const shown = built.map((p) => describeBuild(p.service.build as BuildConfig));
      if (shown.every((s) => s === shown[0])) continue;
      const severity: Severity = built.some((p) => isProductionLike(p.view.role)) && built.some((p) => !isProductionLike(p.view.role)) ? "low" : "info";
      out.push({
        rule: "build-drift",
        factor: "V",
        severity,
        service: group.id,
        key: "build",
        environments: built.map((p) => p.view.name),
        values: built.map((p, i) => plainValue(p.view.name, shown[i])),
        message: `\`${group.id}\` is built differently: ${built.map((p, i) => `${shown[i]} in ${p.view.name}`).join("; ")}.`,
        fix: "Build one Dockerfile with stages (development stage on top of the production one), so that both share base image and dependencies.",
        locations: locations(...built.map((p) => locate(p.view, ["services", p.name, "build"]))),
      });
    }
    return out;
  },
};
