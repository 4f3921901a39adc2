/**
 * The environment-variables matrix: per service, env keys × environments, each
 * cell a value (already masked in the stored model), a masked secret, missing,
 * unknown (it comes from an env file that was not given) or no service.
 * Findings about a key (their `values`) take precedence over the model, since
 * they carry the `unknown` state and secret masks.
 */
import type { Finding, ParityResult } from "@/lib/parity/result-schema";
import { MASK } from "@/lib/parity/redact";
import { readModelService, readServiceEnvironment } from "./model-access";

export type EnvCellState = "set" | "secret" | "empty" | "missing" | "unknown" | "no-service";

export interface EnvCell {
  env: string;
  state: EnvCellState;
  value: string | null;
  /** secret fingerprint (equal fingerprints = equal values) when a finding gave one */
  fingerprint?: string;
}

export interface EnvKeyRow {
  key: string;
  cells: EnvCell[];
  differs: boolean;
}

export interface ServiceEnvMatrix {
  service: string;
  envs: string[];
  keys: EnvKeyRow[];
  differing: number;
}

/** Finding keys name env vars either bare (`SECRET_KEY`) or prefixed (`env:DEBUG`). */
function findingKeyName(f: Finding): string | null {
  if (f.key === null) return null;
  return f.key.startsWith("env:") ? f.key.slice(4) : f.key;
}

export function buildEnvMatrix({ result, models }: { result: ParityResult; models: Record<string, unknown> }): ServiceEnvMatrix[] {
  const envs = result.environments.map((e) => e.name);
  const out: ServiceEnvMatrix[] = [];
  for (const row of result.services) {
    const perEnv = envs.map((env) => {
      const cell = row.cells.find((c) => c.env === env);
      const present = cell?.state === "present";
      const environment = present ? readServiceEnvironment(readModelService({ model: models[env], service: cell.name })) : {};
      return { env, present, keys: new Set(present ? cell.envKeys : []), environment };
    });
    const keys = [...new Set(perEnv.flatMap((p) => [...p.keys, ...Object.keys(p.environment)]))].sort();
    if (!keys.length) continue;
    const findings = result.findings.filter((f) => f.service === row.id);
    const rows = keys.map((key): EnvKeyRow => {
      const about = findings.filter((f) => findingKeyName(f) === key);
      const cells = perEnv.map(({ env, present, keys: declared, environment }): EnvCell => {
        if (!present) return { env, state: "no-service", value: null };
        const fv = about.flatMap((f) => f.values).find((v) => v.env === env);
        if (fv?.state === "unknown") return { env, state: "unknown", value: null };
        if (fv?.state === "set" && fv.secret) return { env, state: "secret", value: fv.value, ...(fv.fingerprint ? { fingerprint: fv.fingerprint } : {}) };
        if (Object.hasOwn(environment, key)) {
          const v = environment[key] ?? null;
          if (v === null) return { env, state: declared.has(key) ? "unknown" : "missing", value: null };
          if (v === "") return { env, state: "empty", value: "" };
          return { env, state: v.includes(MASK) ? "secret" : "set", value: v };
        }
        return { env, state: declared.has(key) ? "unknown" : "missing", value: null };
      });
      const compared = cells.filter((c) => c.state !== "no-service").map((c) => `${c.state}\u0000${c.fingerprint ?? c.value ?? ""}`);
      return { key, cells, differs: new Set(compared).size > 1 };
    });
    out.push({ service: row.id, envs, keys: rows, differing: rows.filter((r) => r.differs).length });
  }
  return out;
}
