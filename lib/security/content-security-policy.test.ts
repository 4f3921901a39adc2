import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, createNonce } from "./content-security-policy";

describe("buildContentSecurityPolicy", () => {
  it("allows scripts only from self or with the request's nonce, never unsafe-eval in production", () => {
    const nonce = createNonce();
    const csp = buildContentSecurityPolicy({ nonce });
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("adds unsafe-eval only for next dev", () => {
    expect(buildContentSecurityPolicy({ nonce: createNonce(), dev: true })).toContain("'unsafe-eval'");
  });

  it("locks everything down when there is no nonce (API answers)", () => {
    expect(buildContentSecurityPolicy()).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });

  it("refuses a nonce that could break out of the header", () => {
    expect(() => buildContentSecurityPolicy({ nonce: "abc'; script-src *" })).toThrow();
    expect(() => buildContentSecurityPolicy({ nonce: "short" })).toThrow();
  });

  it("makes a fresh nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
