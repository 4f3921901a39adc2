/**
 * Compares two or more loaded environments for dev/prod parity gaps and returns the
 * documented result (docs/result-format.md). Pure: no I/O; never throws (a failing
 * rule becomes an INTERNAL issue); secret values never appear in the result.
 */
import { hash } from "node:crypto";
import type { LoadedEnvironment, ServiceConfig } from "@/lib/compose/model";
import { matchServices, type ServiceGroup } from "./match-services";
import { createScrubber, scrubDeep } from "./redact";
import { RESULT_VERSION, type Finding, type ParityResult, type ServiceCell } from "./result-schema";
import { inferRole, severityRank, type Role } from "./roles";
import { commandString, secretsOf, type EnvironmentView, type FindingDraft, type RuleContext } from "./rule-kit";
import { RULES } from "./rules";
import type { SecretMemo } from "./secret-memo";
import { summarizeFindings } from "./score";

export interface CompareEnvironmentsOptions {
  environments: { env: LoadedEnvironment; role?: Role }[];
  /** key of the HMAC fingerprints of secret values (random per CLI run unless FINGERPRINT_KEY is set) */
  fingerprintKey: Uint8Array | string;
}

/** First 16 hex of sha256 over rule, service, key and the sorted environment names. */
export function findingId({ rule, service, key, environments, occurrence = 0 }: { rule: string; service: string | null; key: string | null; environments: readonly string[]; occurrence?: number }): string {
  const parts = [rule, service ?? "", key ?? "", [...environments].sort().join(",")];
  if (occurrence > 0) parts.push(String(occurrence));
  return hash("sha256", parts.join("\u001f"), "hex").slice(0, 16);
}

/**
 * The rank of each distinct string in `compare`'s order; strings that compare equal
 * share a rank, so rank differences order like `compare` itself.
 */
