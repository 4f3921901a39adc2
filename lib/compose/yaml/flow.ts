/**
 * Flow collections written on one line: `[backend]`, `["serve", "--port", "8000"]`, `{}`,
 * `{image: a, restart: always}`, `[*a, *b]`, nested ones. Items are plain or quoted scalars,
 * aliases and flow collections. A collection left open at the end of the line, a trailing or
 * doubled comma, `key: value` pairs inside a sequence, keys not followed by `: `, anchors,
 * tags, comments inside, duplicate or non-string keys: declined.
 */
import { setLoc, setSelfLoc } from "../source-map";
import { isAnchorName } from "./anchors";
import type { ReadContext } from "./context";
import { decline } from "./decline";
import { setOwn } from "./merge-key";
import { readDoubleQuoted, readSingleQuoted } from "./quoted";
import { isCoreString, plainScalarValue } from "./scalars";

export interface FlowValue {
  value: unknown;
  /** the index just after the value */
  end: number;
}

/** `,[]{}` */
function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** Reads the flow collection whose `[` or `{` is at `open` on the current line. */
export function readFlowCollection(ctx: ReadContext, open: number, depth: number): FlowValue {
  ctx.budget.count(depth);
  const c = ctx.cursor;
  const text = c.text;
  const isSeq = text.charCodeAt(open) === 91;
  const close = isSeq ? 93 : 125;
  const out: unknown[] | Record<string, unknown> = isSeq ? [] : {};
  setSelfLoc(out, c.loc(open));
  let i = c.skipSpaces(open + 1);
  if (text.charCodeAt(i) === close) return { value: out, end: i + 1 };
  const keys = isSeq ? undefined : new Set<string>();
  for (;;) {
    if (i >= c.lineEnd) decline("multi-line flow collection");
    if (isSeq) {
      const item = readFlowNode(ctx, i, depth + 1);
      (out as unknown[]).push(item.value);
      setLoc(out, (out as unknown[]).length - 1, c.loc(i));
      i = c.skipSpaces(item.end);
    } else {
      const key = readFlowKey(ctx, i);
      if (keys?.has(key.key)) decline("duplicate key");
      keys?.add(key.key);
      const at = c.skipSpaces(key.end);
      const value = readFlowNode(ctx, at, depth + 1);
      setOwn(out as Record<string, unknown>, key.key, value.value);
      setLoc(out, key.key, c.loc(i));
      i = c.skipSpaces(value.end);
    }
    const ch = text.charCodeAt(i);
    if (i < c.lineEnd && ch === close) return { value: out, end: i + 1 };
    if (i >= c.lineEnd || ch !== 44) decline("unexpected character in flow collection");
    i = c.skipSpaces(i + 1);
    if (text.charCodeAt(i) === close || text.charCodeAt(i) === 44) decline("empty flow entry");
  }
}

/** A key of a flow mapping and the index after its `: `. */
function readFlowKey(ctx: ReadContext, i: number): { key: string; end: number } {
  const c = ctx.cursor;
  const text = c.text;
  const ch = text.charCodeAt(i);
  let key: string;
  let colon: number;
  if (ch === 34 || ch === 39) {
    const q = ch === 34 ? readDoubleQuoted(text, i, c.lineEnd) : readSingleQuoted(text, i, c.lineEnd);
    key = q.value;
    colon = q.end;
  } else {
    const plain = scanFlowPlain(text, i, c.lineEnd, true);
    key = text.slice(i, plain.last + 1);
    colon = plain.stop;
    if (colon !== plain.last + 1) decline("space before a flow key's ':'");
    if (!isCoreString(key) || key === "<<") decline("flow key not a plain string");
  }
  if (text.charCodeAt(colon) !== 58 || text.charCodeAt(colon + 1) !== 32 || colon + 1 >= c.lineEnd) decline("flow key without ': '");
  return { key, end: colon + 2 };
}

/** One flow item or value at `i`. */
function readFlowNode(ctx: ReadContext, i: number, depth: number): FlowValue {
  const c = ctx.cursor;
  const text = c.text;
  if (i >= c.lineEnd) decline("multi-line flow collection");
  const ch = text.charCodeAt(i);
  if (ch === 91 || ch === 123) return readFlowCollection(ctx, i, depth);
  if (ch === 34 || ch === 39) {
    ctx.budget.count(depth);
    const q = ch === 34 ? readDoubleQuoted(text, i, c.lineEnd) : readSingleQuoted(text, i, c.lineEnd);
    return { value: q.value, end: q.end };
  }
  if (ch === 42 /* * */) {
    let j = i + 1;
    while (j < c.lineEnd && text.charCodeAt(j) !== 32 && !isFlowIndicator(text.charCodeAt(j))) j++;
    const name = text.slice(i + 1, j);
    if (!isAnchorName(name)) decline("unusual alias name");
    return { value: ctx.anchors.resolve(name, depth, ctx.budget), end: j };
  }
  const plain = scanFlowPlain(text, i, c.lineEnd, false);
  ctx.budget.count(depth);
  return { value: plainScalarValue(text.slice(i, plain.last + 1)), end: plain.last + 1 };
}

/**
 * A plain scalar in a flow collection, from `i`: it stops at a flow indicator, or at a `:`
 * followed by a space, a flow indicator or the line end (declined unless `asKey`).
 * `last` is its last non-space character, `stop` where it stopped.
 */
function scanFlowPlain(text: string, i: number, lineEnd: number, asKey: boolean): { last: number; stop: number } {
  const first = text.charCodeAt(i);
  const second = i + 1 < lineEnd ? text.charCodeAt(i + 1) : 32;
  if (isPlainStartIndicator(first) || (first === 45 /* - */ && (second === 32 || isFlowIndicator(second)))) {
    decline("flow scalar starts with an indicator");
  }
  let last = i;
  let j = i;
  for (; j < lineEnd; j++) {
    const ch = text.charCodeAt(j);
    if (isFlowIndicator(ch)) break;
    if (ch === 58 /* : */) {
      const next = j + 1 < lineEnd ? text.charCodeAt(j + 1) : 32;
      if (next === 32 || isFlowIndicator(next)) {
        if (!asKey) decline("pair in a flow sequence");
        break;
      }
    } else if (ch === 32) {
      if (j + 1 < lineEnd && text.charCodeAt(j + 1) === 35) decline("comment in a flow collection");
      continue;
    }
    last = j;
  }
  return { last, stop: j };
}

/**
 * Characters a plain scalar may not start with in the fast path: YAML indicators
 * (`-` is checked by the callers: `-x` is a plain scalar, `- x` is not).
 */
export function isPlainStartIndicator(c: number): boolean {
  switch (c) {
    case 63: // ?
    case 58: // :
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 32: // space
      return true;
    default:
      return false;
  }
}
