/**
 * Type casts compose-go applies to interpolated values at known paths
 * (`loader/interpolate.go` `interpolateTypeCastMapping`): booleans accept
 * `true`/`false` in any case and, with a warning, the YAML 1.1 words
 * `y`/`yes`/`on`/`n`/`no`/`off`; integer and float fields accept numeric text.
 */
import type { Issue, PhaseResult } from "../issues";
import { goString, issueAt, type TransformOptions, setOwn } from "./context";

const TRUE_WORDS = new Set(["y", "yes", "on"]);
const FALSE_WORDS = new Set(["n", "no", "off"]);

/** A boolean field: booleans pass, boolean words become booleans, anything else is `INVALID_VALUE`. */
export function transformBoolean({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  if (typeof value === "boolean" || value === null || value === undefined) return { value, issues: [] };
  if (typeof value !== "string") {
    return { value, issues: [issueAt("INVALID_VALUE", `invalid boolean: ${goString(value)}`, { path, loc, file })] };
  }
  const word = value.toLowerCase();
  if (word === "true") return { value: true, issues: [] };
  if (word === "false") return { value: false, issues: [] };
  if (TRUE_WORDS.has(word) || FALSE_WORDS.has(word)) {
    const b = TRUE_WORDS.has(word);
    return {
      value: b,
      issues: [
        issueAt("YAML11_BOOLEAN", `${JSON.stringify(value)} for boolean is not supported by YAML 1.2, please use \`${b}\``, {
          path,
          loc,
          file,
          severity: "warning",
        }),
      ],
    };
  }
  return { value, issues: [issueAt("INVALID_VALUE", `invalid boolean: ${value}`, { path, loc, file })] };
}

export type NumberKind = "int" | "float";

/** An integer/float field: numbers pass, numeric text becomes a number (Go `strconv.Atoi` / `ParseFloat`). */
export function transformNumber({ value, path, file, loc, kind }: TransformOptions & { kind: NumberKind }): PhaseResult<unknown> {
  if (value === null || value === undefined) return { value, issues: [] };
  if (typeof value === "number") {
    if (kind === "int" && !Number.isInteger(value)) {
      return { value, issues: [issueAt("INVALID_VALUE", `invalid integer: ${goString(value)}`, { path, loc, file })] };
    }
    return { value, issues: [] };
  }
  if (typeof value === "string") {
    const text = value.trim() === value ? value : "";
    const ok = kind === "int" ? /^[+-]?[0-9]+$/.test(text) : /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text);
    if (ok && Number.isFinite(Number(text))) return { value: Number(text), issues: [] };
  }
  const what = kind === "int" ? "integer" : "number";
  return { value, issues: [issueAt("INVALID_VALUE", `invalid ${what}: ${goString(value)}`, { path, loc, file })] };
}

/** Collects issues while applying casts in place on a copied mapping. */
export function castField(
  target: Record<string, unknown>,
  key: string,
  how: "bool" | NumberKind,
  where: { path: readonly (string | number)[]; file?: string; loc?: TransformOptions["loc"] },
  issues: Issue[],
): void {
  if (!(key in target)) return;
  const value = target[key];
  // what the transforms below keep as it is, with no issue
  if (value === null || value === undefined) return;
  if (how === "bool" ? typeof value === "boolean" : typeof value === "number" && (how === "float" || Number.isInteger(value))) return;
  const opts = { value, path: [...where.path, key], file: where.file, loc: where.loc };
  const r = how === "bool" ? transformBoolean(opts) : transformNumber({ ...opts, kind: how });
  setOwn(target, key, r.value);
  issues.push(...r.issues);
}
