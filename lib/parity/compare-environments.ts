/**
 * Compares two or more loaded environments for dev/prod parity gaps and returns the
 * documented result (docs/result-format.md). Pure: no I/O; never throws (a failing
 * rule becomes an INTERNAL issue); secret values never appear in the result.
 */
import { hash } from "node:crypto";
import type { LoadedEnvironment, ServiceConfig } from "@/lib/compose/model";
import { matchServices, type ServiceGroup } from "./match-services";
import { createDeepScrub, createScrubber, type DeepScrub } from "./redact";
import { RESULT_VERSION, type Finding, type ParityResult, type ServiceCell } from "./result-schema";
import { inferRole, severityRank, type Role } from "./roles";
import { commandString, compareLocale, compareLocaleNumeric, secretsOf, sortStrings, type EnvironmentView, type FindingDraft, type RuleContext } from "./rule-kit";
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
  const parts = [rule, service ?? "", key ?? "", sortStrings([...environments]).join(",")];
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

/**
 * How the values of a matrix cell are written: as they are (`AS_IS`), or already as
 * `scrubDeep` would leave them (`value(v, depth)` copies and scrubs, `text` scrubs a string
 * built here), so that the matrix is built once instead of built and then copied.
 */
interface CellWriter {
  value: (v: unknown, depth: number) => unknown;
  text: (s: string) => string;
}
const AS_IS: CellWriter = { value: (v) => v, text: (s) => s };

/** Depth of a cell's fields in the result: result → services → row → cells → cell → field. */
const FIELD_DEPTH = 5;

