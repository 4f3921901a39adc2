/**
 * Compose's `${...}` template language, as compose-go `template/template.go` reads it.
 *
 * - `$$` is a literal `$`; `$VAR` and `${VAR}` substitute (unset → `""`, and compose warns);
 * - `${VAR:-d}` / `${VAR-d}`: default when unset or empty / when unset;
 * - `${VAR:?msg}` / `${VAR?msg}`: error when unset or empty / when unset;
 * - `${VAR:+alt}` / `${VAR+alt}`: `alt` when set and non-empty / when set;
 * - the first operator after the name wins (`${A-x:?y}` is a default of `x:?y`);
 * - defaults, alternates and messages are templates themselves, evaluated only when used;
 * - a `$` followed by nothing that names a variable stays literal (`a $ string`, `^x$`);
 *   a `${` that does not form a valid template is an error.
 *
 * Like compose-go, a braced template reaches to the last `}` of its line and is then cut
 * at the first balanced `}`: what follows is substituted after it.
 */
import { goQuote } from "@/lib/env/go-quote";

export interface TemplateVariable {
  name: string;
  /** false when the lookup did not know the variable */
  set: boolean;
}

export interface TemplateError {
  kind: "missing_required" | "invalid_template";
  /** worded like compose-go: `required variable X is missing a value: msg`, `Invalid template: "${"` */
  message: string;
  /** the required variable that is missing */
  variable?: string;
  /** the (substituted) message of `${VAR:?message}` */
  reason?: string;
  /** the template text compose-go names in an `Invalid template` error */
  template?: string;
}

export interface SubstituteResult {
  /** the substituted string; absent when there is an error */
  value?: string;
  /** every variable looked up, in first-use order (branches not taken are not evaluated) */
  variables: TemplateVariable[];
  /** variables used without default that are unset: compose warns "The "X" variable is not set. Defaulting to a blank string." */
  unset: string[];
  error?: TemplateError;
}

export interface SubstituteTemplateOptions {
  template: string;
  lookup: (name: string) => string | undefined;
}

/** Deepest nesting of `${A:-${B:-...}}` we follow before giving up (keeps the stack bounded). */
export const MAX_TEMPLATE_DEPTH = 500;

type MatchKind = "escaped" | "named" | "braced" | "invalid";

interface TemplateMatch {
  kind: MatchKind;
  start: number;
  end: number;
  /** variable name (named), `NAME<op>rest` (braced), `""` otherwise */
  body: string;
  /** braced only: the operator right after the name */
  op?: Operator;
}

type Operator = ":?" | "?" | ":-" | "-" | ":+" | "+";

function isNameStart(c: string | undefined): boolean {
  if (c === undefined) return false;
  // Go's case-insensitive [a-z] also matches the Kelvin sign and the long s
  return c === "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "\u212a" || c === "\u017f";
}

function isNameChar(c: string | undefined): boolean {
  return isNameStart(c) || (c !== undefined && c >= "0" && c <= "9");
}

function isOperatorChar(c: string | undefined): boolean {
  return c === "-" || c === "+" || c === "?";
}

/**
 * The last `}` of each line of a text, found once per line (so that many templates on one
 * long line cost linear time).
 */
class LineBraces {
  private newlines: number[] | undefined;
  private readonly lastClose = new Map<number, number>();
  constructor(private readonly s: string) {}

  /** Index of the last `}` on the line holding `pos`, or -1. */
  lastCloseOnLine(pos: number): number {
    if (!this.newlines) {
      this.newlines = [];
      for (let i = this.s.indexOf("\n"); i !== -1; i = this.s.indexOf("\n", i + 1)) this.newlines.push(i);
    }
    const nl = this.newlines;
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((nl[mid] ?? 0) < pos) lo = mid + 1;
      else hi = mid;
    }
    const lineEnd = nl[lo] ?? this.s.length;
    let close = this.lastClose.get(lineEnd);
    if (close === undefined) {
      close = lineEnd > 0 ? this.s.lastIndexOf("}", lineEnd - 1) : -1;
      const lineStart = lo > 0 ? (nl[lo - 1] ?? -1) + 1 : 0;
      if (close < lineStart) close = -1;
      this.lastClose.set(lineEnd, close);
    }
    return close;
  }
}

/**
 * The match compose-go's pattern `\$(?i:(\$)|([_a-z][_a-z0-9]*)|{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|()))`
 * finds at `i`, or undefined when there is none there.
 */
