/**
 * Single- and double-quoted scalars written on one line, with YAML 1.2's escapes exactly as
 * eemeli `yaml` reads them. A quote left open at the end of the line (a multi-line scalar),
 * a `\` line continuation or an invalid escape declines.
 */
import { decline } from "./decline";

export interface QuotedScalar {
  value: string;
  /** the index just after the closing quote */
  end: number;
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};

const HEX = /^[0-9a-fA-F]+$/;

/** Reads `"…"` starting at `open` (the quote); the closing quote must come before `lineEnd`. */
export function readDoubleQuoted(text: string, open: number, lineEnd: number): QuotedScalar {
  let out = "";
  let chunk = open + 1;
  for (let i = open + 1; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) return { value: out + text.slice(chunk, i), end: i + 1 };
    if (c !== 92 /* \ */) continue;
    out += text.slice(chunk, i);
    const next = text[i + 1];
    if (next === undefined || i + 1 >= lineEnd) decline("double-quoted line continuation");
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else if (next === "x" || next === "u" || next === "U") {
      const length = next === "x" ? 2 : next === "u" ? 4 : 8;
      const digits = text.slice(i + 2, i + 2 + length);
      if (digits.length !== length || i + 2 + length > lineEnd || !HEX.test(digits)) decline("bad escape");
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) decline("bad escape");
      out += String.fromCodePoint(code);
      i += 1 + length;
    } else {
      decline("bad escape");
    }
    chunk = i + 1;
  }
  return decline("multi-line double-quoted scalar");
}

/** Reads `'…'` starting at `open`; `''` is a quote. */
export function readSingleQuoted(text: string, open: number, lineEnd: number): QuotedScalar {
  let out = "";
  let chunk = open + 1;
  for (let i = open + 1; i < lineEnd; i++) {
    if (text.charCodeAt(i) !== 39 /* ' */) continue;
    if (i + 1 < lineEnd && text.charCodeAt(i + 1) === 39) {
      out += text.slice(chunk, i + 1);
      i += 1;
      chunk = i + 1;
      continue;
    }
    return { value: out + text.slice(chunk, i), end: i + 1 };
  }
  return decline("multi-line single-quoted scalar");
}
