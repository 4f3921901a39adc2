/**
 * Runs every vector of test/fixtures/conformance/compose-go/loader.json
 * (compose-go `loader/merge_reset_test.go`, `loader/override_test.go`, `loader/reset_test.go`):
 * `!reset` / `!override`, anchors, merge keys and multi-file overrides.
 *
 * Most vectors need only the YAML parse phase and the merge phase (with unicity), which is what
 * compose-go exercises in them; they run on exactly that. The few that need more of the loader
 * (extends, canonical forms) run through `loadEnvironment` — see LOADER_VECTORS.
 */
import { describe, expect, it } from "vitest";
import { readLoaderVectors, type LoaderVector } from "./loader-vectors";
import { type Issue } from "@/lib/compose/issues";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { mergeDocuments } from "@/lib/compose/merge";
import { parseYaml } from "@/lib/compose/parse-yaml";

const vectors = readLoaderVectors();

/** Vectors that need phases beyond parse + merge, with the reason. */
const LOADER_VECTORS: Record<string, string> = {
  Test_LoadWithReset: "expects `environment: {}`, the canonical (mapping) form; the merge phase leaves a list",
  TestOverrideSelfExtends: "needs `extends`",
};

/** Vectors we knowingly differ on, with the reason. Empty: all pass. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

function errorText(i: Issue): string {
  return i.line !== undefined ? `line ${i.line}: ${i.message}` : i.message;
}

/** parse each file, merge them in order with the unicity pass: what these compose-go tests exercise */
function parseAndMerge(v: LoaderVector): { value: unknown; issues: Issue[] } {
  const issues: Issue[] = [];
  const documents: { value: unknown; file: string }[] = [];
  v.files.forEach((content, i) => {
    const file = `compose${i}.yaml`;
    const parsed = parseYaml({ content, file });
    issues.push(...parsed.issues);
    documents.push({ value: parsed.value, file });
  });
  if (issues.some((i) => i.severity === "error")) return { value: undefined, issues };
  const merged = mergeDocuments({ documents });
  return { value: merged.value, issues: [...issues, ...merged.issues] };
}

function load(v: LoaderVector): { value: unknown; issues: Issue[] } {
  const env = loadEnvironment(
    {
      name: "test",
      files: v.files.map((content, i) => ({ name: i === 0 ? "compose.yaml" : `compose.override${i}.yaml`, content })),
    },
    { skipNormalization: v.options?.skipNormalization ?? false, skipConsistencyCheck: v.options?.skipConsistencyCheck ?? false },
  );
  return { value: env.project, issues: env.issues };
}

function lookup(root: unknown, path: string[]): { found: boolean; value: unknown } {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) {
      return { found: false, value: undefined };
    }
    node = (node as Record<string, unknown>)[key];
  }
  return { found: true, value: node };
}

describe("compose-go loader vectors (!reset, !override, anchors, overrides)", () => {
  it("has all 26 vectors to run", () => {
    expect(vectors.length).toBe(26);
  });

  for (const v of vectors) {
    const run = KNOWN_DIFFERENCES[v.name] ? it.skip : it;
    const via = LOADER_VECTORS[v.name] ? "loadEnvironment" : "parse + merge";
    run(`${v.name} (${v.source}) via ${via}`, () => {
      const result = LOADER_VECTORS[v.name] ? load(v) : parseAndMerge(v);
      const errors = result.issues.filter((i) => i.severity === "error");
      if (v.expectedError !== undefined) {
        expect(errors.map(errorText).join("\n")).toContain(v.expectedError);
        return;
      }
      expect(errors).toEqual([]);
      for (const a of v.assertions ?? []) {
        const { found, value } = lookup(result.value, a.path);
        const where = a.path.join(".");
        if (a.equals !== undefined) expect(value, where).toEqual(a.equals);
        if (a.length !== undefined) {
          if (a.length === 0 && !found) continue;
          expect(value, where).toHaveLength(a.length);
        }
        if (a.absent) expect(found, where).toBe(false);
        if (a.falsy) expect(!found || value === false || value === null || value === undefined, where).toBe(true);
      }
    });
  }
});
