/**
 * Flow collections: `[backend]`, `["serve", "--port", "8000"]`, `{}`, `{image: a, restart: always}`,
 * `[*a, *b]`, nested ones, a trailing comma. Items are plain or quoted scalars, aliases and flow
 * collections. A collection that starts on its key's (or dash's) line may go on over the next
 * lines, with comments, when every line is indented deeper than that key (or dash) and its
 * closing bracket at least as deep (yaml's rule). A scalar spread over lines, `key: value` pairs
 * inside a sequence, keys not followed by `: ` on their line, anchors, tags, doubled commas,
 * duplicate or non-string keys: declined.
 */
import { setLoc, setSelfLoc } from "../source-map";
import { isAnchorName } from "./anchors";
import type { ReadContext } from "./context";
import { isDocumentMarker } from "./cursor";
import { decline } from "./decline";
import { setOwn } from "./merge-key";
import { readDoubleQuoted, readSingleQuoted } from "./quoted";
import { isCoreString, plainScalarValue } from "./scalars";

export interface FlowValue {
  value: unknown;
  /** the index just after the value, on the cursor's current line */
  end: number;
}

/** `,[]{}` */
function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/**
 * Reads the flow collection whose `[` or `{` is at `open` on the current line. With
 * `parentIndent` (the indentation of the key or dash it belongs to) it may go on over the next
 * lines; without, it must end on this one. Leaves the cursor on the line of its closing bracket.
 */
export function readFlowCollection(ctx: ReadContext, open: number, depth: number, parentIndent?: number): FlowValue {
  return new FlowReader(ctx, parentIndent).collection(open, depth);
}

class FlowReader {
  /** how many collections are open */
  private level = 0;

  constructor(
    private readonly ctx: ReadContext,
    private readonly parentIndent: number | undefined,
  ) {}

  collection(open: number, depth: number): FlowValue {
    const ctx = this.ctx;
    ctx.budget.count(depth);
    const c = ctx.cursor;
    const text = c.text;
    const isSeq = text.charCodeAt(open) === 91;
    const close = isSeq ? 93 : 125;
    const out: unknown[] | Record<string, unknown> = isSeq ? [] : {};
    setSelfLoc(out, c.loc(open));
    this.level++;
    const keys = isSeq ? undefined : new Set<string>();
    let i = this.skip(open + 1);
    for (;;) {
      if (text.charCodeAt(i) === close) break;
      if (isSeq) {
        const loc = c.loc(i);
        const item = this.node(i, depth + 1);
        (out as unknown[]).push(item.value);
        setLoc(out, (out as unknown[]).length - 1, loc);
        i = this.skip(item.end);
      } else {
        const loc = c.loc(i);
        const key = readFlowKey(ctx, i);
        if (keys?.has(key.key)) decline("duplicate key");
        keys?.add(key.key);
        const at = c.skipSpaces(key.end);
        if (at >= c.lineEnd) decline("flow value on the next line");
        const value = this.node(at, depth + 1);
        setOwn(out as Record<string, unknown>, key.key, value.value);
        setLoc(out, key.key, loc);
        i = this.skip(value.end);
      }
      const ch = text.charCodeAt(i);
      if (ch === close) break;
      if (ch !== 44) decline("unexpected character in flow collection");
      i = this.skip(i + 1);
      if (text.charCodeAt(i) === 44) decline("empty flow entry");
    }
    this.level--;
    return { value: out, end: i + 1 };
  }

  /** One flow item or value at `i`. */
  private node(i: number, depth: number): FlowValue {
    const ctx = this.ctx;
    const c = ctx.cursor;
    const text = c.text;
    const ch = text.charCodeAt(i);
    if (ch === 91 || ch === 123) return this.collection(i, depth);
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
   * The next token from `i`: spaces, a comment (after a space) and, when the collection may go
   * on over lines, line breaks skipped.
   */
  private skip(i: number): number {
    const c = this.ctx.cursor;
    const text = c.text;
    for (;;) {
      const from = i;
      i = c.skipSpaces(i);
      if (i < c.lineEnd) {
        if (text.charCodeAt(i) !== 35) return i;
        if (i === from && i > c.lineStart) decline("comment not separated");
        if (this.parentIndent === undefined) decline("comment in a flow collection");
      }
      if (this.parentIndent === undefined) decline("multi-line flow collection");
      i = this.nextLine(this.parentIndent);
    }
  }

  /** The first token of the next line that is not blank or a comment, indented as yaml requires. */
  private nextLine(parentIndent: number): number {
    const c = this.ctx.cursor;
    const text = c.text;
    for (;;) {
      if (!c.nextLine()) decline("unterminated flow collection");
      const j = c.skipSpaces(c.lineStart);
      if (j >= c.lineEnd) continue;
      const indent = j - c.lineStart;
      if (text.charCodeAt(j) === 35) {
        // yaml refuses some comment lines that are not indented; take only indented ones
        if (indent <= parentIndent) decline("flow collection comment not indented enough");
        continue;
      }
      if (indent === 0 && isDocumentMarker(text, j)) decline("document marker");
      if (indent > parentIndent) return j;
      const ch = text.charCodeAt(j);
      if (indent === parentIndent && this.level === 1 && (ch === 93 || ch === 125)) return j;
      decline("flow collection line not indented enough");
    }
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
  if (text.charCodeAt(colon) !== 58 || colon + 1 >= c.lineEnd || text.charCodeAt(colon + 1) !== 32) decline("flow key without ': '");
  return { key, end: colon + 2 };
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
      if (j + 1 < lineEnd && text.charCodeAt(j + 1) === 35) break; // a comment
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
