/**
 * Phase: parse an env file the way Docker Compose v2 reads `.env` and `env_file:` files
 * (compose-go `dotenv/parser.go`, `dotenv/godotenv.go`, `dotenv/env.go`) — not npm dotenv's rules.
 *
 * - a UTF-8 BOM is skipped; blank lines and lines starting with `#` are ignored;
 * - `export KEY=...` is the same as `KEY=...`; `KEY: value` (YAML style) works too;
 * - keys hold letters, digits, `_ . - [ ]`; spaces around `=` are dropped; a space inside a key is an error;
 * - `KEY=` is an empty value; a bare `KEY` (no `=`) takes its value from the lookup, and is
 *   left out when the lookup does not know it (here: `value: null`, "unknown");
 * - unquoted values run to the end of the line, lose an inline comment that starts with ` #`
 *   and trailing spaces, and are interpolated;
 * - single-quoted values are literal (only `\'` is unescaped) and may span lines;
 * - double-quoted values may span lines, expand `\n \t \r \a \b \f \v \\ \" \$ \0ddd`, then are interpolated;
 * - interpolation looks a variable up in `lookup` first, then among the keys already parsed;
 * - the rest of a line after a closing quote is read as a new statement (so `# comment` is fine).
 *
 * Where compose-go would stop at the first error, we record an issue and go on with the next line
 * (after an unterminated quote there is nothing left to read: compose sees it all as the value).
 * Error messages are compose-go's (`line 7: key cannot contain a space`, `line 1: unexpected
 * character "%" in variable name "..."`, `unterminated quoted value ...`), with the real line:
 * compose-go names the last line of the file for an unterminated quote (we name the quote's line)
 * and counts one line short after a bare `KEY ` with a trailing space.
 */
import { issue, type Issue, type PhaseResult } from "@/lib/compose/issues";
import { substituteTemplate, type TemplateVariable } from "@/lib/compose/template";
import { goQuote } from "./go-quote";

export interface EnvEntry {
  key: string;
  /** `null`: a bare `KEY` line whose value is inherited and the lookup does not know it (unknown) */
  value: string | null;
  /** 1-based line of the key */
  line: number;
  /** 1-based column of the key */
  col: number;
  quote: "none" | "single" | "double";
  /** variables interpolated into the value (unset ones have `set: false`) */
  variables: TemplateVariable[];
}

export interface ParseEnvFileOptions {
  content: string;
  /** the file name, for issues */
  file: string;
  /** variables known outside the file (compose: the process environment); consulted first */
  lookup?: (name: string) => string | undefined;
  /**
   * values loaded from earlier env files (compose `--env-file a --env-file b`): interpolation
   * sees them after `lookup`, overridden by this file's own keys as they are read, and a bare
   * `KEY` inherits from them when `lookup` does not know it
   */
  earlier?: Readonly<Record<string, string>>;
}

const BOM = "\uFEFF";
const EXPORT_PREFIX = /^export[\t\n\f\r ]+/;
const ESCAPE_SEQUENCE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  '"': '"',
  "\\": "\\",
};

/** compose-go `isSpace`: a space that is not a line break. */
function isInlineSpace(c: string): boolean {
  return c === "\t" || c === "\v" || c === "\f" || c === "\r" || c === " " || c === "\u0085" || c === "\u00a0";
}

/** Go `unicode.IsSpace`. */
function isUnicodeSpace(c: string): boolean {
  return /^\p{White_Space}$/u.test(c);
}

function isKeyChar(c: string): boolean {
  return c === "_" || c === "." || c === "-" || c === "[" || c === "]" || /^[\p{L}\p{N}]$/u.test(c);
}

function trimRightUnicodeSpace(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s[end - 1] ?? "";
    // a low surrogate is never a space: stop there
    if (!isUnicodeSpace(c)) break;
    end--;
  }
  return s.slice(0, end);
}

/** Expands the escapes of a double-quoted value (compose-go `expandEscapes`); `\$` becomes `$$`. */
export function expandEscapes(value: string): string {
  return value.replace(ESCAPE_SEQUENCE, (match) => {
    if (match === "\\$") return "$$";
    if (match.startsWith("\\0")) {
      // `\0ddd` is the octal escape `\ddd`: exactly three octal digits, at most 0o377
      const digits = match.slice(2);
      if (/^[0-7]{3}$/.test(digits)) {
        const code = parseInt(digits, 8);
        if (code <= 0xff) return String.fromCharCode(code);
      }
      return match;
    }
    return SIMPLE_ESCAPES[match.slice(1)] ?? match;
  });
}

