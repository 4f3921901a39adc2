/** Helpers for the fast path's tests: read with it, and hold it to the reference. */
import { expect } from "vitest";
import { DEFAULT_YAML_LIMITS, parseYamlDocuments, parseYamlDocumentsReference, type YamlLimits } from "../parse-yaml";
import { readYamlFast, type ReadYamlFastResult } from "./read-yaml-fast";
import { snapshot } from "./snapshot";

export function readFast(text: string, limits: Partial<YamlLimits> = {}): ReadYamlFastResult {
  return readYamlFast({ text, file: "t.yml", limits: { ...DEFAULT_YAML_LIMITS, ...limits } });
}

/** The fast path accepts `text` and builds what the reference builds; returns the value. */
export function expectAsReference(text: string, limits: Partial<YamlLimits> = {}): unknown {
  const fast = readFast(text, limits);
  const reference = parseYamlDocumentsReference({ content: text, file: "t.yml", limits });
  expect(fast.kind === "declined" ? fast.reason : "parsed").toBe("parsed");
  expect(reference.issues).toEqual([]);
  expect(reference.value).toHaveLength(1);
  const value = (fast as { value: unknown }).value;
  expect(snapshot(value)).toEqual(snapshot(reference.value[0]));
  return value;
}

/** The fast path declines `text` (for `reason`, when given), and parseYamlDocuments gives the reference's result. */
export function expectDeclined(text: string, reason?: string | RegExp, limits: Partial<YamlLimits> = {}): void {
  const fast = readFast(text, limits);
  expect(fast.kind).toBe("declined");
  if (reason !== undefined && fast.kind === "declined") {
    if (typeof reason === "string") expect(fast.reason).toBe(reason);
    else expect(fast.reason).toMatch(reason);
  }
  const reference = parseYamlDocumentsReference({ content: text, file: "t.yml", limits });
  const combined = parseYamlDocuments({ content: text, file: "t.yml", limits });
  expect(combined.issues).toEqual(reference.issues);
  expect(combined.value.map(snapshot)).toEqual(reference.value.map(snapshot));
}
