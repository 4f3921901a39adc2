/**
 * volume-drift: per mount target, a named volume in one environment and a bind
 * mount (or nothing) in another; and data services without persistent storage in
 * staging/production where another environment persists them.
 */
import type { VolumeConfig } from "@/lib/compose/model";
import { isProductionLike, severityRank, type Severity } from "../roles";
import { locate, locations, plainValue, presentIn, sortStrings, type FindingDraft, type Rule } from "../rule-kit";

const DATA_KINDS = new Set(["database", "cache", "queue", "search", "storage"]);

function describeMount(v: VolumeConfig | undefined): string {
  if (!v) return "none";
  if (v.type === "volume") return v.source ? `volume ${v.source}` : "anonymous volume";
  if (v.type === "bind") return `bind ${v.source ?? ""}`;
  return v.type;
}

/** A mount target without trailing slashes (`/` for the root). */
function mountTarget(target: string): string {
  return target.endsWith("/") ? target.replace(/\/+$/, "") || "/" : target || "/";
}

function persists(v: VolumeConfig): boolean {
  return (v.type === "volume" && !!v.source) || v.type === "bind";
}

export const volumeDriftRule: Rule = {
  id: "volume-drift",
  factor: "VI",
  title: "Mounts and persistence differ",
  description: "A mount target is a named volume in one environment and a bind mount or missing in another, or a data service loses its persistent storage.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      if (present.length < 2) continue;
      const data = DATA_KINDS.has(group.kind);
      const mounts = present.map((p) => {
        const m = new Map<string, { v: VolumeConfig; i: number }>();
        const volumes = p.service.volumes ?? [];
        for (let i = 0; i < volumes.length; i++) {
          const v = volumes[i] as VolumeConfig;
          m.set(mountTarget(v.target), { v, i });
        }
        return { view: p.view, name: p.name, mounts: m };
      });
      // persistence of a data service as a whole
      if (data) {
        const persisted = mounts.map((m) => [...m.mounts.values()].some(({ v }) => persists(v)));
        const lost = mounts.filter((m, i) => !persisted[i] && isProductionLike(m.view.role));
        if (lost.length && persisted.some(Boolean)) {
          out.push({
            rule: "volume-drift",
            factor: "VI",
            severity: lost.some((l) => l.view.role === "production") ? "high" : "medium",
            service: group.id,
            key: "persistence",
            environments: mounts.map((m) => m.view.name),
            values: mounts.map((m, i) => plainValue(m.view.name, persisted[i] ? "persisted" : "not persisted")),
            message: `The ${group.kind} \`${group.id}\` keeps its data in a volume in ${mounts.filter((_, i) => persisted[i]).map((m) => m.view.name).join(", ")} but not in ${lost.map((l) => l.view.name).join(", ")}, so its data is lost when the container is recreated.`,
            fix: `Mount a named volume at the ${group.kind}'s data directory in every environment that must keep data.`,
            locations: locations(...mounts.map((m) => locate(m.view, ["services", m.name, "volumes"])), ...lost.map((l) => locate(l.view, ["services", l.name]))),
          });
          continue;
        }
      }
      const targets = new Set<string>();
      for (const m of mounts) for (const t of m.mounts.keys()) targets.add(t);
      for (const target of sortStrings([...targets])) {
        const states = mounts.map((m) => m.mounts.get(target)?.v);
        const kinds = states.map((v) => (v ? (v.type === "volume" && v.source ? "named" : v.type) : "none"));
        if (kinds.every((k) => k === kinds[0])) continue;
        let severity: Severity = "low";
        const namedSomewhere = kinds.includes("named");
        mounts.forEach((m, i) => {
          if (!isProductionLike(m.view.role)) return;
          // production loses a named volume that another environment has: possible data loss
          if (namedSomewhere && kinds[i] !== "named") {
            const s: Severity = data ? "high" : "medium";
            if (severityRank(s) > severityRank(severity)) severity = s;
          }
        });
        out.push({
          rule: "volume-drift",
          factor: "VI",
          severity,
          service: group.id,
          key: target,
          environments: mounts.map((m) => m.view.name),
          values: mounts.map((m, i) => plainValue(m.view.name, describeMount(states[i]))),
          message: `\`${target}\` of \`${group.id}\` is mounted differently: ${mounts.map((m, i) => `${describeMount(states[i])} in ${m.view.name}`).join("; ")}.`,
          fix: "Use the same kind of mount everywhere: named volumes for data, bind mounts only for development source code and read-only config.",
          locations: locations(...mounts.map((m) => (m.mounts.get(target) ? locate(m.view, ["services", m.name, "volumes", m.mounts.get(target)?.i ?? 0]) : undefined))),
        });
      }
    }
    return out;
  },
};
