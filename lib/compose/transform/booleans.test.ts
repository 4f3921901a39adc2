import { describe, expect, it } from "vitest";
import { transformBoolean, transformNumber } from "./booleans";

describe("transformBoolean", () => {
  const table: [unknown, boolean, string | undefined][] = [
    [true, true, undefined],
    ["true", true, undefined],
    ["FALSE", false, undefined],
    ["yes", true, "YAML11_BOOLEAN"],
    ["On", true, "YAML11_BOOLEAN"],
    ["y", true, "YAML11_BOOLEAN"],
    ["no", false, "YAML11_BOOLEAN"],
    ["off", false, "YAML11_BOOLEAN"],
    ["n", false, "YAML11_BOOLEAN"],
  ];
  for (const [input, value, code] of table) {
    it(`reads ${JSON.stringify(input)} as ${value}`, () => {
      const r = transformBoolean({ value: input, path: ["services", "web", "tty"] });
      expect(r.value).toBe(value);
      expect(r.issues.map((i) => i.code)).toEqual(code ? [code] : []);
      if (code) expect(r.issues[0]?.severity).toBe("warning");
    });
  }

  it("rejects other text with compose's message", () => {
    const r = transformBoolean({ value: "maybe", path: ["services", "web", "tty"] });
    expect(r.issues).toMatchObject([{ code: "INVALID_VALUE", severity: "error", message: "invalid boolean: maybe", path: "services.web.tty" }]);
  });
});

describe("transformNumber", () => {
  it("casts numeric text and rejects the rest", () => {
    expect(transformNumber({ value: "3", path: [], kind: "int" }).value).toBe(3);
    expect(transformNumber({ value: "0.5", path: [], kind: "float" }).value).toBe(0.5);
    expect(transformNumber({ value: "0.5", path: [], kind: "int" }).issues[0]?.code).toBe("INVALID_VALUE");
    expect(transformNumber({ value: "many", path: [], kind: "float" }).issues[0]?.code).toBe("INVALID_VALUE");
  });
});