/** Line/column (1-based) of offsets in a text. */
function lineIndex(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
  };
}

/** Parses one env file. Never throws. */
export function parseEnvFile({ content, file, lookup, earlier }: ParseEnvFileOptions): PhaseResult<EnvEntry[]> {
  const src = content.startsWith(BOM) ? content.slice(BOM.length) : content;
  const at = lineIndex(src);
  const entries: EnvEntry[] = [];
  const issues: Issue[] = [];
  /** values parsed so far (compose's `out` map), the second place variables are looked up */
  const parsed = new Map<string, string>(Object.entries(earlier ?? {}));
  const firstLine = new Map<string, number>();
  const external = lookup ?? (() => undefined);

  const syntaxError = (message: string, offset: number, severity: "error" | "warning" = "error") => {
    const { line, col } = at(offset);
    issues.push(issue("ENV_SYNTAX", message, { severity, file, line, col }));
  };

  const nextLine = (from: number) => {
    const nl = src.indexOf("\n", from);
    return nl === -1 ? src.length : nl + 1;
  };

  const expand = (raw: string, offset: number): { value: string; variables: TemplateVariable[] } => {
    const result = substituteTemplate({
      template: raw,
      lookup: (name) => external(name) ?? parsed.get(name),
    });
    const { line, col } = at(offset);
    for (const name of result.unset) {
      issues.push(
        issue("UNSET_VARIABLE", `The ${goQuote(name)} variable is not set. Defaulting to a blank string.`, {
          severity: "warning",
          file,
          line,
          col,
        }),
      );
    }
    if (result.error) {
      const code = result.error.kind === "missing_required" ? "REQUIRED_VARIABLE" : "INTERPOLATION_SYNTAX";
      issues.push(issue(code, result.error.message, { file, line, col }));
      return { value: raw, variables: result.variables };
    }
    return { value: result.value ?? raw, variables: result.variables };
  };

  /** `keyOffset`: where the key starts; `noSeparator`: the statement reached the end without `=`, `:` or a newline */
  const record = (entry: EnvEntry, keyOffset: number, noSeparator: boolean) => {
    const firstSeen = firstLine.get(entry.key);
    if (firstSeen !== undefined) {
      const outcome =
        entry.value === null
          ? `line ${entry.line} names it without a value the lookup knows, so line ${firstSeen}'s value stays`
          : `the later value (line ${entry.line}) wins`;
      issues.push(
        issue("ENV_DUPLICATE_KEY", `${entry.key} is set on line ${firstSeen} and again on line ${entry.line}; ${outcome}`, {
          severity: "warning",
          file,
          line: entry.line,
          col: entry.col,
        }),
      );
    } else {
      firstLine.set(entry.key, entry.line);
    }
    if (noSeparator) {
      syntaxError(
        `line ${entry.line}: ${goQuote(entry.value ?? "")} has no "=" and ends the file without a newline; compose reads it as a value with an empty name (add a newline to inherit the variable)`,
        keyOffset,
        "warning",
      );
    } else if (entry.key === "") {
      syntaxError(`line ${entry.line}: empty variable name`, keyOffset, "warning");
    }
    if (entry.value !== null) parsed.set(entry.key, entry.value);
    entries.push(entry);
  };

  let pos = 0;
  // every pass consumes at least one character, so this bounds the loop
  for (let guard = 0; guard <= src.length + 1; guard++) {
    // statement start: skip spaces, blank lines and comment lines
    while (pos < src.length) {
      const c = src[pos] ?? "";
      if (isUnicodeSpace(c)) pos++;
      else if (c === "#") {
        const nl = src.indexOf("\n", pos);
        pos = nl === -1 ? src.length : nl;
      } else break;
    }
    if (pos >= src.length) break;

    const statement = pos;
    let keyStart = pos;
    const exported = EXPORT_PREFIX.exec(src.slice(pos, pos + 64));
    if (exported) {
      keyStart = pos + "export".length;
      while (keyStart < src.length && isInlineSpace(src[keyStart] ?? "")) keyStart++;
    }
    if (keyStart >= src.length) {
      syntaxError("zero length string", statement);
      break;
    }

    // locate the end of the key
    let keyEnd = -1;
    let separator = "";
    let badChar: string | undefined;
    let badAt = -1;
    for (let i = keyStart; i < src.length; ) {
      const cp = src.codePointAt(i) ?? 0;
      const c = String.fromCodePoint(cp);
      if (c === "=" || c === ":" || c === "\n") {
        keyEnd = i;
        separator = c;
        break;
      }
      if (!isInlineSpace(c) && !isKeyChar(c)) {
        badChar = c;
        badAt = i;
        break;
      }
      i += c.length;
    }
    if (badChar !== undefined) {
      const lineText = src.slice(keyStart, nextLine(keyStart)).replace(/\n$/, "");
      const { line } = at(badAt);
      syntaxError(`line ${line}: unexpected character ${goQuote(badChar)} in variable name ${goQuote(lineText)}`, badAt);
      pos = nextLine(badAt);
      continue;
    }

    const { line, col } = at(keyStart);
    const inherited = separator === "\n";
    // no separator before the end: compose reads an empty key whose value is the rest
    const key = keyEnd === -1 ? "" : trimRightUnicodeSpace(src.slice(keyStart, keyEnd));
    if (key.includes(" ")) {
      syntaxError(`line ${line}: key cannot contain a space`, keyStart);
      pos = nextLine(keyStart);
      continue;
    }

    if (inherited) {
      const value = external(key) ?? (earlier ? parsed.get(key) : undefined);
      record({ key, value: value ?? null, line, col, quote: "none", variables: [] }, keyStart, false);
      pos = keyEnd + 1;
      continue;
    }

    let valueStart = keyEnd === -1 ? keyStart : keyEnd + 1;
    while (valueStart < src.length && isInlineSpace(src[valueStart] ?? "")) valueStart++;
    const q = src[valueStart];

    if (q === "'" || q === '"') {
      let chars = "";
      let escaped = false;
      let close = -1;
      for (let i = valueStart + 1; i < src.length; i++) {
        const c = src[i] ?? "";
        if (c !== q) {
          if (!escaped && c === "\\") {
            escaped = true;
            continue;
          }
          if (escaped) {
            escaped = false;
            chars += "\\";
          }
          chars += c;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += c;
          continue;
        }
        close = i;
        break;
      }
      if (close === -1) {
        const lineEnd = src.indexOf("\n", valueStart);
        const text = src.slice(valueStart, lineEnd === -1 ? src.length : lineEnd);
        syntaxError(`line ${at(valueStart).line}: unterminated quoted value ${text}`, valueStart);
        break;
      }
      const quote = q === '"' ? "double" : "single";
      const { value, variables } = quote === "double" ? expand(expandEscapes(chars), valueStart) : { value: chars, variables: [] };
      record({ key, value, line, col, quote, variables }, keyStart, keyEnd === -1);
      pos = close + 1;
      continue;
    }

    const lineEnd = src.indexOf("\n", valueStart);
    let raw = src.slice(valueStart, lineEnd === -1 ? src.length : lineEnd);
    const comment = raw.indexOf(" #");
    if (comment !== -1) raw = raw.slice(0, comment);
    raw = trimRightUnicodeSpace(raw);
    const { value, variables } = expand(raw, valueStart);
    record({ key, value, line, col, quote: "none", variables }, keyStart, keyEnd === -1);
    pos = lineEnd === -1 ? src.length : lineEnd + 1;
  }

  return { value: entries, issues };
}

