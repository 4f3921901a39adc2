/**
 * Configuration comes only from environment variables (twelve-factor III),
 * validated once at start-up. Documented in `.env.example` and the README.
 */
import { z } from "zod";

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
  .refine((s) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  }, "is not a valid URL");

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const configSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(["development", "production", "test"]).default("production")),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyToUndefined, z.string().min(1).default("127.0.0.1")),
  DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.optional()),
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().min(1).default("./.data/pglite")),
  FINGERPRINT_KEY: z.preprocess(
    emptyToUndefined,
    z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  ),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  MAX_UPLOAD_BYTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(2 * 1024 * 1024)),
  // new comparisons per client address per minute; 0 turns the limit off
  RATE_LIMIT_CREATE_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(1_000_000).default(30)),
  // parsed revision results kept in memory for the result page (lib/view/revision-cache.ts), in MiB; 0 turns it off
  RESULT_CACHE_MB: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1_000_000).default(64)),
  // rendered result pages kept in memory and replayed to identical requests (lib/http/serve-result-page.ts), in MiB; 0 turns it off
  PAGE_CACHE_MB: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1_000_000).default(32)),
  // worker threads that analyse uploads (lib/comparisons/analysis-pool.ts); 0 = in the request's thread;
  // unset: one fewer than the CPUs, at least 1 and at most 4 (defaultAnalysisWorkers)
  ANALYSIS_WORKERS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(64).optional()),
});

/** ANALYSIS_WORKERS when unset: leave one CPU to the server's own thread, use at least 1 and at most 4. */
export function defaultAnalysisWorkers(cpus: number): number {
  return Math.min(4, Math.max(1, cpus - 1));
}

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(
    public readonly variable: string,
    detail: string,
  ) {
    super(`invalid configuration: ${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const variable = String(first?.path[0] ?? "environment");
  const raw = env[variable];
  const shown = variable === "DATABASE_URL" || variable === "FINGERPRINT_KEY" ? "" : raw === undefined ? "" : ` (got ${JSON.stringify(raw)})`;
  throw new ConfigError(variable, `${first?.message ?? "is invalid"}${shown}`);
}

let cached: Config | undefined;
/** The process configuration, parsed once. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}
