/**
 * Plain scalars as the reference reader resolves them: go-yaml's number reading first
 * (`goPlainNumber`, what compose does), then the YAML 1.2 core schema of eemeli `yaml`
 * (null, booleans, `.inf`/`.nan`; everything else is a string: `yes`, `on`, timestamps).
 */
import { decline } from "./decline";

const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * How go-yaml (compose's YAML library) reads a plain scalar that starts with a digit or a
 * sign: underscores are dropped, then Go's base-0 integer syntax (`0755` is octal, `0b101`
 * binary, `0x1F` hex), then a float. The YAML 1.2 core schema reads `0755` as 755 and
 * `1_000` as a string; compose reads 493 and 1000, so we do too. Undefined: not a number.
 */
export function goPlainNumber(source: string): number | undefined {
  if (!/^[-+0-9]/.test(source)) return undefined;
  const plain = source.replaceAll("_", "");
  if (GO_INT.test(plain)) {
    const negative = plain.startsWith("-");
    const body = plain.replace(/^[-+]/, "");
    let value: number;
    if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
    else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
    else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
    else if (body.length > 1 && body.startsWith("0")) value = parseInt(body.slice(1), 8);
    else value = parseInt(body, 10);
    if (Number.isNaN(value)) return undefined;
    return negative ? -value : value;
  }
  if (GO_FLOAT.test(plain)) {
    const value = Number(plain);
    return Number.isNaN(value) ? undefined : value;
  }
  return undefined;
}

// eemeli `yaml` 2.x core schema tests (schema/core, schema/common/null)
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const CORE_FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const CORE_NUMBER = [/^0o[0-7]+$/, /^[-+]?[0-9]+$/, /^0x[0-9a-fA-F]+$/, CORE_FLOAT_EXP, CORE_FLOAT];

/** True when the core schema reads this plain text as a string (the only keys the fast path takes). */
export function isCoreString(source: string): boolean {
  if (source.length > 0 && surelyString(source.charCodeAt(0))) return true;
  if (CORE_NULL.test(source) || CORE_BOOL.test(source) || CORE_SPECIAL_FLOAT.test(source)) return false;
  for (const re of CORE_NUMBER) if (re.test(source)) return false;
  return true;
}

/** First characters after which a plain scalar can only be a string (no null, bool or number test matches). */
function surelyString(c: number): boolean {
  // letters other than n N t T f F, and '/', '$', '_'...: none of the core or go tests start there
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70;
  return c === 47 || c === 36 || c === 95 || c === 61 || c >= 128;
}

/** The value of a plain (unquoted, untagged) scalar; `source` is its text, trimmed. */
export function plainScalarValue(source: string): unknown {
  if (source.length > 0 && surelyString(source.charCodeAt(0))) return source;
  const go = goPlainNumber(source);
  if (go !== undefined) return go;
  if (CORE_NULL.test(source)) return null;
  if (CORE_BOOL.test(source)) return source[0] === "t" || source[0] === "T";
  if (CORE_SPECIAL_FLOAT.test(source)) {
    if (source.slice(-3).toLowerCase() === "nan") return NaN;
    return source[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  // `.5`, `.5e3`: go-yaml reads only what starts with a digit or a sign; the core schema reads these
  if (CORE_FLOAT.test(source) || CORE_FLOAT_EXP.test(source)) return parseFloat(source);
  // another core number go-yaml does not read: never seen, do not guess
  for (const re of CORE_NUMBER) if (re.test(source)) decline("core number not read by go-yaml");
  return source;
}
