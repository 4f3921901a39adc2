/**
 * Runs every vector of test/fixtures/conformance/compose-go/dotenv.json
 * (compose-go `dotenv/godotenv_test.go`, `dotenv/parser_test.go`) against `parseEnvFile` /
 * `parseEnvFiles`, per the comparison rules of that folder's README.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Issue } from "@/lib/compose/issues";
import { envEntriesToMap, parseEnvFile, parseEnvFiles } from "@/lib/env/parse-env-file";

interface DotenvVector {
  name: string;
  source: string;
  api: "parse" | "read" | "files";
  content?: string;
  contents?: string[];
  env: Record<string, string>;
  expected?: Record<string, string>;
  match?: "exact" | "subset";
  expectedError?: string;
  exactError?: boolean;
  fixture?: string;
  note?: string;
}

const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/conformance/compose-go/dotenv.json", import.meta.url)), "utf8"),
) as DotenvVector[];

/** Vectors we knowingly differ on, with the reason. Empty: all pass. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

/** The `read` API (compose-go `dotenv.Read`) drops keys that start with a digit. */
const STARTS_WITH_DIGIT = /^\s*\d/;

function load(v: DotenvVector): { map: Record<string, string>; issues: Issue[] } {
  const lookup = (name: string) => (Object.hasOwn(v.env, name) ? v.env[name] : undefined);
  const result =
    v.api === "files"
      ? parseEnvFiles({ files: (v.contents ?? []).map((content, i) => ({ content, file: `file${i + 1}.env` })), lookup })
      : parseEnvFile({ content: v.content ?? "", file: v.fixture ?? ".env", lookup });
  const map: Record<string, string> = {};
  for (const [key, value] of Object.entries(envEntriesToMap(result.value))) {
    // a bare KEY the lookup does not know is omitted by compose
    if (value === null) continue;
    if (v.api === "read" && STARTS_WITH_DIGIT.test(key)) continue;
    map[key] = value;
  }
  return { map, issues: result.issues };
}

describe("compose-go dotenv vectors", () => {
  it("has every vector of the file to run", () => {
    expect(vectors.length).toBe(96);
  });

  for (const v of vectors) {
    const run = KNOWN_DIFFERENCES[v.name] ? it.skip : it;
    run(`${v.name} (${v.source})`, () => {
      const { map, issues } = load(v);
      const errors = issues.filter((i) => i.severity === "error");

      if (v.expectedError !== undefined) {
        expect(errors.length).toBeGreaterThan(0);
        const messages = errors.map((e) => e.message);
        if (v.exactError) expect(messages).toContain(v.expectedError);
        else expect(messages.some((m) => m.includes(v.expectedError ?? ""))).toBe(true);
        return;
      }

      expect(errors).toEqual([]);
      if (v.match === "exact") expect(map).toEqual(v.expected);
      else expect(map).toMatchObject(v.expected ?? {});
    });
  }
});