function matchAt(s: string, i: number, braces: LineBraces): TemplateMatch | undefined {
  if (s[i] !== "$") return undefined;
  const c = s[i + 1];
  if (c === "$") return { kind: "escaped", start: i, end: i + 2, body: "" };
  if (isNameStart(c)) {
    let j = i + 2;
    while (isNameChar(s[j])) j++;
    return { kind: "named", start: i, end: j, body: s.slice(i + 1, j) };
  }
  if (c !== "{") return undefined;
  const k = i + 2;
  if (isNameStart(s[k])) {
    let j = k + 1;
    while (isNameChar(s[j])) j++;
    let op: Operator | undefined;
    if (s[j] === ":" && isOperatorChar(s[j + 1])) op = `:${s[j + 1]}` as Operator;
    else if (isOperatorChar(s[j])) op = s[j] as Operator;
    if (op) {
      // `(.*)}` is greedy and `.` stops at a newline: the match runs to the last `}` of the line.
      const close = braces.lastCloseOnLine(j);
      if (close >= j + op.length) return { kind: "braced", start: i, end: close + 1, body: s.slice(k, close), op };
    }
    if (s[j] === "}") return { kind: "braced", start: i, end: j + 1, body: s.slice(k, j) };
  }
  return { kind: "invalid", start: i, end: i + 2, body: "" };
}

/** Index of the `}` that closes the first `{` at or after `from` (the character after each `{` is skipped, like compose-go). */
function firstBraceClosingIndex(s: string, from = 0, to = s.length): number {
  let open = 0;
  for (let i = from; i < to; i++) {
    if (s[i] === "}") {
      open--;
      if (open === 0) return i;
    }
    if (s[i] === "{") {
      open++;
      i++;
    }
  }
  return -1;
}

function partition(s: string, sep: string): [string, string] {
  const idx = s.indexOf(sep);
  return idx < 0 ? [s, ""] : [s.slice(0, idx), s.slice(idx + sep.length)];
}

interface Context {
  lookup: (name: string) => string | undefined;
  variables: Map<string, boolean>;
  unset: Set<string>;
}

interface Step {
  value: string;
  error?: TemplateError;
}

function lookupVariable(ctx: Context, name: string): string | undefined {
  const value = ctx.lookup(name);
  if (!ctx.variables.has(name)) ctx.variables.set(name, value !== undefined);
  return value;
}

function invalidTemplate(template: string): TemplateError {
  return { kind: "invalid_template", message: `Invalid template: ${goQuote(template)}`, template };
}

function tooDeep(): TemplateError {
  return {
    kind: "invalid_template",
    message: `Invalid template: nested more than ${MAX_TEMPLATE_DEPTH} levels deep`,
  };
}

/**
 * compose-go substitutes a braced template's head (up to its balanced `}`) and then, recursively,
 * the rest of its greedy match. We walk that rest in the same loop instead of recursing, which
 * gives the same result and errors (an `Invalid template` error names the rest it was found in)
 * without one stack level per template on a line.
 */
function substitute(template: string, ctx: Context, depth: number): Step {
  if (depth > MAX_TEMPLATE_DEPTH) return { value: "", error: tooDeep() };
  const braces = new LineBraces(template);
  let out = "";
  let firstError: TemplateError | undefined;
  let copied = 0;
  /** while walking the rest of a greedy match: where the current rest starts and where they all end */
  let restStart = -1;
  let restEnd = -1;
  let i = template.indexOf("$");
  while (i !== -1 && i < template.length) {
    if (restEnd >= 0 && i >= restEnd) restStart = restEnd = -1;
    const m = matchAt(template, i, braces);
    if (!m) {
      i = template.indexOf("$", i + 1);
      continue;
    }
    out += template.slice(copied, m.start);
    let next = m.end;
    if (m.kind === "escaped") out += "$";
    else if (m.kind === "invalid") {
      firstError ??= invalidTemplate(restEnd >= 0 ? template.slice(restStart, restEnd) : template);
    } else {
      // compose-go cuts the match at the first balanced `}` (the head) and re-reads the head
      const headEnd = m.kind === "braced" ? firstBraceClosingIndex(template, m.start, m.end) + 1 : 0;
      const body = headEnd > 0 ? template.slice(m.start + 2, headEnd - 1) : m.body;
      const applied = m.kind === "braced" && m.op ? applyOperator(m.op, body, ctx, depth) : undefined;
      if (applied?.error) firstError ??= applied.error;
      else if (applied) {
        out += applied.value;
        // what follows the head up to the match's end is the rest, substituted after it
        if (headEnd > 0 && headEnd < m.end) {
          next = headEnd;
          restStart = headEnd;
          if (restEnd < 0) restEnd = m.end;
        }
      } else {
        const value = lookupVariable(ctx, m.body);
        if (value === undefined) ctx.unset.add(m.body);
        out += value ?? "";
      }
    }
    copied = next;
    i = template.indexOf("$", next);
  }
  out += template.slice(copied);
  return firstError ? { value: out, error: firstError } : { value: out };
}

