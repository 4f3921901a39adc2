import { describe, it, expect } from "vitest";
import { applyExtends, cloneTree } from "./extends";
import { parseYaml } from "./parse-yaml";
import { getLoc } from "./source-map";

const doc = (content: string, file = "compose.yaml") => parseYaml({ content, file }).value;
const services = (v: unknown) => (v as { services: Record<string, Record<string, unknown>> }).services;

describe("applyExtends", () => {
  it("starts a service from another service of the same file and merges its own attributes on top", () => {
    const r = applyExtends({
      file: "compose.yaml",
      document: doc("services:\n  base:\n    image: app\n    environment:\n      A: '1'\n      B: '2'\n  web:\n    extends: base\n    environment:\n      B: '3'\n"),
    });
    expect(r.issues).toEqual([]);
    const web = services(r.value).web!;
    expect(web.image).toBe("app");
    expect(web.extends).toBeUndefined();
    expect(web.environment).toEqual(expect.arrayContaining(["A=1", "B=3"]));
  });

  it("resolves chains of extends recursively", () => {
    const r = applyExtends({
      file: "compose.yaml",
      document: doc("services:\n  a:\n    image: x\n  b:\n    extends: a\n    restart: always\n  c:\n    extends:\n      service: b\n    command: run\n"),
    });
    expect(services(r.value).c).toMatchObject({ image: "x", restart: "always", command: "run" });
  });

  it("extends a service from another uploaded file", () => {
    const common = doc("services:\n  app:\n    image: common\n    ports: ['80:80']\n", "common.yml");
    const r = applyExtends({
      file: "compose.yaml",
      document: doc("services:\n  web:\n    extends:\n      file: ./common.yml\n      service: app\n"),
      resolveFile: (ref) => (ref.endsWith("common.yml") ? { file: "common.yml", document: common } : undefined),
    });
    expect(r.issues).toEqual([]);
    expect(services(r.value).web).toMatchObject({ image: "common", ports: ["80:80"] });
    expect(getLoc(services(r.value).web, "image")?.file).toBe("common.yml");
  });

  it("reports a missing base file or service", () => {
    const r = applyExtends({
      file: "compose.yaml",
      document: doc("services:\n  web:\n    extends:\n      file: other.yml\n      service: app\n  api:\n    extends: nope\n"),
      resolveFile: () => undefined,
    });
    expect(r.issues.map((i) => i.code)).toEqual(["EXTENDS_NOT_FOUND", "EXTENDS_NOT_FOUND"]);
    expect(r.issues[0]).toMatchObject({ file: "compose.yaml", line: 3, path: "services.web.extends" });
  });

  it("detects cycles instead of looping", () => {
    const r = applyExtends({
      file: "compose.yaml",
      document: doc("services:\n  a:\n    extends: b\n    image: a\n  b:\n    extends: a\n    image: b\n  self:\n    extends: self\n"),
    });
    expect(r.issues.filter((i) => i.code === "EXTENDS_CYCLE").length).toBeGreaterThanOrEqual(2);
  });

  it("applies !override from the extending service", () => {
    const r = applyExtends({
      file: "compose.yaml",
      document: doc("services:\n  a:\n    image: x\n    ports: ['80:80']\n  b:\n    extends: a\n    ports: !override ['81:81']\n"),
    });
    expect(services(r.value).b?.ports).toEqual(["81:81"]);
  });

  it("does not change the input document", () => {
    const input = doc("services:\n  a:\n    image: x\n  b:\n    extends: a\n");
    applyExtends({ file: "compose.yaml", document: input });
    expect(services(input).b).toEqual({ extends: "a" });
  });
});

describe("cloneTree", () => {
  it("copies nested data with its source locations", () => {
    const input = doc("a:\n  b: [1, 2]\n") as Record<string, unknown>;
    const copy = cloneTree(input) as Record<string, unknown>;
    expect(copy).toEqual(input);
    expect(copy.a).not.toBe(input.a);
    expect(getLoc(copy.a, "b")).toEqual(getLoc(input.a, "b"));
  });
});
