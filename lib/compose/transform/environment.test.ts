import { describe, expect, it } from "vitest";
import { getLoc, setLoc } from "../source-map";
import { transformMappingWithEquals } from "./environment";

describe("transformMappingWithEquals (environment, build.args)", () => {
  it("turns a KEY=VAL list into a mapping, bare KEY into null and KEY= into an empty string", () => {
    const r = transformMappingWithEquals({ value: ["A=1", "B", "C=", "D=x=y"], path: [] });
    expect(r.value).toEqual({ A: "1", B: null, C: "", D: "x=y" });
  });

  it("prints mapping values like Go and keeps null", () => {
    const r = transformMappingWithEquals({ value: { A: 1, B: true, C: null, D: "x", E: 1.5 }, path: [] });
    expect(r.value).toEqual({ A: "1", B: "true", C: null, D: "x", E: "1.5" });
  });

  it("rejects a key with a trailing space", () => {
    const r = transformMappingWithEquals({ value: ["A =1"], path: ["services", "web", "environment"] });
    expect(r.issues[0]?.message).toBe("environment variable A  is declared with a trailing space");
    expect(r.issues[0]?.path).toBe("services.web.environment[0]");
  });

  it("moves each list item's location to its key", () => {
    const raw = ["A=1", "B=2"];
    setLoc(raw, 1, { file: "x.yml", line: 4, col: 9 });
    expect(getLoc(transformMappingWithEquals({ value: raw, path: [] }).value, "B")).toEqual({ file: "x.yml", line: 4, col: 9 });
  });

  it("rejects a scalar", () => {
    expect(transformMappingWithEquals({ value: 5, path: ["e"] }).issues[0]?.code).toBe("INVALID_VALUE");
  });
});
