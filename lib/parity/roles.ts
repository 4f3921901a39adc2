/**
 * Environment roles and the twelve factors, shared by every parity rule.
 */
export const ROLES = ["development", "staging", "production", "other"] as const;
export type Role = (typeof ROLES)[number];

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Roman numeral → short title of the Twelve-Factor App factor. */
export const FACTORS = {
  I: "Codebase",
  II: "Dependencies",
  III: "Config",
  IV: "Backing services",
  V: "Build, release, run",
  VI: "Processes",
  VII: "Port binding",
  VIII: "Concurrency",
  IX: "Disposability",
  X: "Dev/prod parity",
  XI: "Logs",
  XII: "Admin processes",
} as const;
export type Factor = keyof typeof FACTORS;
export const FACTOR_IDS = Object.keys(FACTORS) as Factor[];

const ROLE_WORDS: [Role, readonly string[]][] = [
  ["development", ["dev", "develop", "development", "local", "localdev"]],
  ["staging", ["stage", "staging", "uat", "test", "testing", "qa", "ci", "preprod"]],
  ["production", ["prod", "production", "live", "deploy", "release"]],
];

/**
 * Infers a role from an environment name: `dev`/`local` → development,
 * `stage`/`staging`/`uat`/`test` → staging, `prod`/`production`/`live`/`deploy` → production.
 * Words are matched as parts of the name (`local-dev`, `dev-vps`, `prod.eu`); the first
 * recognised word wins, so `dev-vps` is development.
 */
export function inferRole(name: string): Role {
  const words = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  for (const word of words) {
    for (const [role, list] of ROLE_WORDS) if (list.includes(word)) return role;
  }
  return "other";
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

/** Staging and production are the environments that must look like production. */
export function isProductionLike(role: Role): boolean {
  return role === "production" || role === "staging";
}