/**
 * The variables an env file (or several, in order) defines: later entries win, like compose;
 * a bare `KEY` the lookup does not know (`null`) does not replace a known value, and stays
 * `null` ("unknown") when nothing set it.
 */
export function envEntriesToMap(entries: readonly Pick<EnvEntry, "key" | "value">[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const set = (key: string, value: string | null) =>
    // `__proto__` is a possible env key: keep it as data
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  for (const { key, value } of entries) {
    if (value !== null) set(key, value);
    else if (!Object.hasOwn(out, key)) set(key, null);
  }
  return out;
}

export interface EnvFileEntry extends EnvEntry {
  /** the file the entry was read from */
  file: string;
}

export interface ParseEnvFilesOptions {
  /** in load order; later files win */
  files: readonly { content: string; file: string }[];
  lookup?: (name: string) => string | undefined;
}

/**
 * Parses several env files in order, the way compose loads `--env-file a --env-file b`
 * (compose-go `GetEnvFromFile`): a later file sees the values of the earlier ones, but the
 * lookup (the process environment) still comes first in interpolation.
 */
export function parseEnvFiles({ files, lookup }: ParseEnvFilesOptions): PhaseResult<EnvFileEntry[]> {
  const entries: EnvFileEntry[] = [];
  const issues: Issue[] = [];
  const known: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const { content, file } of files) {
    const result = parseEnvFile({ content, file, lookup, earlier: known });
    issues.push(...result.issues);
    for (const entry of result.value) {
      entries.push({ ...entry, file });
      if (entry.value !== null) known[entry.key] = entry.value;
    }
  }
  return { value: entries, issues };
}
