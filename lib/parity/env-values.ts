/**
 * Where a service's env value came from, as parity rules need it: the file and line
 * to point at, and whether the value is written literally in a file we were given.
 */
import type { EnvValueSource } from "@/lib/compose/model";
import { locate, memoPerGroup, presentIn, sortStrings, type EnvironmentView } from "./rule-kit";
import type { FindingLocation } from "./result-schema";

/** `envSources[svc]["*"]`: the service reads an env file that was not given. */
export const UNKNOWN_KEY = "*";

/**
 * Every `environment` key the group's service has in some environment where it is present
 * (`presentIn`), but `UNKNOWN_KEY`, sorted as `list.sort()` sorts. Several rules ask
 * (memoPerGroup): callers must not modify the list.
 */
export const envKeysIn = memoPerGroup((ctx, group): readonly string[] => {
  const keys = new Set<string>();
  for (const p of presentIn(ctx, group)) for (const k of Object.keys(p.service.environment ?? {})) if (k !== UNKNOWN_KEY) keys.add(k);
  return sortStrings([...keys]);
});

export function envSource(view: EnvironmentView, service: string, key: string): EnvValueSource | undefined {
  return view.env.envSources?.[service]?.[key];
}

/** Where the value of `key` was written: the env file line, the variable's env file line, or the compose line. */
export function envLocation(view: EnvironmentView, service: string, key: string): FindingLocation | undefined {
  const src = envSource(view, service, key);
  const fromVar = src?.variables?.find((v) => v.file && v.line);
  if (fromVar?.file && fromVar.line) return { env: view.name, file: fromVar.file, line: fromVar.line, col: 1 };
  if (src?.file && src.line) return { env: view.name, file: src.file, line: src.line, col: Math.max(1, src.col ?? 1) };
  return locate(view, ["services", service, "environment", key]);
}

export type ValueOrigin =
  | { kind: "compose"; file?: string }
  | { kind: "env-file"; file?: string }
  | { kind: "default"; file?: string }
  | { kind: "unknown" };

/** `${VAR:?msg}` / `${VAR?msg}` left as written: the loader keeps it when no given file sets VAR. */
const UNRESOLVED_REQUIRED = /\$\{[A-Za-z_][A-Za-z0-9_]*:?\?/;

/** Whether a value is written in a file we were given, and which kind of file. */
export function valueOrigin(view: EnvironmentView, service: string, key: string): ValueOrigin {
  const src = envSource(view, service, key);
  if (!src) return { kind: "compose" };
  if (src.kind === "unknown") return { kind: "unknown" };
  // a required variable that no given file sets: its value is supplied where the stack runs
  const value = view.env.project.services[service]?.environment?.[key];
  if (typeof value === "string" && UNRESOLVED_REQUIRED.test(value) && (src.variables ?? []).some((v) => !v.file)) return { kind: "unknown" };
  if (src.kind === "env_file" || src.kind === "procfile-config") return { kind: "env-file", file: src.file };
  const vars = src.variables ?? [];
  const fromFile = vars.find((v) => v.file);
  if (fromFile) return { kind: "env-file", file: fromFile.file };
  if (vars.length) return { kind: "default", file: src.file };
  return { kind: "compose", file: src.file };
}
