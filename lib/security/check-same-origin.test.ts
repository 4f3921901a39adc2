import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "./check-same-origin";

const check = (method: string, headers: Record<string, string>, publicUrl?: string) =>
  checkSameOrigin({ method, headers: new Headers(headers), publicUrl }).ok;

describe("checkSameOrigin", () => {
  it("lets every safe method through, whatever the origin", () => {
    for (const m of ["GET", "HEAD", "OPTIONS", "get"]) expect(check(m, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBe(true);
  });

  it("accepts writes from our own origin, from the public URL, and from clients that are not browsers", () => {
    expect(check("POST", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).toBe(true);
    expect(check("PATCH", { host: "app:3000", origin: "https://parity.example.com" }, "https://parity.example.com/")).toBe(true);
    expect(check("POST", { host: "app:3000", "x-forwarded-host": "parity.example.com", origin: "https://parity.example.com" })).toBe(true);
    expect(check("POST", { host: "127.0.0.1:3000" })).toBe(true);
    expect(check("POST", { host: "127.0.0.1:3000", "sec-fetch-site": "none" })).toBe(true);
  });

  it("refuses writes from another site, a sibling subdomain, an opaque origin or another port", () => {
    expect(check("POST", { host: "127.0.0.1:3000", origin: "https://evil.example" })).toBe(false);
    expect(check("DELETE", { host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(check("POST", { host: "a.example.com", origin: "https://a.example.com", "sec-fetch-site": "same-site" })).toBe(false);
    expect(check("POST", { host: "127.0.0.1:3000", origin: "null" })).toBe(false);
    expect(check("POST", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" })).toBe(false);
    expect(check("PUT", { host: "127.0.0.1:3000", origin: "file://" })).toBe(false);
  });
});
