/**
 * Runs every vector of test/fixtures/conformance/compose-go/interpolation.json
 * (compose-go `template/template_test.go`, `interpolation/interpolation_test.go`,
 * `dotenv/godotenv_var_expansion_test.go`) against `substituteTemplate` and, where the vector
 * names a YAML path, against `interpolateTree`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { interpolateTree } from "@/lib/compose/interpolate";
import { substituteTemplate } from "@/lib/compose/template";

interface InterpolationVector {
  name: string;
  source: string;
  template: string;
  env: Record<string, string>;
  expected?: string;
  expectedError?: string;
  errorKind?: "missing_required" | "invalid_template";
  errorDetail?: { variable: string; reason: string };
  fullError?: string;
  yamlPath?: string;
  note?: string;
}

const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/conformance/compose-go/interpolation.json", import.meta.url)), "utf8"),
) as InterpolationVector[];

/** Vectors we knowingly differ on, with the reason. Empty: all pass. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

/** The TestLazy* vectors state in `note` how many "variable is not set" warnings the Go test expects. */
function expectedWarningCount(note: string | undefined): number | undefined {
  if (!note) return undefined;
  if (/no warning/i.test(note)) return 0;
  if (/exactly one warning/i.test(note)) return 1;
  return undefined;
}

/** A compose-like document holding `template` at the dotted `yamlPath`. */
function documentAt(yamlPath: string, template: string): Record<string, unknown> {
  const keys = yamlPath.split(".");
  let node: unknown = template;
  for (const key of [...keys].reverse()) node = { [key]: node };
  return node as Record<string, unknown>;
}

describe("compose-go interpolation vectors", () => {
  it("has every vector of the file to run", () => {
    expect(vectors.length).toBe(111);
  });

  for (const v of vectors) {
    const run = KNOWN_DIFFERENCES[v.name] ? it.skip : it;
    run(`${v.name} (${v.source})`, () => {
      const lookup = (name: string) => (Object.hasOwn(v.env, name) ? v.env[name] : undefined);
      const result = substituteTemplate({ template: v.template, lookup });

      if (v.expectedError !== undefined) {
        expect(result.value).toBeUndefined();
        expect(result.error?.kind).toBe(v.errorKind);
        if (v.errorDetail) {
          expect(result.error?.variable).toBe(v.errorDetail.variable);
          expect(result.error?.reason).toBe(v.errorDetail.reason);
        }
        if (v.yamlPath) {
          const tree = interpolateTree({
            value: documentAt(v.yamlPath, v.template),
            lookup: (name) => {
              const value = lookup(name);
              return value === undefined ? undefined : { value };
            },
            file: "compose.yaml",
          });
          const errors = tree.issues.filter((i) => i.severity === "error");
          expect(errors).toHaveLength(1);
          expect(errors[0]?.message).toContain(v.expectedError);
          if (v.fullError !== undefined) expect(errors[0]?.message).toBe(v.fullError);
          expect(errors[0]?.code).toBe(v.errorKind === "missing_required" ? "REQUIRED_VARIABLE" : "INTERPOLATION_SYNTAX");
          expect(errors[0]?.path).toBe(v.yamlPath);
        } else {
          expect(result.error?.message).toContain(v.expectedError);
        }
        return;
      }

      expect(result.error).toBeUndefined();
      expect(result.value).toBe(v.expected);
      // the tree phase gives the same value for a compose value holding the template
      const tree = interpolateTree({
        value: { services: { web: { image: v.template } } },
        lookup: (name) => {
          const value = lookup(name);
          return value === undefined ? undefined : { value };
        },
        file: "compose.yaml",
      });
      expect(tree.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(tree.value.value).toEqual({ services: { web: { image: v.expected } } });
      if (v.source.includes(":TestLazy")) {
        const warnings = expectedWarningCount(v.note);
        expect(warnings, "the note of a TestLazy* vector states the warning count").toBeDefined();
        expect(result.unset).toHaveLength(warnings ?? -1);
      }
    });
  }
});
