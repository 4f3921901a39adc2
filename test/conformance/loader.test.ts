/**
 * compose-go loader vectors (test/fixtures/conformance/compose-go/loader.json) through
 * `loadEnvironment`: files load in order as base + overrides, with YAML tags, anchors,
 * merge, interpolation and validation; assertions are checked on the canonical model.
 */
import { describe, it, expect } from "vitest";
import { readLoaderVectors } from "./loader-vectors";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { formatIssue } from "@/lib/compose/issues";

const vectors = readLoaderVectors();

/** Vectors we knowingly differ on (name → reason); they are skipped. None at present: all 26 pass. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

function at(value: unknown, path: readonly string[]): { found: boolean; value: unknown } {
  let node: unknown = value;
  for (const seg of path) {
    if (node === null || typeof node !== "object" || !(seg in (node as object))) return { found: false, value: undefined };
    node = (node as Record<string, unknown>)[seg];
  }
  return { found: true, value: node };
}

const fileName = (i: number) => (i === 0 ? "compose.yaml" : i === 1 ? "compose.override.yaml" : `compose.override-${i}.yaml`);

describe("compose-go loader vectors through loadEnvironment", () => {
  it("has the 26 vectors the README lists", () => {
    expect(vectors).toHaveLength(26);
  });

  for (const v of vectors) {
    const known = KNOWN_DIFFERENCES[v.name];
    (known ? it.skip : it)(`${v.name} (${v.source})${known ? ` — known difference: ${known}` : ""}`, () => {
      const files = v.files.map((content, i) => ({ name: fileName(i), content }));
      const envEntries = Object.entries(v.env ?? {});
      if (envEntries.length > 0) files.push({ name: ".env", content: envEntries.map(([k, val]) => `${k}=${JSON.stringify(val)}`).join("\n") });
      const loaded = loadEnvironment({ name: v.name, files }, v.options);
      const errors = loaded.issues.filter((i) => i.severity === "error");

      if (v.expectedError !== undefined) {
        expect(errors.length, `expected an error like ${JSON.stringify(v.expectedError)}`).toBeGreaterThan(0);
        // compose-go puts the line in the message (`line 6: ...`); we keep it in the issue's position
        const texts = errors.flatMap((i) => [formatIssue(i), `line ${i.line}: ${i.message}`]);
        expect(texts.some((t) => t.includes(v.expectedError as string)), texts.join("\n")).toBe(true);
        return;
      }

      expect(errors.map(formatIssue)).toEqual([]);
      for (const a of v.assertions ?? []) {
        const got = at(loaded.project, a.path);
        const where = a.path.join(".");
        if (a.equals !== undefined) {
          expect(got.value, where).toEqual(a.equals);
        }
        if (a.length !== undefined) {
          if (a.length === 0 && !got.found) continue;
          expect(Array.isArray(got.value) ? got.value.length : got.value, where).toBe(a.length);
        }
        if (a.absent) expect(got.found, where).toBe(false);
        if (a.falsy) expect(!got.value, where).toBe(true);
      }
    });
  }
});
