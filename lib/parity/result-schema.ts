/**
 * The parity result: the stable JSON contract between `compareEnvironments`,
 * the renderers, the CLI and the web app (which validates stored results with it).
 * Documented in docs/result-format.md; bump RESULT_VERSION on any breaking change.
 */
import { z } from "zod";
import { FACTOR_IDS, ROLES, SEVERITIES } from "./roles";

export const RESULT_VERSION = "1.0" as const;

export const roleSchema = z.enum(ROLES);
export const severitySchema = z.enum(SEVERITIES);
export const factorSchema = z.enum(FACTOR_IDS as [string, ...string[]]);

export const locationSchema = z.object({
  env: z.string(),
  file: z.string(),
  line: z.number().int().positive(),
  col: z.number().int().positive(),
});
export type FindingLocation = z.infer<typeof locationSchema>;

/** One environment's side of a finding. Secret values appear only as a mask plus a fingerprint. */
export const findingValueSchema = z.object({
  env: z.string(),
  /** `set`: a value (maybe masked); `absent`: not there; `unknown`: it comes from a file that was not given */
  state: z.enum(["set", "absent", "unknown"]),
  value: z.string().nullable(),
  secret: z.boolean(),
  fingerprint: z.string().optional(),
});
export type FindingValue = z.infer<typeof findingValueSchema>;

export const findingSchema = z.object({
  /** first 16 hex of sha256(rule, service, key, environment names): stable across revisions */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  rule: z.string(),
  factor: factorSchema,
  severity: severitySchema,
  service: z.string().nullable(),
  key: z.string().nullable(),
  environments: z.array(z.string()),
  values: z.array(findingValueSchema),
  message: z.string(),
  fix: z.string(),
  locations: z.array(locationSchema),
});
export type Finding = z.infer<typeof findingSchema>;

export const serviceCellSchema = z.object({
  env: z.string(),
  /** the service's name in that environment (renames are matched) */
  name: z.string().nullable(),
  state: z.enum(["present", "absent", "inactive"]),
  image: z.string().nullable(),
  build: z.string().nullable(),
  command: z.string().nullable(),
  ports: z.array(z.string()),
  expose: z.array(z.string()),
  volumes: z.array(z.string()),
  envKeys: z.array(z.string()),
  dependsOn: z.array(z.string()),
  restart: z.string().nullable(),
  healthcheck: z.boolean(),
  profiles: z.array(z.string()),
});
export type ServiceCell = z.infer<typeof serviceCellSchema>;

export const serviceRowSchema = z.object({
  /** the name used for the service across the result (its name in the first environment that has it) */
  id: z.string(),
  kind: z.string(),
  renamed: z.boolean(),
  cells: z.array(serviceCellSchema),
});
export type ServiceRow = z.infer<typeof serviceRowSchema>;

export const graphSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["service", "external"]),
      image: z.string().optional(),
      build: z.string().optional(),
      ports: z.array(z.string()),
      profiles: z.array(z.string()),
      host: z.string().optional(),
    }),
  ),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      kind: z.enum(["depends_on", "links", "network", "env-url"]),
      via: z.string().optional(),
    }),
  ),
});

export const parityIssueSchema = z.object({
  env: z.string(),
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
  col: z.number().optional(),
  path: z.string().optional(),
});

export const parityResultSchema = z.object({
  version: z.literal(RESULT_VERSION),
  environments: z.array(
    z.object({
      name: z.string(),
      role: roleSchema,
      /** `failed`: the environment did not load (see `issues`); it takes no part in the comparison */
      status: z.enum(["loaded", "failed"]),
      files: z.array(z.object({ name: z.string(), as: z.string(), kind: z.enum(["compose", "env", "procfile"]) })),
      activeProfiles: z.array(z.string()),
    }),
  ),
  services: z.array(serviceRowSchema),
  /** per environment name */
  graph: z.record(z.string(), graphSchema),
  findings: z.array(findingSchema),
  /** loader issues per environment (values redacted) */
  issues: z.array(parityIssueSchema),
  summary: z.object({
    total: z.number().int().nonnegative(),
    bySeverity: z.record(severitySchema, z.number().int().nonnegative()),
    byFactor: z.record(z.string(), z.number().int().nonnegative()),
    byRule: z.record(z.string(), z.number().int().nonnegative()),
    /** 0-100, see docs/result-format.md */
    score: z.number().int().min(0).max(100),
  }),
});
export type ParityResult = z.infer<typeof parityResultSchema>;
