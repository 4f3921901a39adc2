import { describe, expect, it } from "vitest";
import { originFromHeaders } from "./request-origin";

describe("originFromHeaders", () => {
  const origin = (headers: Record<string, string>) => originFromHeaders({ headers: new Headers(headers), fallback: "http://localhost:3000" });
  it("uses the Host header (and a proxy's X-Forwarded-*), falling back to the address we serve on", () => {
    expect(origin({ host: "127.0.0.1:4123" })).toBe("http://127.0.0.1:4123");
    expect(origin({ host: "internal:3000", "x-forwarded-host": "parity.example.com", "x-forwarded-proto": "https" })).toBe("https://parity.example.com");
    expect(origin({ host: "evil.com/path?x" })).toBe("http://localhost:3000");
    expect(origin({ host: "a.com", "x-forwarded-proto": "javascript" })).toBe("http://localhost:3000");
    expect(origin({})).toBe("http://localhost:3000");
  });
});
