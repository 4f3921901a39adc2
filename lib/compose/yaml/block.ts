/**
 * Block structure: mappings and sequences by indentation, `- key: value` items (compact
 * mappings) and `- - x` (compact sequences), a mapping value's sequence written at the key's
 * own indentation, inline values (scalars, flow collections, aliases, block scalars) with an
 * optional anchor and `!reset` / `!override` tag. Every container records where it starts and
 * where each key / item was written, like the reference walk (`parse-yaml.ts`).
 *
 * Declined (read by the reference instead): multi-line plain or quoted scalars (any line
 * indented deeper than expected after a value), explicit keys (`?`), keys that are not plain
 * strings or quoted, duplicate keys, `key : value`, props on keys, other tags, empty anchored
 * values and whatever else is not one of the shapes above.
 */
import { setLoc, setSelfLoc, type SourceLocation } from "../source-map";
import { OverrideTag, ResetTag } from "../tags";
import { isAnchorName } from "./anchors";
import { readBlockScalar } from "./block-scalar";
import type { ReadContext } from "./context";
import { isDocumentMarker } from "./cursor";
import { decline } from "./decline";
import { isPlainStartIndicator, readFlowCollection } from "./flow";
import { applyMergeValue, setOwn } from "./merge-key";
import { readDoubleQuoted, readSingleQuoted } from "./quoted";
import { isCoreString, plainScalarValue } from "./scalars";

type Tag = "!reset" | "!override";

/** The longest implicit key the fast path takes (YAML allows 1024 characters). */
const MAX_KEY_LENGTH = 1000;

export class BlockReader {
  /** where the value read last starts (the location of an item is its value's) */
  private nodeLoc: SourceLocation | undefined;

  constructor(private readonly ctx: ReadContext) {}

  /** The one document of the text: a block mapping or sequence, after an optional `---`. */
  readDocument(): unknown {
    const c = this.ctx.cursor;
    if (!c.toContent(true)) decline("empty document");
    if (c.indent === 0 && isDocumentMarker(c.text, c.first)) {
      if (c.text.charCodeAt(c.first) !== 45) decline("document end marker");
      const after = c.skipSpaces(c.first + 3);
      if (after < c.lineEnd && (after === c.first + 3 || c.text.charCodeAt(after) !== 35)) decline("content after ---");
      c.nextLine();
      if (!c.toContent()) decline("empty document");
    }
    const value = this.readCollection(c.indent, 0);
    if (c.toContent()) decline("content after the root collection");
    return value;
  }

  /** The block mapping or sequence starting on the current content line, at `indent`. */
  private readCollection(indent: number, depth: number): unknown {
    const c = this.ctx.cursor;
    return this.isDash(c.first) ? this.readSequence(indent, c.first, depth) : this.readMapping(indent, c.first, depth);
  }

  /** `-` followed by a space or the line end. */
  private isDash(i: number): boolean {
    const c = this.ctx.cursor;
    return c.text.charCodeAt(i) === 45 && (i + 1 >= c.lineEnd || c.text.charCodeAt(i + 1) === 32);
  }

  private readMapping(indent: number, first: number, depth: number): Record<string, unknown> {
    const { cursor: c, budget } = this.ctx;
    budget.count(depth);
    const out: Record<string, unknown> = {};
    const selfLoc = c.loc(first);
    setSelfLoc(out, selfLoc);
    // the keys written in this mapping; until a merge key brings others, the mapping's own keys
    let explicit: Set<string> | undefined;
    let at = first;
    for (;;) {
      const colon = this.keyColon(at);
      if (colon < 0) decline("not a key");
      const key = this.keyText(at, colon);
      if (explicit ? explicit.has(key) : Object.prototype.hasOwnProperty.call(out, key)) decline("duplicate key");
      explicit?.add(key);
      const keyLoc = c.loc(at);
      if (key === "<<" && c.text.charCodeAt(at) === 60) {
        explicit ??= new Set([...Object.keys(out), key]);
        budget.merging++;
        const merged = this.readValue(colon + 1, indent, depth + 1);
        budget.merging--;
        applyMergeValue(out, merged, keyLoc);
      } else {
        setOwn(out, key, this.readValue(colon + 1, indent, depth + 1));
        setLoc(out, key, keyLoc);
      }
      if (!c.toContent() || c.indent < indent) break;
      if (c.indent > indent) decline("unexpected indentation");
      at = c.first;
    }
    this.nodeLoc = selfLoc;
    return out;
  }

