/**
 * Side-by-side diff of two environments' canonical models: each model is printed
 * as YAML (`yaml` stringify, map keys sorted so that the order files were written in
 * does not show up as a difference) and compared line by line with
 * jsdiff's `diffLines`; removed/added runs are paired into `changed` rows.
 */
import { diffLines } from "diff";
import { stringify } from "yaml";

export interface DiffSide {
  line: number;
  text: string;
}

export interface DiffRow {
  kind: "same" | "removed" | "added" | "changed";
  left: DiffSide | null;
  right: DiffSide | null;
}

export interface ModelDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
}

export function modelToYaml(model: unknown): string {
  if (model === undefined || model === null) return "";
  return stringify(model, { lineWidth: 0, aliasDuplicateObjects: false, sortMapEntries: true });
}

const splitLines = (s: string): string[] => {
  const lines = s.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
};

export function diffModels({ left, right }: { left: unknown; right: unknown }): ModelDiff {
  const parts = diffLines(modelToYaml(left), modelToYaml(right));
  const rows: DiffRow[] = [];
  let l = 1;
  let r = 1;
  let added = 0;
  let removed = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    const lines = splitLines(part.value);
    if (!part.added && !part.removed) {
      for (const text of lines) rows.push({ kind: "same", left: { line: l++, text }, right: { line: r++, text } });
      continue;
    }
    if (part.removed) {
      const next = parts[i + 1];
      const addedLines = next?.added ? splitLines(next.value) : [];
      if (next?.added) i++;
      removed += lines.length;
      added += addedLines.length;
      for (let k = 0; k < Math.max(lines.length, addedLines.length); k++) {
        const a = lines[k];
        const b = addedLines[k];
        rows.push({
          kind: a !== undefined && b !== undefined ? "changed" : a !== undefined ? "removed" : "added",
          left: a !== undefined ? { line: l++, text: a } : null,
          right: b !== undefined ? { line: r++, text: b } : null,
        });
      }
      continue;
    }
    added += lines.length;
    for (const text of lines) rows.push({ kind: "added", left: null, right: { line: r++, text } });
  }
  return { rows, added, removed };
}
