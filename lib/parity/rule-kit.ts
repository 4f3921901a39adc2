/**
 * What a parity rule sees and returns. A rule is a pure function of the
 * environments being compared; `compareEnvironments` gives findings their ids.
 */
import type { LoadedEnvironment, ServiceConfig } from "@/lib/compose/model";
import { formatPath, LocationIndex, type PathSegment } from "@/lib/compose/source-map";
import type { ServiceGroup } from "./match-services";
import { maskCommandSecrets, type RedactedValue } from "./redact";
import type { Finding, FindingLocation, FindingValue } from "./result-schema";
import type { Factor, Role } from "./roles";
import { createSecretMemo, type SecretMemo } from "./secret-memo";

export interface EnvironmentView {
  name: string;
  role: Role;
  env: LoadedEnvironment;
}

export interface RuleContext {
  environments: EnvironmentView[];
  groups: ServiceGroup[];
  fingerprintKey: Uint8Array | string;
}

export type FindingDraft = Omit<Finding, "id">;

export interface Rule {
  id: string;
  factor: Factor;
  title: string;
  /** one line, also used as the SARIF rule description */
  description: string;
  check: (ctx: RuleContext) => FindingDraft[];
}

/** The service of a group in one environment (undefined when absent there). */
export function serviceIn(group: ServiceGroup, view: EnvironmentView): ServiceConfig | undefined {
  const name = group.names[view.name];
  return name === undefined ? undefined : view.env.project.services?.[name];
}

export interface PresentService {
  view: EnvironmentView;
  name: string;
  service: ServiceConfig;
}

/**
 * `compute(ctx, group)` computed once per context and group, for what several rules
 * ask of the same group: the memo follows the context (and its environments), so
 * nothing outlives one comparison. Callers must not modify what it returns.
 */
export function memoPerGroup<T>(compute: (ctx: RuleContext, group: ServiceGroup) => T): (ctx: RuleContext, group: ServiceGroup) => T {
  const memos = new WeakMap<RuleContext, { environments: EnvironmentView[]; byGroup: Map<ServiceGroup, T> }>();
  return (ctx, group) => {
    let memo = memos.get(ctx);
    if (!memo || memo.environments !== ctx.environments) {
      memo = { environments: ctx.environments, byGroup: new Map() };
      memos.set(ctx, memo);
    }
    const known = memo.byGroup.get(group);
    if (known !== undefined || memo.byGroup.has(group)) return known as T;
    const out = compute(ctx, group);
    memo.byGroup.set(group, out);
    return out;
  };
}

/** Environments where the group's service is present, with its config (every rule asks; memoPerGroup). */
export const presentIn = memoPerGroup((ctx, group): readonly PresentService[] => {
  const list: PresentService[] = [];
  for (const view of ctx.environments) {
    const name = group.names[view.name];
    const service = name === undefined ? undefined : view.env.project.services?.[name];
    if (name !== undefined && service) list.push({ view, name, service });
  }
  return list;
});

/** Where `path` was written in one environment, falling back to the nearest known ancestor. */
export function locate(view: EnvironmentView, path: readonly PathSegment[]): FindingLocation | undefined {
  const known = view.env.locations;
  if (!known) return undefined;
  // a loaded environment's index follows the path itself; other maps are read by formatted path
  const index = known instanceof LocationIndex ? known : undefined;
  for (let n = path.length; n > 0; n--) {
    const prefix = n === path.length ? path : path.slice(0, n);
    const loc = index ? index.getPath(prefix) : known.get(formatPath(prefix));
    if (loc && loc.file && loc.line > 0) return { env: view.name, file: loc.file, line: loc.line, col: Math.max(1, loc.col || 1) };
  }
  return undefined;
}

/** A location whose dedup key below is equal exactly when its four fields are (`===`). */
function plainLocation(l: FindingLocation): boolean {
  return typeof l.env === "string" && typeof l.file === "string" && Number.isFinite(l.line) && Number.isFinite(l.col) && !l.env.includes("\0") && !l.file.includes("\0");
}

