/**
 * `command` / `entrypoint` (and hooks' `command`): a string is split into words the
 * way compose-go does, with `github.com/mattn/go-shellwords` v1.0.12 `Parse`
 * (no env expansion, no backtick execution). Like that parser, an unquoted
 * `;`, `&`, `|`, `<` or `>` ends the command: what follows is dropped.
 */
import type { PhaseResult } from "../issues";
import { copyAllLocs } from "../source-map";
import { goString, issueAt, typeName, type TransformOptions } from "./context";

const isSpace = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";

/** go-shellwords `Parse`: returns the words, or an error text. `rest` is what an operator cut off. */
export function shellSplit(line: string): { value: string[]; error?: string; rest?: string } {
  const args: string[] = [];
  let buf = "";
  let escaped = false;
  let doubleQuoted = false;
  let singleQuoted = false;
  let backQuote = false;
  let dollarQuote = false;
  // 0: no word yet, 1: plain word, 2: quoted word (kept even when empty)
  let got: 0 | 1 | 2 = 0;
  let rest: string | undefined;
  const chars = Array.from(line);
  let offset = 0;
  for (const r of chars) {
    const at = offset;
    offset += r.length;
    if (escaped) {
      buf += r;
      escaped = false;
      got = 1;
      continue;
    }
    if (r === "\\") {
      if (singleQuoted) buf += r;
      else escaped = true;
      continue;
    }
    if (isSpace(r)) {
      if (singleQuoted || doubleQuoted || backQuote || dollarQuote) buf += r;
      else if (got !== 0) {
        args.push(buf);
        buf = "";
        got = 0;
      }
      continue;
    }
    let stop = false;
    switch (r) {
      case "`":
        if (!singleQuoted && !doubleQuoted && !dollarQuote) backQuote = !backQuote;
        break;
      case ")":
        if (!singleQuoted && !doubleQuoted && !backQuote) dollarQuote = !dollarQuote;
        break;
      case "(":
        if (!singleQuoted && !doubleQuoted && !backQuote) {
          if (!dollarQuote && buf.endsWith("$")) {
            dollarQuote = true;
            buf += "(";
            continue;
          }
          return { value: [], error: "invalid command line string" };
        }
        break;
      case '"':
        if (!singleQuoted && !dollarQuote) {
          if (doubleQuoted) got = 2;
          doubleQuoted = !doubleQuoted;
          continue;
        }
        break;
      case "'":
        if (!doubleQuoted && !dollarQuote) {
          if (singleQuoted) got = 2;
          singleQuoted = !singleQuoted;
          continue;
        }
        break;
      case ";":
      case "&":
      case "|":
      case "<":
      case ">":
        if (!(singleQuoted || doubleQuoted || backQuote || dollarQuote)) {
          const first = buf.charCodeAt(0);
          if (r === ">" && buf.length > 0 && first >= 48 && first <= 57) got = 0; // `2>`: the fd number is dropped
          rest = line.slice(at);
          stop = true;
        }
        break;
    }
    if (stop) break;
    got = 1;
    buf += r;
  }
  if (got !== 0) args.push(buf);
  if (escaped || singleQuoted || doubleQuoted || backQuote || dollarQuote) {
    return { value: [], error: "invalid command line string" };
  }
  return rest === undefined ? { value: args } : { value: args, rest };
}

/** `command`/`entrypoint`: string → words, list → strings, `null` kept (unset), `""`/`[]` → `[]` (cleared). */
export function transformCommand({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  if (value === null || value === undefined) return { value: null, issues: [] };
  if (typeof value === "string") {
    const split = shellSplit(value);
    if (split.error !== undefined) {
      return { value, issues: [issueAt("INVALID_VALUE", `${split.error}: ${value}`, { path, loc, file })] };
    }
    const issues =
      split.rest === undefined
        ? []
        : [
            issueAt(
              "INVALID_VALUE",
              `compose drops "${split.rest.trim()}" from this command: shell operators are not run without a shell (use sh -c "...")`,
              { path, loc, file, severity: "warning" },
            ),
          ];
    return { value: split.value, issues };
  }
  if (Array.isArray(value)) {
    const out = value.map((v) => (typeof v === "string" ? v : goString(v)));
    copyAllLocs(value, out);
    return { value: out, issues: [] };
  }
  return {
    value,
    issues: [issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for command: expected a string or a list`, { path, loc, file })],
  };
}
