/**
 * Matches services across environments: same name first, then renamed services
 * (same kind and a similar image, build, name or command), so that `web` vs `django`
 * is one service renamed rather than two missing ones. Shared by every rule.
 */
import type { PhaseResult } from "@/lib/compose/issues";
import type { LoadedEnvironment, ServiceConfig } from "@/lib/compose/model";
import { parseImage } from "./image-ref";
import { createServiceClassifier, type ServiceKind } from "./service-kind";

export interface ServiceGroup {
  /** the name used across the result: the service's name in the first environment that has it */
  id: string;
  kind: ServiceKind;
  /** environment name → the service's name there (only environments where it is active) */
  names: Record<string, string>;
  renamed: boolean;
}

interface Member {
  env: string;
  name: string;
  service: ServiceConfig;
  kind: ServiceKind;
}

const MIN_RENAME_SCORE = 4;
const MAX_RENAME_CANDIDATES = 200;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function buildKey(svc: ServiceConfig): string | null {
  if (!svc.build) return null;
  return (svc.build.context ?? ".").replace(/^\.\//, "").replace(/\/$/, "") || ".";
}

function program(svc: ServiceConfig): string {
  const cmd = svc.command ?? [];
  return cmd.slice(0, 4).join(" ").toLowerCase();
}

function pairScore(a: Member, b: Member, uniqueKind: boolean): number {
  if (a.kind !== b.kind) return -Infinity;
  let score = 0;
  const na = normalise(a.name);
  const nb = normalise(b.name);
  if (na === nb) score += 4;
  else if (na.length >= 3 && nb.length >= 3 && (na.includes(nb) || nb.includes(na))) score += 3;
  if (a.service.image && b.service.image && parseImage(a.service.image).repository === parseImage(b.service.image).repository) score += 4;
  const ba = buildKey(a.service);
  const bb = buildKey(b.service);
  if (ba !== null && ba === bb) score += 2;
  const pa = program(a.service);
  if (pa && pa === program(b.service)) score += 1;
  if (uniqueKind && a.kind !== "other") score += 2;
  return score;
}

/**
 * Groups the active services of each environment. Loops are bounded by the
 * number of services (each merge removes a group).
 */
export function matchServices({ environments }: { environments: readonly LoadedEnvironment[] }): PhaseResult<ServiceGroup[]> {
  const groups: Member[][] = [];
  const byName = new Map<string, Member[]>();
  const classifyService = createServiceClassifier();
  for (const env of environments) {
    for (const [name, service] of Object.entries(env.project.services ?? {})) {
      const member: Member = { env: env.name, name, service, kind: classifyService({ name, service }) };
      let g = byName.get(name);
      if (!g) {
        g = [];
        byName.set(name, g);
        groups.push(g);
      }
      g.push(member);
    }
  }
  const envCount = environments.length;
  // rename matching is quadratic per round: beyond this many unmatched services, match by name only
  const incomplete = groups.filter((g) => g.length < envCount).length;
  const tryRenames = envCount > 1 && incomplete <= MAX_RENAME_CANDIDATES;
  for (let round = 0; round < groups.length && tryRenames; round++) {
    let best: { i: number; j: number; score: number } | null = null;
    for (let i = 0; i < groups.length; i++) {
      const gi = groups[i] as Member[];
      if (gi.length >= envCount) continue;
      for (let j = i + 1; j < groups.length; j++) {
        const gj = groups[j] as Member[];
        if (gi.some((m) => gj.some((n) => n.env === m.env))) continue;
        let score = -Infinity;
        for (const m of gi) {
          for (const n of gj) {
            // a kind that only these two incomplete groups have among the other environment's unmatched services
            const unique =
              groups.filter((g) => g !== gi && g.length < envCount && g.some((x) => x.env === n.env && x.kind === m.kind) && !g.some((x) => x.env === m.env)).length === 1 &&
              groups.filter((g) => g !== gj && g.length < envCount && g.some((x) => x.env === m.env && x.kind === n.kind) && !g.some((x) => x.env === n.env)).length === 1;
            score = Math.max(score, pairScore(m, n, unique));
          }
        }
        if (score >= MIN_RENAME_SCORE && (!best || score > best.score)) best = { i, j, score };
      }
    }
    if (!best) break;
    const merged = [...(groups[best.i] as Member[]), ...(groups[best.j] as Member[])];
    groups[best.i] = merged;
    groups.splice(best.j, 1);
  }
  const envOrder = new Map(environments.map((e, i) => [e.name, i]));
  const value = groups.map((g): ServiceGroup => {
    const sorted = [...g].sort((a, b) => (envOrder.get(a.env) ?? 0) - (envOrder.get(b.env) ?? 0));
    const first = sorted[0] as Member;
    const names: Record<string, string> = {};
    for (const m of sorted) names[m.env] = m.name;
    return { id: first.name, kind: first.kind, names, renamed: new Set(sorted.map((m) => m.name)).size > 1 };
  });
  return { value, issues: [] };
}
