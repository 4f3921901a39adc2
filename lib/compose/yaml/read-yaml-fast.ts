/**
 * The fast path of phase 2: a single-pass reader for the YAML that compose files are made of
 * (see lib/compose/README.md, phase 2, for the subset). It returns exactly what the reference
 * (`parseYamlDocuments` on eemeli `yaml`) returns for the same text (values, location tables,
 * tag markers, no issue), or declines and lets the reference read the text.
 */
import type { YamlLimits } from "../parse-yaml";
import { Anchors } from "./anchors";
import { BlockReader } from "./block";
import { Budget } from "./budget";
import { Cursor } from "./cursor";
import { Decline } from "./decline";

export interface ReadYamlFastOptions {
  /** the text, without a leading BOM */
  text: string;
  file: string;
  limits: YamlLimits;
}

export type ReadYamlFastResult = { kind: "parsed"; value: unknown } | { kind: "declined"; reason: string };

/** Reads one YAML document, or declines. Never throws. */
export function readYamlFast({ text, file, limits }: ReadYamlFastOptions): ReadYamlFastResult {
  if (hasUnsupportedCharacter(text)) return { kind: "declined", reason: "unsupported character" };
  try {
    const ctx = { cursor: new Cursor(text, file), budget: new Budget(limits), anchors: new Anchors() };
    return { kind: "parsed", value: new BlockReader(ctx).readDocument() };
  } catch (e) {
    if (e instanceof Decline) return { kind: "declined", reason: e.reason };
    // a bug or a stack overflow: the reference reads the text
    return { kind: "declined", reason: `internal: ${String(e)}` };
  }
}

const NOT_PRINTABLE_ASCII = /[^\n\x20-\x7e]/;

/**
 * Characters the fast path leaves to the reference: tabs, carriage returns other than in CRLF line
 * breaks and other control characters, C1 controls, U+2028/U+2029, BOMs, non-characters and lone
 * surrogates.
 */
export function hasUnsupportedCharacter(text: string): boolean {
  if (!NOT_PRINTABLE_ASCII.test(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === 10) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c < 0xa0) return true;
    if (c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
