/**
 * Runs every vector of test/fixtures/conformance/compose-go/ports.json
 * (compose-go `types/types_test.go:TestParsePortConfig`, `transform/ports_test.go`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parsePortSpec, portDefaults, transformPorts } from "@/lib/compose/transform/ports";

interface PortVector {
  name: string;
  source: string;
  input?: string;
  expected?: Record<string, unknown>[];
  ordered?: boolean;
  expectedError?: string;
  exactError?: boolean;
  ignoreParseError?: boolean;
  expectedUnchanged?: boolean;
  inputObject?: Record<string, unknown>;
  expectedObject?: Record<string, unknown>;
}

const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/conformance/compose-go/ports.json", import.meta.url)), "utf8"),
) as PortVector[];

/** Vectors we knowingly differ on, with the reason. Empty: we aim for all. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

const sortKey = (p: object) => JSON.stringify(Object.entries(p).sort(([a], [b]) => a.localeCompare(b)));

describe("compose-go port vectors", () => {
  it("has vectors to run", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(20);
  });

  for (const v of vectors) {
    const run = KNOWN_DIFFERENCES[v.name] ? it.skip : it;
    run(`${v.name} (${v.source})`, () => {
      if (v.inputObject) {
        expect(portDefaults(v.inputObject)).toEqual(v.expectedObject);
        return;
      }
      const input = v.input ?? "";
      if (v.ignoreParseError) {
        const raw = [input];
        const result = transformPorts({ value: raw, path: ["services", "web", "ports"], ignoreParseErrors: true });
        expect(result.issues).toEqual([]);
        if (v.expectedUnchanged) expect(result.value).toEqual([input]);
        return;
      }
      const parsed = parsePortSpec(input);
      if (v.expectedError !== undefined) {
        if (v.exactError) expect(parsed.error).toBe(v.expectedError);
        else expect(parsed.error).toContain(v.expectedError);
        // the service-level transform reports the same message as an issue
        const result = transformPorts({ value: [input], path: ["services", "web", "ports"] });
        expect(result.issues.map((i) => i.message)).toEqual([parsed.error]);
        return;
      }
      expect(parsed.error).toBeUndefined();
      const expected = v.expected ?? [];
      if (v.ordered) expect(parsed.value).toEqual(expected);
      else {
        expect(parsed.value).toHaveLength(expected.length);
        expect(parsed.value.map(sortKey).sort()).toEqual(expected.map(sortKey).sort());
      }
    });
  }
});
