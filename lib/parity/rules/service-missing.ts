/**
 * service-missing: a service present in some environments only. Renamed services
 * (matched by `matchServices`) are reported once, as a rename.
 */
import { isProductionLike, severityRank, type Severity } from "../roles";
import { locate, locations, plainValue, type EnvironmentView, type FindingDraft, type Rule } from "../rule-kit";
import type { ServiceGroup } from "../match-services";
import type { ServiceKind } from "../service-kind";

const RUNTIME: ServiceKind[] = ["app", "worker", "scheduler"];
const BACKING: ServiceKind[] = ["database", "cache", "queue", "search", "storage", "mail"];

function severityFor(kind: ServiceKind, missingIn: EnvironmentView, presentIn: EnvironmentView[]): Severity {
  if (kind === "dev-tool" || kind === "job") return "low";
  if (isProductionLike(missingIn.role)) {
    if (RUNTIME.includes(kind)) return missingIn.role === "production" ? "high" : "medium";
    return "medium";
  }
  // missing in development / other: present only where production runs
  if (presentIn.some((v) => isProductionLike(v.role))) {
    if (kind === "proxy" || RUNTIME.includes(kind) || BACKING.includes(kind)) return "medium";
    return "low";
  }
  return "low";
}

const KIND_WORDS: Partial<Record<ServiceKind, string>> = {
  app: "app service",
  worker: "background worker",
  scheduler: "scheduler",
  proxy: "reverse proxy",
  database: "database",
  cache: "cache",
  queue: "message broker",
  search: "search engine",
  mail: "mail service",
  "dev-tool": "development tool",
  job: "one-off job",
};

function describe(group: ServiceGroup): string {
  const what = KIND_WORDS[group.kind];
  return what ? `${what} \`${group.id}\`` : `service \`${group.id}\``;
}

export const serviceMissingRule: Rule = {
  id: "service-missing",
  factor: "X",
  title: "Service present in some environments only",
  description: "A service runs in some environments and not in others (renamed services are matched and reported once as a rename).",
  check(ctx) {
    const out: FindingDraft[] = [];
    if (ctx.environments.length < 2) return out;
    for (const group of ctx.groups) {
      const present = ctx.environments.filter((v) => group.names[v.name] !== undefined);
      const missing = ctx.environments.filter((v) => group.names[v.name] === undefined);
      const locs = locations(...present.map((v) => locate(v, ["services", group.names[v.name] as string])));
      const values = ctx.environments.map((v) => plainValue(v.name, group.names[v.name]));
      if (missing.length === 0) {
        if (!group.renamed) continue;
        const names = present.map((v) => `\`${group.names[v.name]}\` in ${v.name}`).join(", ");
        out.push({
          rule: "service-missing",
          factor: "X",
          severity: "info",
          service: group.id,
          key: "rename",
          environments: present.map((v) => v.name),
          values,
          message: `The ${describe(group)} has different names across environments (${names}); it is matched as one renamed service.`,
          fix: "Use the same service name in every environment so that scripts, logs and links refer to one name.",
          locations: locs,
        });
        continue;
      }
      let severity: Severity = "info";
      for (const m of missing) {
        const s = severityFor(group.kind, m, present);
        if (severityRank(s) > severityRank(severity)) severity = s;
      }
      const inactive = missing.filter((v) => v.env.inactiveServices?.includes(group.id));
      const why = inactive.length ? ` (left out by inactive profiles in ${inactive.map((v) => v.name).join(", ")})` : "";
      const renamedNote = group.renamed ? ` (named ${present.map((v) => `\`${group.names[v.name]}\` in ${v.name}`).join(", ")})` : "";
      out.push({
        rule: "service-missing",
        factor: "X",
        severity,
        service: group.id,
        key: null,
        environments: ctx.environments.map((v) => v.name),
        values,
        message: `The ${describe(group)}${renamedNote} runs in ${present.map((v) => v.name).join(", ")} but not in ${missing.map((v) => v.name).join(", ")}${why}.`,
        fix:
          group.kind === "dev-tool" || group.kind === "job"
            ? "Fine if it is a development aid; otherwise add it to the other environments."
            : missing.some((v) => isProductionLike(v.role))
              ? "Add the service to the production compose files, or document where production gets it from (managed service, another host)."
              : "Run the same service in development so that it is exercised before production (e.g. in a compose profile).",
        locations: locs,
      });
    }
    return out;
  },
};