  private readSequence(indent: number, first: number, depth: number): unknown[] {
    const { cursor: c, budget } = this.ctx;
    budget.count(depth);
    const out: unknown[] = [];
    const selfLoc = c.loc(first);
    setSelfLoc(out, selfLoc);
    let dash = first;
    for (;;) {
      const text = c.text;
      const i = c.skipSpaces(dash + 1);
      let value: unknown;
      if (i >= c.lineEnd || text.charCodeAt(i) === 35) {
        // nothing on the dash's line: a nested block, or an empty item
        const emptyLoc = dash + 1 === c.lineEnd ? c.loc(dash + 1) : undefined;
        c.nextLine();
        if (c.toContent() && c.indent > indent) {
          value = this.readCollection(c.indent, depth + 1);
        } else {
          if (!emptyLoc) decline("empty item followed by spaces or a comment");
          budget.count(depth + 1);
          value = null;
          this.nodeLoc = emptyLoc;
        }
      } else if (this.isDash(i)) {
        value = this.readSequence(i - c.lineStart, i, depth + 1);
      } else if (this.keyColon(i) >= 0) {
        value = this.readMapping(i - c.lineStart, i, depth + 1);
      } else {
        value = this.readInline(i, indent, depth + 1, false);
      }
      out.push(value);
      setLoc(out, out.length - 1, this.nodeLoc);
      if (!c.toContent() || c.indent < indent) break;
      if (c.indent > indent) decline("unexpected indentation");
      if (!this.isDash(c.first)) break; // a key after a mapping value's sequence: the mapping goes on
      dash = c.first;
    }
    this.nodeLoc = selfLoc;
    return out;
  }

  /**
   * The index of the `:` ending the implicit key that starts at `at` on the current line, or -1
   * when the line is not `key: …`. Only plain keys that do not start with an indicator and
   * quoted keys directly followed by `:`.
   */
  private keyColon(at: number): number {
    const c = this.ctx.cursor;
    const text = c.text;
    const end = c.lineEnd;
    const first = text.charCodeAt(at);
    let colon = -1;
    if (first === 34 || first === 39) {
      // a quoted key (readDoubleQuoted declines on a multi-line quote: fine for a key too)
      const q = first === 34 ? readDoubleQuoted(text, at, end) : readSingleQuoted(text, at, end);
      if (text.charCodeAt(q.end) === 58) colon = q.end;
      else return -1;
    } else {
      if (isPlainStartIndicator(first) || first === 45) return -1;
      for (let j = at + 1; j < end; j++) {
        const ch = text.charCodeAt(j);
        if (ch === 58 /* : */) {
          if (j + 1 >= end || text.charCodeAt(j + 1) === 32) {
            colon = j;
            break;
          }
        } else if (ch === 35 /* # */ && text.charCodeAt(j - 1) === 32) {
          return -1;
        }
      }
      if (colon < 0) return -1;
      if (text.charCodeAt(colon - 1) === 32) decline("space before a key's ':'");
    }
    if (colon + 1 < end && text.charCodeAt(colon + 1) !== 32) return -1;
    if (colon - at > MAX_KEY_LENGTH) decline("long implicit key");
    return colon;
  }

  /** The key written from `at` to `colon`: a string, `<<` for a plain merge key. */
  private keyText(at: number, colon: number): string {
    const c = this.ctx.cursor;
    const text = c.text;
    const first = text.charCodeAt(at);
    if (first === 34 || first === 39) {
      const q = first === 34 ? readDoubleQuoted(text, at, c.lineEnd) : readSingleQuoted(text, at, c.lineEnd);
      if (q.value === "<<") decline("quoted << key");
      return q.value;
    }
    const key = text.slice(at, colon);
    if (key !== "<<" && !isCoreString(key)) decline("non-string key");
    return key;
  }

  /**
   * The value after a key's `:` (`from` is just after it): inline on this line, or a nested
   * block on the next lines, or empty.
   */
  private readValue(from: number, parentIndent: number, depth: number): unknown {
    const c = this.ctx.cursor;
    const i = c.skipSpaces(from);
    if (i >= c.lineEnd || c.text.charCodeAt(i) === 35) {
      c.nextLine();
      return this.readNested(parentIndent, depth, true, undefined, undefined);
    }
    return this.readInline(i, parentIndent, depth, true);
  }

  /**
   * A value on the lines after its key (`keyed`: a sequence may then start at the key's own
   * indentation) or after an item's props, or an empty value.
   */
  private readNested(parentIndent: number, depth: number, keyed: boolean, anchor: string | undefined, tag: Tag | undefined): unknown {
    const { cursor: c, budget, anchors } = this.ctx;
    const has = c.toContent();
    if (has && (c.indent > parentIndent || (keyed && c.indent === parentIndent && this.isDash(c.first)))) {
      if (!this.isDash(c.first) && this.keyColon(c.first) < 0) {
        // not a collection: a flow collection, quoted scalar, alias or props alone on the next line
        const ch = c.text.charCodeAt(c.first);
        const inline = ch === 91 || ch === 123 || ch === 34 || ch === 39 || ch === 42 || ch === 38 || ch === 33;
        if (!inline || anchor !== undefined || tag !== undefined || c.indent === parentIndent) decline("value on the next line");
        return this.readInline(c.first, parentIndent, depth, false, false);
      }
      const entry = anchor === undefined ? undefined : anchors.declare(anchor);
      const mark = entry ? budget.enter(depth) : undefined;
      const built = this.readCollection(c.indent, depth);
      const value = tag === "!reset" ? new ResetTag() : tag === "!override" ? new OverrideTag(built) : built;
      if (entry && mark) {
        const { cost, relDepth } = budget.exit(mark);
        anchors.finish(entry, value, cost, relDepth);
      }
      return value;
    }
    if (anchor !== undefined) decline("anchored empty value");
    if (!keyed) decline("empty item with props");
    if (tag === "!override") decline("empty !override");
    budget.count(depth);
    return tag === "!reset" ? new ResetTag() : null;
  }