/** undefined when the operator does not apply (no operator in the substitution). */
function applyOperator(op: Operator, substitution: string, ctx: Context, depth: number): Step | undefined {
  if (!substitution.includes(op)) return undefined;
  const [name, arg] = partition(substitution, op);
  const value = lookupVariable(ctx, name);
  switch (op) {
    case ":?":
    case "?": {
      const missing = value === undefined || (op === ":?" && value === "");
      if (!missing) return { value };
      const reason = substitute(arg, ctx, depth + 1);
      if (reason.error) return { value: "", error: reason.error };
      return { value: "", error: missingRequired(name, reason.value) };
    }
    case ":-":
    case "-": {
      const useDefault = value === undefined || (op === ":-" && value === "");
      return useDefault ? substitute(arg, ctx, depth + 1) : { value };
    }
    case ":+":
    case "+": {
      const present = value !== undefined && (op === "+" || value !== "");
      return present ? substitute(arg, ctx, depth + 1) : { value: value ?? "" };
    }
  }
}

function missingRequired(variable: string, reason: string): TemplateError {
  const message = reason
    ? `required variable ${variable} is missing a value: ${reason}`
    : `required variable ${variable} is missing a value`;
  return { kind: "missing_required", message, variable, reason };
}

/** Substitutes `${...}` templates in one string, like compose-go `template.Substitute`. Never throws. */
export function substituteTemplate({ template, lookup }: SubstituteTemplateOptions): SubstituteResult {
  const ctx: Context = { lookup, variables: new Map(), unset: new Set() };
  const step = substitute(template, ctx, 0);
  const variables = [...ctx.variables].map(([name, set]) => ({ name, set }));
  const unset = [...ctx.unset];
  if (step.error) return { variables, unset, error: step.error };
  return { value: step.value, variables, unset };
}

export interface ExtractedVariable {
  name: string;
  /** `${NAME:-default}` / `${NAME-default}` */
  defaultValue?: string;
  /** `${NAME:+alt}` / `${NAME+alt}` */
  presenceValue?: string;
  /** `${NAME:?msg}` / `${NAME?msg}` */
  required: boolean;
}

/**
 * The variables a template names, with their defaults (compose-go `template.ExtractVariables`
 * for one string), including those inside defaults and alternates. One entry per name
 * (the last written wins, like compose-go's map), in the order the names appear in the text.
 */
export function extractVariables(template: string): ExtractedVariable[] {
  const found: { at: number; variable: ExtractedVariable }[] = [];
  collectVariables(template, 0, found, 0);
  found.sort((a, b) => a.at - b.at);
  const byName = new Map<string, ExtractedVariable>();
  for (const { variable } of found) byName.set(variable.name, variable);
  const order = [...new Set(found.map((f) => f.variable.name))];
  return order.map((name) => byName.get(name)).filter((v): v is ExtractedVariable => v !== undefined);
}

/** `base`: offset of `s` in the original template (to order the names as written). */
function collectVariables(s: string, base: number, out: { at: number; variable: ExtractedVariable }[], depth: number): void {
  if (depth > MAX_TEMPLATE_DEPTH) return;
  const braces = new LineBraces(s);
  let i = s.indexOf("$");
  while (i !== -1 && i < s.length) {
    const m = matchAt(s, i, braces);
    if (!m) {
      i = s.indexOf("$", i + 1);
      continue;
    }
    i = s.indexOf("$", m.end);
    if (m.kind === "escaped" || m.kind === "invalid") continue;
    let val = m.body;
    // where `val` starts in `s`
    let valAt = m.start + 1;
    if (m.kind === "braced") {
      const text = s.slice(m.start, m.end);
      const closing = firstBraceClosingIndex(text);
      valAt = m.start + 2;
      if (closing > 0) {
        val = text.slice(2, closing);
        collectVariables(text.slice(closing + 1), base + m.start + closing + 1, out, depth + 1);
      }
    }
    let cut = 0;
    while (cut < val.length && /[A-Za-z0-9_]/.test(val[cut] ?? "")) cut++;
    const name = cut > 0 ? val.slice(0, cut) : val;
    const rest = cut > 0 ? val.slice(cut) : "";
    const variable: ExtractedVariable = { name, required: false };
    let nested: string | undefined;
    let nestedAt = base + valAt + cut;
    if (rest.startsWith(":?") || rest.startsWith("?")) variable.required = true;
    else if (rest.startsWith(":-")) [variable.defaultValue, nested, nestedAt] = [rest.slice(2), rest.slice(2), nestedAt + 2];
    else if (rest.startsWith("-")) [variable.defaultValue, nested, nestedAt] = [rest.slice(1), rest.slice(1), nestedAt + 1];
    else if (rest.startsWith(":+")) [variable.presenceValue, nested, nestedAt] = [rest.slice(2), rest.slice(2), nestedAt + 2];
    else if (rest.startsWith("+")) [variable.presenceValue, nested, nestedAt] = [rest.slice(1), rest.slice(1), nestedAt + 1];
    if (name) out.push({ at: base + m.start, variable });
    if (nested) collectVariables(nested, nestedAt, out, depth + 1);
  }
}
