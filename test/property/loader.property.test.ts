/**
 * The loader never throws and never hangs, whatever it is given: arbitrary strings as
 * any kind of file, and arbitrary YAML-ish trees rendered to YAML. Errors come back as
 * issues with a known code and severity.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { stringify } from "yaml";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { ISSUE_CODES } from "@/lib/compose/issues";
import type { LoadedEnvironment } from "@/lib/compose/model";

const SEVERITIES = new Set(["error", "warning", "info"]);

function assertWellFormed(r: LoadedEnvironment) {
  expect(Array.isArray(r.issues)).toBe(true);
  for (const i of r.issues) {
    expect(i.code in ISSUE_CODES).toBe(true);
    expect(SEVERITIES.has(i.severity)).toBe(true);
    expect(typeof i.message).toBe("string");
  }
  expect(r.issues.some((i) => i.code === "INTERNAL")).toBe(false);
  expect(typeof r.project.services).toBe("object");
  expect(JSON.parse(JSON.stringify(r.graph))).toEqual(r.graph);
}

const fileName = fc.constantFrom("compose.yml", "docker-compose.override.yml", ".env", "prod.env", "Procfile", "notes.txt", "k8s.yaml");

const key = fc.oneof(
  fc.constantFrom("services", "web", "db", "image", "ports", "environment", "env_file", "extends", "include", "depends_on", "profiles", "build", "command", "networks", "volumes", "<<", "x-base"),
  fc.string({ maxLength: 8 }),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("${A}", "${B:-x}", "${C:?boom}", "$$", "8000:8000", "./.env", "web", "postgres://u:p@db:5432/x", "a=b", "!reset"),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(key, tie("node"), { maxKeys: 5 })),
})).node;

describe("loadEnvironment on arbitrary input", () => {
  it("never throws on arbitrary file contents and names", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fileName, content: fc.string({ maxLength: 300 }) }), { maxLength: 4 }), (files) => {
        assertWellFormed(loadEnvironment({ name: "p", files }));
      }),
      { numRuns: 150 },
    );
  });

  it("never throws on arbitrary YAML-ish trees as compose files", () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 3 }), fc.string({ maxLength: 60 }), (docs, dotenv) => {
        const files = docs.map((d, i) => ({ name: i === 0 ? "compose.yml" : `compose.override-${i}.yml`, content: stringify(d) }));
        files.push({ name: ".env", content: dotenv });
        assertWellFormed(loadEnvironment({ name: "p", files }));
      }),
      { numRuns: 150 },
    );
  });

  it("never throws on service-shaped trees (extends, include, env_file, profiles)", () => {
    const service = fc.dictionary(
      fc.constantFrom("image", "extends", "env_file", "profiles", "depends_on", "ports", "environment", "links", "networks", "build"),
      tree,
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("a", "b", "c"), fc.oneof(service, service, scalar), { maxKeys: 3 }), tree, (services, include) => {
        const content = stringify({ include, services });
        assertWellFormed(loadEnvironment({ name: "p", files: [{ name: "compose.yml", content }, { name: "a.env", content: "A=1" }] }));
      }),
      { numRuns: 150 },
    );
  });

  it("returns errors as data for hostile input (not as exceptions)", () => {
    const r = loadEnvironment({ name: "p", files: [{ name: "compose.yml", content: "a: &a [*a]\n" }] });
    assertWellFormed(r);
    expect(r.issues.some((i) => i.severity === "error")).toBe(true);
  });
});
