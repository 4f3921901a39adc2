/**
 * Literal (`|`) and folded (`>`) block scalars, with clip (default) or strip (`-`) chomping
 * and the indentation taken from the first content line, read as eemeli `yaml` reads them
 * (`compose/resolve-block-scalar.js`). Declined: keep chomping (`+`), indentation indicators,
 * text after the header, empty scalars, and whitespace-only lines indented more than the content
 * (the cases where yaml's rules get subtle).
 */
import type { Cursor } from "./cursor";
import { decline } from "./decline";

/**
 * Reads the block scalar whose header (`|` or `>`) is at `header` on the current line. Its
 * content lines must be indented more than `parentIndent`. Leaves the cursor on the first line
 * after the scalar (or at the end).
 */
export function readBlockScalar(c: Cursor, header: number, parentIndent: number): string {
  const text = c.text;
  const folded = text.charCodeAt(header) === 62;
  let i = header + 1;
  let strip = false;
  if (i < c.lineEnd && text.charCodeAt(i) === 45 /* - */) {
    strip = true;
    i++;
  }
  if (i < c.lineEnd) {
    if (text.charCodeAt(i) !== 32) decline("block scalar header");
    i = c.skipSpaces(i);
    if (i < c.lineEnd && text.charCodeAt(i) !== 35) decline("text after a block scalar header");
  }
  if (!c.nextLine()) decline("empty block scalar");

  // lines as [extra indentation + content] relative to the content indentation; blank lines as ""
  const lines: string[] = [];
  /** per line: more indented than the content (folding keeps its line breaks) */
  const more: boolean[] = [];
  let indent = -1;
  let leadingBlankMax = 0;
  for (;;) {
    let j = c.lineStart;
    const end = c.lineEnd;
    while (j < end && text.charCodeAt(j) === 32) j++;
    const spaces = j - c.lineStart;
    if (j === end) {
      // a blank line
      if (indent < 0) leadingBlankMax = Math.max(leadingBlankMax, spaces);
      else if (spaces > indent) decline("more-indented blank line in a block scalar");
      lines.push("");
      more.push(false);
    } else {
      if (indent < 0) {
        if (spaces <= parentIndent) decline("empty block scalar");
        if (leadingBlankMax > spaces) decline("more-indented leading blank line in a block scalar");
        indent = spaces;
      } else if (spaces < indent) {
        break;
      }
      lines.push(text.slice(c.lineStart + indent, end));
      more.push(spaces > indent);
    }
    if (!c.nextLine()) break;
  }
  if (indent < 0) decline("empty block scalar");

  // trailing blank lines are chomped
  let chompStart = lines.length;
  while (chompStart > 0 && lines[chompStart - 1] === "" && !more[chompStart - 1]) chompStart--;
  let contentStart = 0;
  while (lines[contentStart] === "") contentStart++;

  let value = "";
  for (let k = 0; k < contentStart; k++) value += "\n";
  let sep = "";
  let prevMoreIndented = false;
  for (let k = contentStart; k < chompStart; k++) {
    const line = lines[k] as string;
    if (!folded) {
      value += sep + line;
      sep = "\n";
    } else if (more[k]) {
      if (sep === " ") sep = "\n";
      else if (!prevMoreIndented && sep === "\n") sep = "\n\n";
      value += sep + line;
      sep = "\n";
      prevMoreIndented = true;
    } else if (line === "") {
      if (sep === "\n") value += "\n";
      else sep = "\n";
    } else {
      value += sep + line;
      sep = " ";
      prevMoreIndented = false;
    }
  }
  return strip ? value : `${value}\n`;
}
