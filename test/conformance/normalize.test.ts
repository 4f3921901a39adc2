/**
 * Runs every vector of test/fixtures/conformance/compose-go/normalize.json
 * (compose-go `loader/normalize_test.go`): the raw YAML is normalized with `env`
 * and compared with the expected YAML as parsed values. Each vector also runs
 * through canonicalize first and must then equal the canonicalized expectation,
 * so the phase holds on the canonical model the loader gives it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { canonicalize } from "@/lib/compose/canonicalize";
import type { ComposeProject } from "@/lib/compose/model";
import { normalizeProject } from "@/lib/compose/normalize";

interface NormalizeVector {
  name: string;
  source: string;
  files: string[];
  env: Record<string, string>;
  expected: string;
}

const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/conformance/compose-go/normalize.json", import.meta.url)), "utf8"),
) as NormalizeVector[];

/** Vectors we knowingly differ on, with the reason. Empty: we aim for all. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

describe("compose-go normalize vectors", () => {
  it("has vectors to run", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(9);
  });

  for (const v of vectors) {
    const run = KNOWN_DIFFERENCES[v.name] ? it.skip : it;
    run(`${v.name} (${v.source})`, () => {
      const input = parse(v.files[0] ?? "") as ComposeProject;
      const result = normalizeProject({ project: input, env: v.env });
      expect(result.issues).toEqual([]);
      expect(result.value).toEqual(parse(v.expected));
    });

    run(`${v.name} on the canonical model (${v.source})`, () => {
      const input = canonicalize({ project: parse(v.files[0] ?? "") });
      expect(input.issues).toEqual([]);
      const result = normalizeProject({ project: input.value, env: v.env });
      const expected = canonicalize({ project: parse(v.expected) });
      expect(result.value).toEqual(expected.value);
    });
  }
});