function collationRanks(strings: readonly string[], compare: (a: string, b: string) => number): Map<string, number> {
  const sorted = [...new Set(strings)].sort(compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((s, i) => {
    if (i > 0 && compare(sorted[i - 1] as string, s) !== 0) rank++;
    ranks.set(s, rank);
  });
  return ranks;
}

function buildSummary(svc: ServiceConfig): string | null {
  if (!svc.build) return null;
  const extra = [svc.build.dockerfile, svc.build.target ? `target ${svc.build.target}` : undefined].filter(Boolean);
  return `${svc.build.context ?? "."}${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

function cellFor(view: EnvironmentView, group: ServiceGroup): ServiceCell {
  const name = group.names[view.name];
  const svc = name === undefined ? undefined : view.env.project.services?.[name];
  if (name === undefined || !svc) {
    const inactive = Object.values(group.names).some((n) => view.env.inactiveServices?.includes(n));
    return {
      env: view.name,
      name: inactive ? group.id : null,
      state: inactive ? "inactive" : "absent",
      image: null,
      build: null,
      command: null,
      ports: [],
      expose: [],
      volumes: [],
      envKeys: [],
      dependsOn: [],
      restart: null,
      healthcheck: false,
      profiles: [],
    };
  }
  return {
    env: view.name,
    name,
    state: "present",
    image: svc.image ?? null,
    build: buildSummary(svc),
    command: commandString(svc.command),
    ports: (svc.ports ?? []).map((p) => `${p.host_ip ? `${p.host_ip}:` : ""}${p.published ? `${p.published}:` : ""}${p.target}/${p.protocol}`),
    expose: (svc.expose ?? []).map(String),
    volumes: (svc.volumes ?? []).map((v) => `${v.type}:${v.source ? `${v.source}:` : ""}${v.target}${v.read_only ? ":ro" : ""}`),
    envKeys: Object.keys(svc.environment ?? {}).filter((k) => k !== "*").sort(),
    dependsOn: Object.keys(svc.depends_on ?? {}).sort(),
    restart: typeof svc.restart === "string" ? svc.restart : null,
    healthcheck: !!svc.healthcheck && svc.healthcheck.disable !== true,
    profiles: svc.profiles ?? [],
  };
}

/** Every secret value (or secret part of a value) the environments hold, for scrubbing. */
function collectSecrets(views: readonly EnvironmentView[], { classify }: SecretMemo): string[] {
  const out: string[] = [];
  const add = (key: string, value: unknown) => {
    if (typeof value !== "string") return;
    const c = classify(key, value);
    if (c.secret) out.push(...c.parts);
  };
  for (const v of views) {
    for (const [k, x] of Object.entries(v.env.variables ?? {})) add(k, x?.value);
    for (const svc of Object.values(v.env.project.services ?? {})) {
      for (const [k, x] of Object.entries(svc.environment ?? {})) add(k, x);
      for (const [k, x] of Object.entries(svc.labels ?? {})) if (/(basicauth|digestauth)\.users$/i.test(k)) add("HTPASSWD", x);
      for (const [k, x] of Object.entries(svc.build?.args ?? {})) add(k, x);
    }
  }
  return out;
}

function uniqueNames(environments: CompareEnvironmentsOptions["environments"]): EnvironmentView[] {
  const seen = new Map<string, number>();
  return environments.map(({ env, role }) => {
    const base = env.name || "env";
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const name = n === 1 ? base : `${base}-${n}`;
    return { name, role: role ?? inferRole(name), env: name === env.name ? env : { ...env, name } };
  });
}

/** An environment that did not load: errors and not a single service. */
function failedToLoad(env: LoadedEnvironment): boolean {
  return (env.issues ?? []).some((i) => i.severity === "error") && Object.keys(env.project?.services ?? {}).length === 0;
}

export function compareEnvironments(options: CompareEnvironmentsOptions): ParityResult {
  try {
    return compareUnsafe(options);
  } catch (e) {
    // never throw: an unexpected shape becomes an INTERNAL issue on an empty, valid result
    const names = options.environments.map((x, i) => x.env?.name || `env-${i + 1}`);
    return {
      version: RESULT_VERSION,
      environments: options.environments.map((x, i) => ({
        name: names[i] as string,
        role: x.role ?? inferRole(names[i] as string),
        status: "failed" as const,
        files: [],
        activeProfiles: [],
      })),
      services: [],
      graph: {},
      findings: [],
      issues: [{ env: "*", code: "INTERNAL", severity: "error", message: `comparison failed: ${e instanceof Error ? e.message : String(e)}` }],
      summary: summarizeFindings({ findings: [], ruleIds: RULES.map((r) => r.id) }),
    };
  }
}

function compareUnsafe({ environments, fingerprintKey }: CompareEnvironmentsOptions): ParityResult {
  const all = uniqueNames(environments);
  const views = all.filter((v) => !failedToLoad(v.env));
  const groups = matchServices({ environments: views.map((v) => v.env) }).value;
  const ctx: RuleContext = { environments: views, groups, fingerprintKey };
  const issues: ParityResult["issues"] = [];
  for (const v of all) {
    for (const i of v.env.issues ?? []) {
      issues.push({ env: v.name, code: i.code, severity: i.severity, message: i.message, file: i.file, line: i.line, col: i.col, path: i.path });
    }
  }

  const drafts: FindingDraft[] = [];
  for (const rule of RULES) {
    try {
      drafts.push(...rule.check(ctx));
    } catch (e) {
      issues.push({ env: "*", code: "INTERNAL", severity: "error", message: `rule ${rule.id} failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  const ruleOrder = new Map(RULES.map((r, i) => [r.id, i]));
  // services and keys ordered as `localeCompare` orders them (the second numerically), each distinct string collated once
  const serviceOrder = collationRanks(
    drafts.map((d) => d.service ?? ""),
    new Intl.Collator().compare,
  );
  const keyOrder = collationRanks(
    drafts.map((d) => d.key ?? ""),
    new Intl.Collator(undefined, { numeric: true }).compare,
  );
  const sortKeys = new Map(
    drafts.map((d) => [d, [-severityRank(d.severity), ruleOrder.get(d.rule) ?? 0, serviceOrder.get(d.service ?? "") ?? 0, keyOrder.get(d.key ?? "") ?? 0]] as const),
  );
  drafts.sort((a, b) => {
    const ka = sortKeys.get(a) as readonly number[];
    const kb = sortKeys.get(b) as readonly number[];
    return (ka[0] as number) - (kb[0] as number) || (ka[1] as number) - (kb[1] as number) || (ka[2] as number) - (kb[2] as number) || (ka[3] as number) - (kb[3] as number);
  });
  const used = new Map<string, number>();
  const findings: Finding[] = drafts.map((d) => {
    const base = findingId({ rule: d.rule, service: d.service, key: d.key, environments: d.environments });
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    const id = n === 0 ? base : findingId({ rule: d.rule, service: d.service, key: d.key, environments: d.environments, occurrence: n });
    return { id, ...d };
  });

  const result: ParityResult = {
    version: RESULT_VERSION,
    environments: all.map((v) => ({
      name: v.name,
      role: v.role,
      status: views.includes(v) ? ("loaded" as const) : ("failed" as const),
      files: v.env.files ?? [],
      activeProfiles: v.env.activeProfiles ?? [],
    })),
    services: groups.map((g) => ({ id: g.id, kind: g.kind, renamed: g.renamed, cells: views.map((v) => cellFor(v, g)) })),
    graph: Object.fromEntries(
      views.map((v) => [
        v.name,
        {
          nodes: (v.env.graph?.nodes ?? []).map((n) => ({ ...n, ports: [...(n.ports ?? [])], profiles: [...(n.profiles ?? [])] })),
          edges: (v.env.graph?.edges ?? []).map((e) => ({ ...e })),
        },
      ]),
    ),
    findings,
    issues,
    summary: summarizeFindings({ findings, ruleIds: RULES.map((r) => r.id) }),
  };
  // like CI log masking: a secret value that shows up anywhere else (a command, a database name) is masked too
  const names = new Set<string>();
  for (const v of all) {
    for (const [svcName, svc] of Object.entries(v.env.project?.services ?? {})) {
      names.add(svcName);
      for (const part of (svc.image ?? "").split(/[/:@.]/)) if (part) names.add(part);
    }
  }
  const scrub = createScrubber(collectSecrets(all, secretsOf(ctx)), { names });
  return scrubDeep(result, scrub, new Set(["id", "fingerprint"]));
}
