/**
 * Renders a parity result as SARIF 2.1.0 for code-scanning tools: one run,
 * `tool.driver.rules` from the rule registry, one result per finding.
 */
import type { Finding, ParityResult } from "../result-schema";
import { FACTORS } from "../roles";
import { RULES } from "../rules";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

const LEVEL: Record<Finding["severity"], "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub's `security-severity` (0-10) for the severities we use. */
const SECURITY_SEVERITY: Record<Finding["severity"], string> = { critical: "9.5", high: "7.5", medium: "5.0", low: "2.0", info: "0.5" };

/** Relative paths stay relative (to the repository root); absolute ones become `file://` URIs. */
function uri(file: string): string {
  const path = file.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
  const encoded = path
    .split("/")
    .map((p) => (/^[A-Za-z]:$/.test(p) ? p : encodeURIComponent(p)))
    .join("/");
  if (path.startsWith("/")) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(path)) return `file:///${encoded}`;
  return encoded;
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: Record<string, unknown>[];
}

export function renderSarif({ result, toolVersion = "0.1.0" }: { result: ParityResult; toolVersion?: string }): SarifLog {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description} Twelve-Factor ${r.factor}. ${FACTORS[r.factor]}. See docs/rules.md.`, markdown: `${r.description}\n\nTwelve-Factor **${r.factor}. ${FACTORS[r.factor]}** — see \`docs/rules.md#${r.id}\`.` },
    defaultConfiguration: { level: "warning" },
    properties: { tags: ["twelve-factor", `factor-${r.factor}`, FACTORS[r.factor]] },
  }));
  // locations use the path compose refers to a file by (`as`); code scanning wants the file's own path (`name`)
  const nameOf = new Map(result.environments.flatMap((e) => e.files.map((f) => [`${e.name}\0${f.as}`, f.name] as const)));
  const fileOf = (env: string, file: string) => nameOf.get(`${env}\0${file}`) ?? file;
  const firstFile = new Map(result.environments.map((e) => [e.name, e.files.find((f) => f.kind === "compose")?.name ?? e.files[0]?.name]));
  const results = result.findings.map((f) => {
    const locs = f.locations.length
      ? f.locations.map((l) => ({
          physicalLocation: { artifactLocation: { uri: uri(fileOf(l.env, l.file)) }, region: { startLine: l.line, startColumn: l.col } },
          message: { text: `in ${l.env}` },
        }))
      : f.environments
          .map((e) => firstFile.get(e))
          .filter((x): x is string => !!x)
          .slice(0, 1)
          .map((file) => ({ physicalLocation: { artifactLocation: { uri: uri(file) }, region: { startLine: 1, startColumn: 1 } } }));
    return {
      ruleId: f.rule,
      ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
      level: LEVEL[f.severity],
      message: { text: `${f.message} Fix: ${f.fix}` },
      locations: locs,
      partialFingerprints: { "parityFinding/v1": f.id },
      properties: {
        severity: f.severity,
        "security-severity": SECURITY_SEVERITY[f.severity],
        factor: `${f.factor}. ${FACTORS[f.factor as keyof typeof FACTORS]}`,
        service: f.service,
        key: f.key,
        environments: f.environments,
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "compose-parity", version: toolVersion, informationUri: "https://12factor.net/", rules } },
        results,
        properties: { parityScore: result.summary.score, environments: result.environments.map((e) => `${e.name} (${e.role})`) },
      },
    ],
  };
}
