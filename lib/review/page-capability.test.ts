import { describe, expect, it } from "vitest";
import { hashSecret } from "./decide-capability";
import { decodePageCapability, encodePageCapability, pageCapabilityOf, readPageKey, type PageCapability } from "./page-capability";

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

describe("pageCapabilityOf", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const row = { reviewKeyHash: hashSecret("rk"), ownerTokenHash: hashSecret("ot"), expiresAt: null, viewRevokedAt: null, reviewRevokedAt: null };

  it("gives the capability of the link, as authorizeCapability does", () => {
    expect(pageCapabilityOf({ row: null, key: null, now })).toEqual({ kind: "missing" });
    expect(pageCapabilityOf({ row, key: null, now })).toEqual({ kind: "ok", capability: "view" });
    expect(pageCapabilityOf({ row, key: "wrong", now })).toEqual({ kind: "ok", capability: "view" });
    expect(pageCapabilityOf({ row, key: "rk", now })).toEqual({ kind: "ok", capability: "review" });
    expect(pageCapabilityOf({ row, key: "ot", now })).toEqual({ kind: "ok", capability: "owner" });
  });

  it("answers gone for an expired link or a revoked one (the owner token still works)", () => {
    const expired = { ...row, expiresAt: new Date(now.getTime() - 1) };
    expect(pageCapabilityOf({ row: expired, key: null, now })).toEqual({ kind: "gone", reason: "expired" });
    expect(pageCapabilityOf({ row: expired, key: "rk", now })).toEqual({ kind: "gone", reason: "expired" });
    expect(pageCapabilityOf({ row: expired, key: "ot", now })).toEqual({ kind: "ok", capability: "owner" });
    expect(pageCapabilityOf({ row: { ...row, expiresAt: new Date(now.getTime() + 1) }, key: null, now })).toEqual({ kind: "ok", capability: "view" });
    const viewRevoked = { ...row, viewRevokedAt: now };
    expect(pageCapabilityOf({ row: viewRevoked, key: null, now })).toEqual({ kind: "gone", reason: "revoked" });
    expect(pageCapabilityOf({ row: viewRevoked, key: "rk", now })).toEqual({ kind: "ok", capability: "review" });
    expect(pageCapabilityOf({ row: { ...row, reviewRevokedAt: now }, key: "rk", now })).toEqual({ kind: "gone", reason: "revoked" });
  });
});
