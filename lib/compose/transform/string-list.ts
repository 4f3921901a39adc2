/**
 * Fields written as one string or a list (`dns`, `dns_search`, `tmpfs`, `label_file`,
 * `build.tags`, `build.cache_from`...): compose-go `StringList`; `expose` is a
 * `StringOrNumberList` (numbers become text, ranges stay as written).
 */
import type { PhaseResult } from "../issues";
import { copyAllLocs } from "../source-map";
import { goString, issueAt, typeName, type TransformOptions } from "./context";

export function transformStringList({
  value,
  path,
  file,
  loc,
  numbers = false,
}: TransformOptions & { numbers?: boolean }): PhaseResult<unknown> {
  if (typeof value === "string") return { value: [value], issues: [] };
  if (numbers && typeof value === "number") return { value: [String(value)], issues: [] };
  if (Array.isArray(value)) {
    const out = value.map((v) => (typeof v === "string" ? v : goString(v)));
    copyAllLocs(value, out);
    return { value: out, issues: [] };
  }
  return { value, issues: [issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for string list`, { path, loc, file })] };
}

/** compose-go `OmitEmpty` for `dns`: empty entries are dropped. */
export function omitEmptyEntries(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const out: unknown[] = [];
  list.forEach((v) => {
    if (v === null || v === "") return;
    out.push(v);
  });
  return out;
}
