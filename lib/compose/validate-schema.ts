/**
 * Phase "validate schema": checks the merged, interpolated raw project against the
 * compose-spec JSON schema vendored from compose-go (`schema/compose-spec.json`,
 * JSON Schema draft 2020-12, see `schema/SOURCE.md`), like compose-go does before
 * canonicalization. Each problem becomes a `SCHEMA` issue at the place it was
 * written, with a message a person understands. Never throws: odd input (tag
 * markers, cycles, non-JSON values) is turned into JSON-like data first.
 */
import Ajv2020Import, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import { issue, type Issue } from "./issues";
import { formatPath, getLoc, locAt, type PathSegment, type SourceLocation } from "./source-map";
import { isOverrideTag, isResetTag } from "./tags";
import { goString } from "./transform/context";
import schema from "./schema/compose-spec.json";

export interface ValidateSchemaOptions {
  /** the raw project (plain data from YAML, locations in the source-map side table) */
  value: unknown;
  /** file to blame when a value has no recorded location */
  file?: string;
}

type AjvClass = typeof Ajv2020Import;
const Ajv2020: AjvClass = (Ajv2020Import as unknown as { default?: AjvClass }).default ?? Ajv2020Import;

let compiled: ValidateFunction | undefined;

/** The compiled validator, built once per process. */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
    compiled = ajv.compile(schema as object);
  }
  return compiled;
}

const MAX_DEPTH = 200;

/** A JSON-like copy: tag markers unwrapped (`!override x` → x, `!reset` → null), cycles and non-JSON values → null. */
function toJsonLike(value: unknown, stack: Set<object> = new Set(), depth = 0): unknown {
  if (isOverrideTag(value)) return toJsonLike(value.value, stack, depth);
  if (isResetTag(value)) return null;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "object" || depth > MAX_DEPTH || stack.has(value)) return null;
  stack.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => toJsonLike(v, stack, depth + 1));
    if (value instanceof Map) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of value) out[goString(k)] = toJsonLike(v, stack, depth + 1);
      return out;
    }
    if (value instanceof Date) return value.toISOString();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      out[k] = toJsonLike(v, stack, depth + 1);
    }
    return out;
  } finally {
    stack.delete(value);
  }
}

/**
 * Whether `toJsonLike(value)` would be a deep copy equal to `value` (plain objects and dense
 * arrays of JSON values, no tag marker, no `undefined`, no `__proto__` key, not too deep): then
 * the schema can check `value` itself. Cycles exceed the depth bound.
 */
function isJsonLike(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case "string":
    case "boolean":
    case "number":
      return true;
    case "object":
      break;
    default:
      return false;
  }
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isJsonLike(value[i], depth + 1)) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (k === "__proto__" || !isJsonLike(record[k], depth + 1)) return false;
  }
  return true;
}