export function locations(...locs: (FindingLocation | undefined)[]): FindingLocation[] {
  if (locs.length === 1) {
    // nothing to deduplicate (the key below is only built, and so checked, for plain fields)
    const l = locs[0];
    if (!l) return [];
    if (typeof l.env === "string" && typeof l.file === "string" && typeof l.line === "number" && typeof l.col === "number") return [l];
  } else if (locs.length <= 8 && locs.every((l) => !l || plainLocation(l))) {
    // the few locations of a finding: compared field by field, as the keys below would compare
    const out: FindingLocation[] = [];
    for (const l of locs) {
      if (l && !out.some((o) => o.env === l.env && o.file === l.file && o.line === l.line && o.col === l.col)) out.push(l);
    }
    return out;
  }
  const seen = new Set<string>();
  const out: FindingLocation[] = [];
  for (const l of locs) {
    if (!l) continue;
    const k = `${l.env}\0${l.file}\0${l.line}\0${l.col}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(l);
  }
  return out;
}

const memos = new WeakMap<RuleContext, SecretMemo>();

/** The secret judgements of one comparison, memoised (one memo per context). */
export function secretsOf(ctx: RuleContext): SecretMemo {
  let m = memos.get(ctx);
  if (!m) {
    m = createSecretMemo({ fingerprintKey: ctx.fingerprintKey });
    memos.set(ctx, m);
  }
  return m;
}

/** A shown value for a finding; `key` decides whether it is a secret. */
export function findingValue(ctx: RuleContext, env: string, key: string, value: string | null | undefined, state?: FindingValue["state"]): FindingValue {
  if (state === "absent" || state === "unknown") return { env, state, value: null, secret: false };
  const r: RedactedValue = secretsOf(ctx).redact(key, value);
  const out: FindingValue = { env, state: "set", value: r.display, secret: r.secret };
  if (r.fingerprint) out.fingerprint = r.fingerprint;
  return out;
}

/** Plain (non-secret) shown value. */
export function plainValue(env: string, value: string | null | undefined): FindingValue {
  if (value === undefined) return { env, state: "absent", value: null, secret: false };
  return { env, state: "set", value, secret: false };
}

export function commandString(cmd: string[] | null | undefined): string | null {
  if (!cmd || !cmd.length) return null;
  return maskCommandSecrets(cmd.map((p) => (/[\s"']/.test(p) ? JSON.stringify(p) : p)).join(" "));
}

/**
 * What `a.localeCompare(b)` compares by (and with `{ numeric: true }`), built once: a collator
 * costs far more to build than to use, and the default locale does not change while a process runs.
 */
export const compareLocale = new Intl.Collator().compare;
export const compareLocaleNumeric = new Intl.Collator(undefined, { numeric: true }).compare;

/**
 * Sorts a list of strings in place exactly as `list.sort()` does (UTF-16 code unit
 * order, stable), by insertion for short lists, which spares the allocations of the
 * built-in sort on the many small lists a comparison sorts.
 */
export function sortStrings<T>(list: T[]): T[] {
  if (list.length > 16) return list.sort();
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== "string" || !(i in list)) return list.sort();
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as T;
    let j = i - 1;
    while (j >= 0 && x < (list[j] as T)) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = x;
  }
  return list;
}

/** What decides whether two findings of a rule are one shared finding (see `createSharedFindings`). */
export type FindingPlace = Pick<FindingDraft, "rule" | "service" | "key" | "severity" | "environments" | "locations">;

export interface SharedFindings {
  /**
   * Adds the finding `place` stands for: built by `build` (which must return a finding with
   * `place`'s fields) unless a finding of the same key written at the same places was added
   * before, which then only names this service too.
   */
  add: (place: FindingPlace, build: () => FindingDraft) => void;
  /** Adds a finding already built (merged like the others). */
  push: (finding: FindingDraft) => void;
  /** The findings in the order they were first added, merged ones naming the other services. */
  done: () => FindingDraft[];
}

/** Characters `placeKey` separates with; a place whose strings hold one is keyed by its JSON instead. */
const SEPARATORS = /[\u0000-\u0002]/;

/**
 * One string per place, equal exactly when the rule, key, severity, sorted environments and sorted
 * `env:file:line` of the locations are: joined with separators the strings do not hold, else as JSON.
 */
function placeKey(place: FindingPlace): string {
  const envs = sortStrings([...place.environments]);
  const locs = sortStrings(place.locations.map((l) => `${l.env}:${l.file}:${l.line}`));
  const key = place.key === null ? "\u0001" : place.key;
  const joined = `${place.rule}\u0000${key}\u0000${place.severity}\u0000${envs.length}\u0000${envs.join("\u0000")}\u0001${locs.join("\u0000")}`;
  if (!SEPARATORS.test(place.rule) && (place.key === null || !SEPARATORS.test(place.key)) && !SEPARATORS.test(place.severity) && !envs.some((e) => SEPARATORS.test(e)) && !locs.some((l) => SEPARATORS.test(l))) {
    return joined;
  }
  return `\u0002${JSON.stringify([place.rule, place.key, place.severity, envs, locs])}`;
}

/**
 * Findings of one rule that point at the same key written at the same places (an env
 * file shared by several services) become one finding, naming the other services. Only
 * the first finding of a place is built: a rule that finds the same secret in 300 services
 * builds one finding, not 300 to be merged.
 */
export function createSharedFindings(): SharedFindings {
  const out: FindingDraft[] = [];
  const byPlace = new Map<string, { finding: FindingDraft; others: string[] }>();
  const add = (place: FindingPlace, build: () => FindingDraft) => {
    if (!place.locations.length || place.service === null) {
      out.push(build());
      return;
    }
    const key = placeKey(place);
    const seen = byPlace.get(key);
    if (seen) {
      seen.others.push(place.service);
      return;
    }
    const entry = { finding: build(), others: [] as string[] };
    byPlace.set(key, entry);
    out.push(entry.finding);
  };
  return {
    add,
    push: (finding) => add(finding, () => finding),
    done() {
      for (const { finding, others } of byPlace.values()) {
        if (!others.length) continue;
        finding.message = `${finding.message.replace(/\.$/, "")} (also used by ${others.map((o) => `\`${o}\``).join(", ")}).`;
      }
      byPlace.clear();
      return out;
    },
  };
}
