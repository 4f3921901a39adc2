/**
 * depends-on-drift: a service waits for different services (or with different
 * conditions) across environments. Dependencies are compared through the service
 * matching, so a renamed dependency is the same dependency.
 */
import { isProductionLike, type Severity } from "../roles";
import { locate, locations, plainValue, presentIn, sortStrings, type FindingDraft, type Rule } from "../rule-kit";

export const dependsOnDriftRule: Rule = {
  id: "depends-on-drift",
  factor: "IX",
  title: "Startup dependencies differ",
  description: "A service depends on different services, or waits for a different condition (started vs healthy), across environments.",
  check(ctx) {
    const out: FindingDraft[] = [];
    // service name in an environment → group id
    const groupOf = new Map<string, string>();
    for (const g of ctx.groups) for (const [env, name] of Object.entries(g.names)) groupOf.set(`${env}\0${name}`, g.id);
    // group id → the first group with that id
    const groupById = new Map<string, (typeof ctx.groups)[number]>();
    for (const g of ctx.groups) if (!groupById.has(g.id)) groupById.set(g.id, g);
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      if (present.length < 2) continue;
      const deps = present.map((p) => {
        const m = new Map<string, string>();
        const dependsOn = p.service.depends_on ?? {};
        for (const dep of Object.keys(dependsOn)) m.set(groupOf.get(`${p.view.name}\0${dep}`) ?? dep, dependsOn[dep]?.condition ?? "service_started");
        for (const link of p.service.links ?? []) {
          const dep = link.split(":")[0] ?? link;
          const id = groupOf.get(`${p.view.name}\0${dep}`) ?? dep;
          if (!m.has(id)) m.set(id, "link");
        }
        return { view: p.view, name: p.name, deps: m };
      });
      const all = new Set<string>();
      for (const d of deps) for (const dep of d.deps.keys()) all.add(dep);
      for (const dep of sortStrings([...all])) {
        const depGroup = groupById.get(dep);
        // only where the dependency itself runs: a missing service is service-missing's finding
        const relevant = deps.filter((d) => !depGroup || depGroup.names[d.view.name] !== undefined);
        if (relevant.length < 2) continue;
        const states = relevant.map((d) => d.deps.get(dep) ?? "none");
        if (states.every((s) => s === states[0])) continue;
        const missingInProd = relevant.some((d, i) => states[i] === "none" && isProductionLike(d.view.role));
        const conditionOnly = states.every((s) => s !== "none");
        const severity: Severity = conditionOnly ? "low" : missingInProd ? "medium" : "low";
        out.push({
          rule: "depends-on-drift",
          factor: "IX",
          severity,
          service: group.id,
          key: dep,
          environments: relevant.map((d) => d.view.name),
          values: relevant.map((d, i) => plainValue(d.view.name, states[i] === "none" ? undefined : states[i])),
          message: conditionOnly
            ? `\`${group.id}\` waits for \`${dep}\` differently: ${relevant.map((d, i) => `${states[i]} in ${d.view.name}`).join(", ")}.`
            : `\`${group.id}\` depends on \`${dep}\` in ${relevant.filter((_, i) => states[i] !== "none").map((d) => d.view.name).join(", ")} but not in ${relevant.filter((_, i) => states[i] === "none").map((d) => d.view.name).join(", ")}.`,
          fix: "Declare the same depends_on (with `condition: service_healthy` where a healthcheck exists) in every environment.",
          locations: locations(...relevant.map((d) => locate(d.view, ["services", d.name, "depends_on"]))),
        });
      }
    }
    return out;
  },
};
