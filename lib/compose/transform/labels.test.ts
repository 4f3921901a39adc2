import { describe, expect, it } from "vitest";
import { transformStringMapping } from "./labels";

describe("transformStringMapping (labels, annotations, sysctls)", () => {
  it("turns a list into a mapping with empty strings for missing values", () => {
    expect(transformStringMapping({ value: ["traefik.enable=true", "a", "b="], path: [] }).value).toEqual({
      "traefik.enable": "true",
      a: "",
      b: "",
    });
  });

  it("turns null and non-string mapping values into text", () => {
    expect(transformStringMapping({ value: { a: null, b: 1, c: false }, path: [] }).value).toEqual({ a: "", b: "1", c: "false" });
  });

  it("requires key=value for additional_contexts", () => {
    const r = transformStringMapping({ value: ["x"], path: ["services", "a", "build", "additional_contexts"], requireEquals: true });
    expect(r.issues[0]?.message).toBe("invalid value x, expected key=value");
  });
});