  /**
   * An inline value at `i` (not a key) with its props, as a mapping value (`keyed`) or a
   * sequence item; leaves the cursor on the next line. A flow collection may go on over the next
   * lines when it starts on its key's or dash's line (`onKeyLine`).
   */
  private readInline(i: number, parentIndent: number, depth: number, keyed: boolean, onKeyLine = true): unknown {
    const { cursor: c, budget, anchors } = this.ctx;
    const text = c.text;
    let anchor: string | undefined;
    let tag: Tag | undefined;
    for (;;) {
      const ch = text.charCodeAt(i);
      if (ch !== 38 /* & */ && ch !== 33 /* ! */) break;
      let j = i + 1;
      while (j < c.lineEnd && text.charCodeAt(j) !== 32) j++;
      const word = text.slice(i + 1, j);
      if (ch === 38) {
        if (anchor !== undefined || !isAnchorName(word)) decline("anchor");
        anchor = word;
      } else {
        if (tag !== undefined || (word !== "reset" && word !== "override")) decline("tag");
        tag = word === "reset" ? "!reset" : "!override";
      }
      i = c.skipSpaces(j);
      if (i >= c.lineEnd || text.charCodeAt(i) === 35) {
        if (i < c.lineEnd && i === j) decline("comment not separated");
        c.nextLine();
        return this.readNested(parentIndent, depth, keyed, anchor, tag);
      }
    }
    const entry = anchor === undefined ? undefined : anchors.declare(anchor);
    const mark = entry ? budget.enter(depth) : undefined;
    this.nodeLoc = c.loc(i);
    let value: unknown;
    const ch = text.charCodeAt(i);
    let end: number;
    if (ch === 42 /* * */) {
      if (anchor !== undefined || tag !== undefined) decline("alias with props");
      let j = i + 1;
      while (j < c.lineEnd && text.charCodeAt(j) !== 32) j++;
      const name = text.slice(i + 1, j);
      if (!isAnchorName(name)) decline("unusual alias name");
      value = anchors.resolve(name, depth, budget);
      end = j;
    } else if (ch === 91 || ch === 123) {
      const flow = readFlowCollection(this.ctx, i, depth, onKeyLine ? parentIndent : undefined);
      value = flow.value;
      end = flow.end;
    } else if (ch === 124 || ch === 62) {
      if (tag !== undefined) decline("tagged block scalar");
      budget.count(depth);
      value = readBlockScalar(c, i, parentIndent);
      end = -1;
    } else if (ch === 34 || ch === 39) {
      if (tag === "!override") decline("!override on a scalar");
      budget.count(depth);
      const q = ch === 34 ? readDoubleQuoted(text, i, c.lineEnd) : readSingleQuoted(text, i, c.lineEnd);
      value = q.value;
      end = q.end;
    } else {
      if (tag === "!override") decline("!override on a scalar");
      if (isPlainStartIndicator(ch) || (ch === 45 && this.isDash(i))) decline("value starts with an indicator");
      budget.count(depth);
      end = c.lineEnd;
      let last = i;
      for (let j = i + 1; j < c.lineEnd; j++) {
        const cj = text.charCodeAt(j);
        if (cj === 32) {
          if (j + 1 < c.lineEnd && text.charCodeAt(j + 1) === 35) {
            end = j;
            break;
          }
        } else {
          if (cj === 58 && (j + 1 >= c.lineEnd || text.charCodeAt(j + 1) === 32)) decline("':' in a plain value");
          last = j;
        }
      }
      value = plainScalarValue(text.slice(i, last + 1));
    }
    if (end >= 0) {
      // only spaces and a comment may follow on the line
      const k = c.skipSpaces(end);
      if (k < c.lineEnd && (k === end || text.charCodeAt(k) !== 35)) decline("text after a value");
      c.nextLine();
    }
    if (tag === "!reset") value = new ResetTag();
    else if (tag === "!override") value = new OverrideTag(value);
    if (entry && mark) {
      const { cost, relDepth } = budget.exit(mark);
      anchors.finish(entry, value, cost, relDepth);
    }
    return value;
  }
}