function cellFor(view: EnvironmentView, group: ServiceGroup, w: CellWriter = AS_IS): ServiceCell {
  const name = group.names[view.name];
  const svc = name === undefined ? undefined : view.env.project.services?.[name];
  const d = FIELD_DEPTH;
  if (name === undefined || !svc) {
    const inactive = Object.values(group.names).some((n) => view.env.inactiveServices?.includes(n));
    return {
      env: w.value(view.name, d) as string,
      name: inactive ? (w.value(group.id, d) as string) : null,
      state: inactive ? (w.text("inactive") as "inactive") : (w.text("absent") as "absent"),
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
  const build = buildSummary(svc);
  const command = commandString(svc.command);
  return {
    env: w.value(view.name, d) as string,
    name: w.value(name, d) as string,
    state: w.text("present") as "present",
    image: w.value(svc.image ?? null, d) as string | null,
    build: build === null ? null : w.text(build),
    command: command === null ? null : w.text(command),
    ports: (svc.ports ?? []).map((p) => w.text(`${p.host_ip ? `${p.host_ip}:` : ""}${p.published ? `${p.published}:` : ""}${p.target}/${p.protocol}`)),
    expose: (svc.expose ?? []).map((e) => w.text(String(e))),
    volumes: (svc.volumes ?? []).map((v) => w.text(`${v.type}:${v.source ? `${v.source}:` : ""}${v.target}${v.read_only ? ":ro" : ""}`)),
    envKeys: sortedKeys(svc.environment, w.text, "*"),
    dependsOn: sortedKeys(svc.depends_on, w.text),
    restart: typeof svc.restart === "string" ? w.text(svc.restart) : null,
    healthcheck: !!svc.healthcheck && svc.healthcheck.disable !== true,
    profiles: w.value(svc.profiles ?? [], d) as string[],
  };
}

/** The sorted keys of `record` (but `except`), each written with `text`. */
function sortedKeys(record: object | undefined, text: (s: string) => string, except?: string): string[] {
  let keys = Object.keys(record ?? {});
  if (except !== undefined && keys.includes(except)) keys = keys.filter((k) => k !== except);
  sortStrings(keys);
  for (let i = 0; i < keys.length; i++) keys[i] = text(keys[i] as string);
  return keys;
}

const RESULT_KEYS = ["version", "environments", "services", "graph", "findings", "issues", "summary"];
const ROW_KEYS = ["id", "kind", "renamed", "cells"];
const CELL_KEYS = ["env", "name", "state", "image", "build", "command", "ports", "expose", "volumes", "envKeys", "dependsOn", "restart", "healthcheck", "profiles"];

/** Keys the result copy never scrubs (ids and fingerprints are not secrets). */
const UNSCRUBBED = new Set(["id", "fingerprint"]);

const hasOwn = Object.prototype.hasOwnProperty;

/** What `deep.copy({ id, ...draft }, 2)` gives (a finding in the result's list), without the intermediate object. */
function scrubbedFinding(draft: FindingDraft, id: string, deep: DeepScrub): Finding {
  const out: Record<string, unknown> = {};
  out[deep.key("id")] = id; // `UNSCRUBBED`
  for (const k in draft) {
    if (!hasOwn.call(draft, k)) continue;
    const x = (draft as unknown as Record<string, unknown>)[k];
    out[deep.key(k)] = UNSCRUBBED.has(k) ? x : deep.copy(x, 3);
  }
  return out as unknown as Finding;
}

const AUTH_LABEL = /(basicauth|digestauth)\.users$/i;

/** Every secret value (or secret part of a value) the environments hold, for scrubbing. */
function collectSecrets(views: readonly EnvironmentView[], { classify }: SecretMemo): string[] {
  const out: string[] = [];
  const add = (key: string, value: unknown) => {
    if (typeof value !== "string") return;
    const c = classify(key, value);
    if (c.secret) out.push(...c.parts);
  };
  for (const v of views) {
    const variables = v.env.variables ?? {};
    for (const k of Object.keys(variables)) add(k, variables[k]?.value);
    for (const svc of Object.values(v.env.project.services ?? {})) {
      const environment = svc.environment ?? {};
      for (const k of Object.keys(environment)) add(k, environment[k]);
      const labels = svc.labels ?? {};
      for (const k of Object.keys(labels)) if (AUTH_LABEL.test(k)) add("HTPASSWD", labels[k]);
      const args = svc.build?.args ?? {};
      for (const k of Object.keys(args)) add(k, args[k]);
    }
  }
  return out;
}

/** The graph of each environment, copied (every node with its own `ports` and `profiles` lists). */
function plainGraph(views: readonly EnvironmentView[]): ParityResult["graph"] {
  return Object.fromEntries(
    views.map((v) => [
      v.name,
      {
        nodes: (v.env.graph?.nodes ?? []).map((n) => ({ ...n, ports: [...(n.ports ?? [])], profiles: [...(n.profiles ?? [])] })),
        edges: (v.env.graph?.edges ?? []).map((e) => ({ ...e })),
      },
    ]),
  );
}

/** What `deep.copy(plainGraph(views), 1)` gives, copied once instead of twice. */
function scrubbedGraph(views: readonly EnvironmentView[], deep: DeepScrub): ParityResult["graph"] {
  const ports = deep.key("ports");
  const profiles = deep.key("profiles");
  const graph: Record<string, unknown> = {};
  for (const v of views) {
    // graph (1) → environment (2) → nodes (3) → node (4)
    const nodes = (v.env.graph?.nodes ?? []).map((n) => {
      const c = deep.copy(n, 4) as Record<string, unknown>;
      // as the spread in `plainGraph` does: a missing list is added last, a null or undefined one set to `[]` in place
      if (c[ports] == null) c[ports] = [];
      if (c[profiles] == null) c[profiles] = [];
      return c;
    });
    const edges = (v.env.graph?.edges ?? []).map((e) => deep.copy(e, 4));
    graph[deep.key(v.name)] = { [deep.key("nodes")]: nodes, [deep.key("edges")]: edges };
  }
  return graph as ParityResult["graph"];
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
      const found = rule.check(ctx);
      for (let i = 0; i < found.length; i++) drafts.push(found[i] as FindingDraft);
    } catch (e) {
      issues.push({ env: "*", code: "INTERNAL", severity: "error", message: `rule ${rule.id} failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  const ruleOrder = new Map(RULES.map((r, i) => [r.id, i]));
  // services and keys ordered as `localeCompare` orders them (the second numerically), each distinct string collated once
  const serviceOrder = collationRanks(
    drafts.map((d) => d.service ?? ""),
    compareLocale,
  );
  const keyOrder = collationRanks(
    drafts.map((d) => d.key ?? ""),
    compareLocaleNumeric,
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
  const ids = drafts.map((d) => {
    const base = findingId({ rule: d.rule, service: d.service, key: d.key, environments: d.environments });
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n === 0 ? base : findingId({ rule: d.rule, service: d.service, key: d.key, environments: d.environments, occurrence: n });
  });

  // like CI log masking: a secret value that shows up anywhere else (a command, a database name) is masked too.
  // Worked out before the result is assembled, so that the service matrix is written already scrubbed; should it
  // fail, the result is still assembled first (as it always was), so that the same error surfaces.
  let masking: { scrub: (s: string) => string; deep: DeepScrub } | undefined;
  let maskingError: unknown;
  try {
    // the names in the project, only asked for when some secret value is long enough to be scrubbed
    const names = () => {
      const out = new Set<string>();
      for (const v of all) {
        for (const [svcName, svc] of Object.entries(v.env.project?.services ?? {})) {
          out.add(svcName);
          for (const part of (svc.image ?? "").split(/[/:@.]/)) if (part) out.add(part);
        }
      }
      return out;
    };
    const scrub = createScrubber(collectSecrets(all, secretsOf(ctx)), { names });
    masking = { scrub, deep: createDeepScrub(scrub, UNSCRUBBED) };
  } catch (e) {
    maskingError = e;
  }
  // unless a secret is also one of the matrix's key names (then the assembled result is scrubbed as a whole)
  const direct = masking !== undefined && [...RESULT_KEYS, ...ROW_KEYS, ...CELL_KEYS].every((k) => masking.deep.key(k) === k);
  const writer: CellWriter = direct && masking ? { value: masking.deep.copy, text: masking.scrub } : AS_IS;

  const environmentsPart = all.map((v) => ({
    name: v.name,
    role: v.role,
    status: views.includes(v) ? ("loaded" as const) : ("failed" as const),
    files: v.env.files ?? [],
    activeProfiles: v.env.activeProfiles ?? [],
  }));
  // row ids are not scrubbed (`UNSCRUBBED`)
  const services = groups.map((g) => ({
    id: g.id,
    kind: writer.value(g.kind, 3) as ServiceGroup["kind"],
    renamed: writer.value(g.renamed, 3) as boolean,
    cells: views.map((v) => cellFor(v, g, writer)),
  }));
  const graph = direct && masking ? scrubbedGraph(views, masking.deep) : plainGraph(views);
  const summary = summarizeFindings({ findings: drafts, ruleIds: RULES.map((r) => r.id) });
  if (!masking) throw maskingError;
  const { deep } = masking;
  if (!direct) {
    const findings: Finding[] = drafts.map((d, i) => ({ id: ids[i] as string, ...d }));
    return deep.copy({ version: RESULT_VERSION, environments: environmentsPart, services, graph, findings, issues, summary }, 0) as ParityResult;
  }
  return {
    version: deep.copy(RESULT_VERSION, 1) as ParityResult["version"],
    environments: deep.copy(environmentsPart, 1) as ParityResult["environments"],
    services,
    graph,
    findings: drafts.map((d, i) => scrubbedFinding(d, ids[i] as string, deep)),
    issues: deep.copy(issues, 1) as ParityResult["issues"],
    summary: deep.copy(summary, 1) as ParityResult["summary"],
  };
}
