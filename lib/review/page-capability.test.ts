import { describe, expect, it } from "vitest";
import { decodePageCapability, encodePageCapability, readPageKey, type PageCapability } from "./page-capability";

describe("page capability header", () => {
  it("reads back every verdict it wrote for the same id", () => {
    const verdicts: PageCapability[] = [
      { kind: "ok", capability: "view" }, { kind: "ok", capability: "review" }, { kind: "ok", capability: "owner" },
      { kind: "missing" }, { kind: "gone", reason: "expired" }, { kind: "gone", reason: "revoked" },
    ];
    for (const v of verdicts) expect(decodePageCapability(encodePageCapability("abc_1-X", v), "abc_1-X")).toEqual(v);
  });

  it("ignores a verdict about another id, or one it cannot read", () => {
    expect(decodePageCapability(encodePageCapability("abc", { kind: "ok", capability: "owner" }), "abd")).toBeNull();
    for (const bad of [null, "", "abc", "abc admin", "abc review extra", " abc review"]) expect(decodePageCapability(bad, "abc")).toBeNull();
  });

  it("takes a key only when exactly one of at most 200 characters is given", () => {
    expect(readPageKey(["k"])).toBe("k");
    expect(readPageKey([])).toBeNull();
    expect(readPageKey(["a", "b"])).toBeNull();
    expect(readPageKey(["x".repeat(201)])).toBeNull();
  });
});