/** JSON pointer (`/services/web/ports/0`) → path segments, indices as numbers where the data is a list. */
function pointerToPath(pointer: string, data: unknown): PathSegment[] {
  if (pointer === "") return [];
  const path: PathSegment[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && /^[0-9]+$/.test(seg)) {
      path.push(Number(seg));
      node = node[Number(seg)];
    } else {
      path.push(seg);
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

const TYPE_NAMES: Record<string, string> = { object: "mapping", array: "list", null: "null" };
const humanType = (t: string) => TYPE_NAMES[t] ?? t;

/** `a string`, `an integer or string`, `a boolean, list or mapping` */
function joinOr(words: string[]): string {
  const sorted = [...new Set(words)].sort();
  const text = sorted.length <= 1 ? (sorted[0] ?? "value") : `${sorted.slice(0, -1).join(", ")} or ${sorted[sorted.length - 1]}`;
  return `${/^[aeiou]/.test(text) ? "an" : "a"} ${text}`;
}

function typesOf(e: ErrorObject): string[] {
  const t = (e.params as { type?: string | string[] }).type;
  return (Array.isArray(t) ? t : t ? [t] : []).map(humanType);
}

const COMBINATORS = new Set(["oneOf", "anyOf", "allOf", "not", "if", "then", "else", "$ref"]);
const isPrefix = (a: readonly PathSegment[], b: readonly PathSegment[]) => a.length <= b.length && a.every((s, i) => s === b[i]);

interface Located {
  error: ErrorObject;
  path: PathSegment[];
  /** compose-go's specificity: depth, +1 for an additional property */
  specificity: number;
}

/**
 * Drops the errors of alternatives that were not meant: a type mismatch (or a
 * bare oneOf/anyOf failure) at a place where a deeper error exists comes from a
 * `oneOf` branch whose type did not fit, while the deeper error tells what is
 * wrong in the branch that did (compose-go keeps only the most specific error).
 */
function mostSpecific(errors: ErrorObject[], data: unknown): Located[] {
  const located = errors.map((error) => {
    const path = pointerToPath(error.instancePath, data);
    return { error, path, specificity: path.length + (error.keyword === "additionalProperties" ? 1 : 0) };
  });
  const informative = located.filter((l) => !COMBINATORS.has(l.error.keyword));
  const pool = informative.length > 0 ? informative : located;
  return pool.filter(
    (a) =>
      !(a.error.keyword === "type" || COMBINATORS.has(a.error.keyword)) ||
      !pool.some((b) => b !== a && isPrefix(a.path, b.path) && b.specificity > a.specificity),
  );
}

function describeErrors(group: Located[], where: string): string {
  const first = group[0] as Located;
  const e = first.error;
  const subject = where || "the compose file";
  const types = group.filter((g) => g.error.keyword === "type").flatMap((g) => typesOf(g.error));
  if (types.length > 0 && group.every((g) => g.error.keyword === "type")) return `${subject} must be ${joinOr(types)}`;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties":
      return `${subject}: additional property ${JSON.stringify(params.additionalProperty)} is not allowed`;
    case "required":
      return `${subject}: missing required property ${JSON.stringify(params.missingProperty)}`;
    case "enum":
      return `${subject} must be one of ${((params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      return `${subject} does not match the pattern ${String(params.pattern)}`;
    case "minimum":
      return `${subject} must be greater than or equal to ${String(params.limit)}`;
    case "maximum":
      return `${subject} must be less than or equal to ${String(params.limit)}`;
    case "uniqueItems":
      return `${subject} must hold unique items (items ${String(params.j)} and ${String(params.i)} are the same)`;
    case "type":
      return `${subject} must be ${joinOr(typesOf(e))}`;
    default:
      return `${subject} ${e.message ?? "is not valid"}`;
  }
}

export function validateSchema({ value, file }: ValidateSchemaOptions): Issue[] {
  try {
    const data = isJsonLike(value) ? value : toJsonLike(value);
    const validate = validator();
    if (validate(data)) return [];
    const errors = mostSpecific(validate.errors ?? [], data);
    // one issue per failing place (and per additional property)
    const groups = new Map<string, Located[]>();
    for (const l of errors) {
      const extra = l.error.keyword === "additionalProperties" ? String((l.error.params as Record<string, unknown>).additionalProperty) : "";
      const key = `${JSON.stringify(l.path)}|${extra}`;
      const g = groups.get(key);
      if (g) g.push(l);
      else groups.set(key, [l]);
    }
    const issues: Issue[] = [];
    for (const group of groups.values()) {
      const first = group[0] as Located;
      let path: PathSegment[] = first.path;
      let loc: SourceLocation | undefined = locAt(value, path);
      if (first.error.keyword === "additionalProperties") {
        const prop = String((first.error.params as Record<string, unknown>).additionalProperty);
        let node: unknown = value;
        for (const seg of path) node = node !== null && typeof node === "object" ? (node as Record<PathSegment, unknown>)[seg] : undefined;
        loc = getLoc(node, prop) ?? loc;
        path = [...path, prop];
      }
      issues.push(
        issue("SCHEMA", describeErrors(group, formatPath(first.path)), {
          file: loc?.file ?? file,
          line: loc?.line,
          col: loc?.col,
          path: formatPath(path),
        }),
      );
    }
    return issues;
  } catch (err) {
    return [issue("INTERNAL", `schema validation failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`, { file })];
  }
}
