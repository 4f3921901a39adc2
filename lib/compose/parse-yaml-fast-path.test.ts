/** parseYamlDocuments goes through the fast path (lib/compose/yaml/) and falls back when it declines. */
import { describe, expect, it, vi } from "vitest";
import { syntheticEnvironment } from "@/scripts/bench-engine";
import { parseYamlDocuments, parseYamlDocumentsReference } from "./parse-yaml";
import * as fast from "./yaml/read-yaml-fast";
import { snapshot } from "./yaml/snapshot";

vi.mock("./yaml/read-yaml-fast", async (importOriginal) => {
  const original = await importOriginal<typeof import("./yaml/read-yaml-fast")>();
  return { ...original, readYamlFast: vi.fn(original.readYamlFast) };
});

const readYamlFast = vi.mocked(fast.readYamlFast);

describe("parseYamlDocuments", () => {
  it("reads the benchmark's base file with the fast path", () => {
    const base = syntheticEnvironment(50).files[0] as { name: string; content: string };
    readYamlFast.mockClear();
    const r = parseYamlDocuments({ content: base.content, file: base.name });
    expect(readYamlFast).toHaveBeenCalledTimes(1);
    expect(readYamlFast.mock.results[0]?.value).toMatchObject({ kind: "parsed" });
    expect(r.value.map(snapshot)).toEqual(parseYamlDocumentsReference({ content: base.content, file: base.name }).value.map(snapshot));
  });

  it("hands the fast path the text without its BOM and the merged limits", () => {
    readYamlFast.mockClear();
    parseYamlDocuments({ content: "\uFEFFa: 1\n", file: "b.yml", limits: { maxNodes: 7 } });
    expect(readYamlFast).toHaveBeenCalledWith({ text: "a: 1\n", file: "b.yml", limits: expect.objectContaining({ maxNodes: 7, maxDepth: 100 }) });
  });

  it("falls back to the reference when the fast path declines, with the reference's issues", () => {
    readYamlFast.mockClear();
    const r = parseYamlDocuments({ content: "a: 1\na: 2\n", file: "d.yml" });
    expect(readYamlFast.mock.results[0]?.value).toMatchObject({ kind: "declined", reason: "duplicate key" });
    expect(r.issues).toMatchObject([{ code: "DUPLICATE_KEY", line: 2 }]);
  });

  it("leaves files with template markers and oversized files to the reference", () => {
    readYamlFast.mockClear();
    const r = parseYamlDocuments({ content: "a: '{{ x }}'\n", file: "t.yml" });
    expect(readYamlFast).not.toHaveBeenCalled();
    expect(r.issues).toMatchObject([{ code: "TEMPLATE_NOT_RENDERED", severity: "warning" }]);
    parseYamlDocuments({ content: "a: 1\n", file: "big.yml", limits: { maxBytes: 2 } });
    expect(readYamlFast).not.toHaveBeenCalled();
    // an opening delimiter alone is no marker: the fast path reads the file
    parseYamlDocuments({ content: "a: '{{'\n", file: "t.yml" });
    expect(readYamlFast).toHaveBeenCalledTimes(1);
  });
});
