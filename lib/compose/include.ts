/**
 * `include` (compose-go `loader/include.go`): a compose file imports the services,
 * networks, volumes, secrets, configs and models of other compose files, each
 * loaded as its own project (its own includes, extends and overrides) and then
 * added to the including file. A resource defined on both sides is merged, the
 * including file's definition on top. Included files must be among the uploaded
 * files (`INCLUDE_NOT_FOUND` otherwise); cycles are reported.
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import { copyAllLocs, copyLoc, getLoc } from "./source-map";
import { isMapping } from "./tags";
import { mergeDocuments } from "./merge";

export interface IncludeEntry {
  /** first path is the main file, the others override it */
  paths: string[];
  envFiles: string[];
  projectDirectory?: string;
  /** index in the `include` list (for issue paths) */
  index: number;
}

export interface ApplyIncludeOptions {
  /** one parsed + interpolated compose document */
  document: unknown;
  /** its path (`as`) */
  file: string;
  /** files being included above this one (cycle detection) */
  chain?: readonly string[];
  /**
   * Loads the included files (already matched to uploads) as one model: parse,
   * interpolate, include, extends and merge. Returns undefined when a path is not uploaded.
   */
  loadIncluded: (entry: IncludeEntry, from: string, chain: readonly string[]) => PhaseResult<Record<string, unknown> | undefined>;
}

const RESOURCES = ["services", "volumes", "networks", "secrets", "configs", "models"] as const;

/** `include:` entries in their long form. */
export function readIncludeEntries(value: unknown, file: string): PhaseResult<IncludeEntry[]> {
  const issues: Issue[] = [];
  const entries: IncludeEntry[] = [];
  if (value === undefined || value === null) return { value: entries, issues };
  if (!Array.isArray(value)) {
    issues.push(issue("INVALID_VALUE", "`include` must be a list", { file, path: "include" }));
    return { value: entries, issues };
  }
  value.forEach((item, index) => {
    const loc = getLoc(value, index);
    const at = { file: loc?.file ?? file, line: loc?.line, col: loc?.col, path: `include[${index}]` };
    if (typeof item === "string") {
      entries.push({ paths: [item], envFiles: [], index });
      return;
    }
    if (!isMapping(item)) {
      issues.push(issue("INVALID_VALUE", "an include entry must be a path or a mapping with `path`", at));
      return;
    }
    const paths = (Array.isArray(item.path) ? item.path : [item.path]).filter((p): p is string => typeof p === "string");
    if (paths.length === 0) {
      issues.push(issue("INVALID_VALUE", "an include entry needs `path`", at));
      return;
    }
    const envFiles = (Array.isArray(item.env_file) ? item.env_file : item.env_file === undefined ? [] : [item.env_file]).filter(
      (p): p is string => typeof p === "string",
    );
    entries.push({
      paths,
      envFiles,
      index,
      ...(typeof item.project_directory === "string" ? { projectDirectory: item.project_directory } : {}),
    });
  });
  return { value: entries, issues };
}

export function applyInclude({ document, file, chain = [], loadIncluded }: ApplyIncludeOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!isMapping(document) || !("include" in document)) return { value: document, issues };
  const entries = readIncludeEntries(document.include, file);
  issues.push(...entries.issues);
  const out: Record<string, unknown> = { ...document };
  copyAllLocs(document, out);
  delete out.include;

  for (const entry of entries.value) {
    const loaded = loadIncluded(entry, file, [...chain, file]);
    issues.push(...loaded.issues);
    const imported = loaded.value;
    if (!imported) continue;
    for (const key of RESOURCES) {
      const from = imported[key];
      if (!isMapping(from)) continue;
      const to: Record<string, unknown> = isMapping(out[key]) ? { ...(out[key] as Record<string, unknown>) } : {};
      copyAllLocs(out[key], to);
      for (const [name, def] of Object.entries(from)) {
        if (!(name in to)) {
          to[name] = def;
          copyLoc(from, name, to);
          continue;
        }
        // both define it: compose-go merges the included definition under the local one
        const merged = mergeDocuments({
          documents: [
            { value: { [key]: { [name]: def } }, file: getLoc(from, name)?.file ?? file },
            { value: { [key]: { [name]: to[name] } }, file },
          ],
        });
        issues.push(...merged.issues);
        const section = merged.value[key];
        to[name] = isMapping(section) ? section[name] : to[name];
      }
      out[key] = to;
    }
  }
  return { value: out, issues };
}
