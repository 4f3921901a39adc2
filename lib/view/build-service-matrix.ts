/**
 * The services matrix: one row per matched service, one column per environment,
 * the settings a reviewer compares (image, ports, replicas, restart, command...),
 * each marked when it differs across the environments that have the service.
 */
import type { ParityResult, ServiceCell } from "@/lib/parity/result-schema";
import { readModelService, readReplicas } from "./model-access";

export interface MatrixField {
  label: string;
  /** one per environment column; null = not set */
  values: (string | null)[];
  /** differs across the environments where the service is present */
  differs: boolean;
}

export interface ServiceMatrixRow {
  id: string;
  kind: string;
  renamed: boolean;
  /** per environment column */
  cells: { env: string; name: string | null; state: ServiceCell["state"] | "not-loaded" }[];
  /** present in only some environments */
  partial: boolean;
  fields: MatrixField[];
}

export interface ServiceMatrix {
  envs: string[];
  rows: ServiceMatrixRow[];
}

const joinList = (xs: readonly string[]): string | null => (xs.length ? xs.join("\n") : null);

export function buildServiceMatrix({ result, models = {} }: { result: ParityResult; models?: Record<string, unknown> }): ServiceMatrix {
  const envs = result.environments.map((e) => e.name);
  const rows = result.services.map((row): ServiceMatrixRow => {
    const cells = envs.map((env) => {
      const c = row.cells.find((x) => x.env === env);
      return { env, cell: c, model: c && c.state === "present" ? readModelService({ model: models[env], service: c.name }) : null };
    });
    const pick = (label: string, get: (c: ServiceCell, model: Record<string, unknown> | null) => string | null): MatrixField => {
      const values = cells.map(({ cell, model }) => (cell && cell.state !== "absent" ? get(cell, model) : null));
      const present = cells.map(({ cell }, i) => (cell?.state === "present" ? values[i] : undefined)).filter((v) => v !== undefined);
      return { label, values, differs: new Set(present).size > 1 };
    };
    const fields = [
      pick("image", (c) => c.image),
      pick("build", (c) => c.build),
      pick("command", (c) => c.command),
      pick("ports", (c) => joinList(c.ports)),
      pick("expose", (c) => joinList(c.expose)),
      pick("replicas", (_c, m) => readReplicas(m)),
      pick("restart", (c) => c.restart),
      pick("healthcheck", (c) => (c.healthcheck ? "yes" : "no")),
      pick("volumes", (c) => joinList(c.volumes)),
      pick("depends on", (c) => joinList(c.dependsOn)),
      pick("profiles", (c) => joinList(c.profiles)),
      pick("env keys", (c) => String(c.envKeys.length)),
    ].filter((f) => f.values.some((v) => v !== null && v !== "no" && v !== "0") || f.differs);
    const states = cells.map(({ cell }) => cell?.state ?? "not-loaded");
    return {
      id: row.id,
      kind: row.kind,
      renamed: row.renamed,
      cells: cells.map(({ env, cell }) => ({ env, name: cell?.name ?? null, state: cell?.state ?? "not-loaded" })),
      partial: states.some((s) => s === "present") && states.some((s) => s === "absent" || s === "inactive"),
      fields,
    };
  });
  return { envs, rows };
}
