/**
 * Issues are data: every phase collects them instead of throwing.
 * The set of codes is closed; each code is documented once here.
 */

export const ISSUE_CODES = {
  // input / file level
  FILE_TOO_LARGE: "the file is larger than the allowed size",
  NOT_UTF8: "the file is not valid UTF-8 text",
  BINARY_FILE: "the file looks binary (holds NUL bytes)",
  UNKNOWN_FILE_KIND: "the file is neither a compose file, an env file nor a Procfile",
  TEMPLATE_NOT_RENDERED: "the file holds Jinja/cookiecutter markers",
  NOT_COMPOSE: "the YAML document is not a compose file (e.g. a Kubernetes manifest)",
  EMPTY_FILE: "the file is empty",
  // YAML
  YAML_SYNTAX: "the YAML does not parse",
  DUPLICATE_KEY: "a mapping holds the same key twice",
  RESOURCE_EXHAUSTION: "alias expansion, nesting depth or node count is over its limit",
  UNKNOWN_TAG: "a YAML tag compose does not know",
  YAML11_BOOLEAN: "a YAML 1.1 boolean word (yes/no/on/off) was read as a boolean",
  NON_STRING_KEY: "a mapping key is a number, boolean or null (docker compose refuses non-string keys)",
  MULTIPLE_DOCUMENTS: "a file holds several YAML documents (merged in order, like docker compose)",
  // env files
  ENV_SYNTAX: "a line of an env file does not parse",
  ENV_DUPLICATE_KEY: "an env file sets the same key twice",
  // interpolation
  INTERPOLATION_SYNTAX: "an invalid ${...} template",
  REQUIRED_VARIABLE: "a ${VAR:?err} / ${VAR?err} variable is missing",
  UNSET_VARIABLE: "a variable used without default is not set (empty string used)",
  // schema / structure
  SCHEMA: "the compose-spec JSON schema rejects a value",
  INVALID_VALUE: "a value has the wrong shape for its attribute",
  // multi-file
  ENV_FILE_NOT_UPLOADED: "a service's env_file is not among the uploaded files; its values are unknown",
  ENV_FILE_REQUIRED_MISSING: "a required env_file is missing",
  EXTENDS_NOT_FOUND: "extends names a file or service that is not there",
  EXTENDS_CYCLE: "extends forms a cycle",
  INCLUDE_NOT_FOUND: "include names a file that is not uploaded",
  UNKNOWN_SERVICE_REFERENCE: "depends_on / links / network_mode names an unknown service",
  PROFILE_INACTIVE: "a service is left out because its profiles are not active",
  PROCFILE_SYNTAX: "a Procfile line does not parse",
  NO_COMPOSE_FILE: "the environment has no compose file nor Procfile",
  INTERNAL: "an unexpected error (logged)",
  OBSOLETE_ATTRIBUTE: "an attribute compose ignores, e.g. the top-level `version` (dropped with a warning)",
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;
export type IssueSeverity = "error" | "warning" | "info";

export interface Issue {
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
  /** file name as the user gave it (or the path compose files refer to it by) */
  file?: string;
  /** 1-based */
  line?: number;
  /** 1-based */
  col?: number;
  /** attribute path in the compose model, e.g. `services.web.ports[0]` */
  path?: string;
}

export interface PhaseResult<T> {
  value: T;
  issues: Issue[];
}

export function issue(
  code: IssueCode,
  message: string,
  at: Partial<Omit<Issue, "code" | "message">> = {},
): Issue {
  const { severity = "error", ...rest } = at;
  return { code, severity, message, ...rest };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** `file:line:col: message` (the CLI's error line). */
export function formatIssue(i: Issue): string {
  const where = [i.file, i.line, i.col].filter((x) => x !== undefined && x !== "").join(":");
  const path = i.path ? ` (${i.path})` : "";
  return `${where ? `${where}: ` : ""}${i.severity}: ${i.message}${path} [${i.code}]`;
}
