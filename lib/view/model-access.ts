/**
 * Safe reads from a stored canonical model (`unknown` JSON): the result page never
 * trusts its shape, it only picks the values it shows.
 */
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The service's config in one environment's model, or null. */
export function readModelService({ model, service }: { model: unknown; service: string | null }): Record<string, unknown> | null {
  if (service === null || !isRecord(model) || !isRecord(model.services)) return null;
  const s = Object.hasOwn(model.services, service) ? model.services[service] : undefined;
  return isRecord(s) ? s : null;
}

/** `environment` of a service config: key → value (`null` = declared without a value). */
export function readServiceEnvironment(config: Record<string, unknown> | null): Record<string, string | null> {
  const env = config?.environment;
  if (!isRecord(env)) return {};
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v === null || v === undefined ? null : String(v);
  return out;
}

export function readReplicas(config: Record<string, unknown> | null): string | null {
  const deploy = config?.deploy;
  if (!isRecord(deploy)) return null;
  const r = deploy.replicas;
  return typeof r === "number" || typeof r === "string" ? String(r) : null;
}
