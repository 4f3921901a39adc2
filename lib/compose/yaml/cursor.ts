/**
 * Line-by-line position in the text being read: the current line's bounds and number, and
 * the next content line (blank and comment-only lines skipped) with its indentation.
 * Locations are `{ file, line, col }` with 1-based line and column counted in UTF-16 code units,
 * like `yaml`'s `LineCounter`.
 */
import type { SourceLocation } from "../source-map";
import { decline } from "./decline";

export class Cursor {
  /** start of the current line */
  lineStart = 0;
  /** end of the current line's content: its `\r\n` or `\n` (or the text length) */
  lineEnd: number;
  /** index of the current line's `\n` (or the text length) */
  private lineBreak: number;
  /** 1-based number of the current line */
  lineNo = 1;
  /** no line left */
  eof = false;
  /** after `toContent()`: indentation and first non-space index of the current line */
  indent = 0;
  first = 0;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.lineBreak = lineBreakFrom(text, 0);
    this.lineEnd = contentEnd(text, this.lineBreak);
  }

  /** The location of `offset`, which must be on the current line. */
  loc(offset: number): SourceLocation {
    return { file: this.file, line: this.lineNo, col: offset - this.lineStart + 1 };
  }

  /** Moves to the next line; false (and `eof`) when there is none. */
  nextLine(): boolean {
    if (this.lineBreak >= this.text.length) {
      this.eof = true;
      return false;
    }
    this.lineStart = this.lineBreak + 1;
    this.lineBreak = lineBreakFrom(this.text, this.lineStart);
    this.lineEnd = contentEnd(this.text, this.lineBreak);
    this.lineNo++;
    return true;
  }

  /**
   * Skips blank and comment-only lines; true when on a content line (`indent`, `first` set).
   * A document marker (`---`, `...`) declines unless `allowDocumentStart`.
   */
  toContent(allowDocumentStart = false): boolean {
    if (this.eof) return false;
    const text = this.text;
    for (;;) {
      let i = this.lineStart;
      const end = this.lineEnd;
      while (i < end && text.charCodeAt(i) === 32) i++;
      if (i < end && text.charCodeAt(i) !== 35 /* # */) {
        this.indent = i - this.lineStart;
        this.first = i;
        if (this.indent === 0 && isDocumentMarker(text, i) && !allowDocumentStart) decline("document marker");
        return true;
      }
      if (!this.nextLine()) return false;
    }
  }

  /** The first index at or after `i` on the current line that is not a space. */
  skipSpaces(i: number): number {
    const end = this.lineEnd;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i;
  }
}

function lineBreakFrom(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl < 0 ? text.length : nl;
}

/** A line's content ends before its `\r\n` (a CR is only accepted right before a LF, see read-yaml-fast). */
function contentEnd(text: string, lineBreak: number): number {
  return lineBreak > 0 && lineBreak < text.length && text.charCodeAt(lineBreak - 1) === 13 ? lineBreak - 1 : lineBreak;
}

/** `---` or `...` followed by a space or the end of the line, at `i`. */
export function isDocumentMarker(text: string, i: number): boolean {
  const s = text.slice(i, i + 3);
  if (s !== "---" && s !== "...") return false;
  const next = text.charCodeAt(i + 3);
  return Number.isNaN(next) || next === 32 || next === 10 || next === 13;
}
