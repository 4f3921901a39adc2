import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ReviewError } from "./errors";
import { errorResponse, presentedSecret, readJsonBody } from "./http";

const req = (init: RequestInit & { url?: string } = {}) => new Request(init.url ?? "http://x/api/comparisons/abc/comments", init);

describe("presentedSecret", () => {
  it("reads a bearer token, else the key query parameter", () => {
    expect(presentedSecret(req({ headers: { authorization: "Bearer k123" } }))).toBe("k123");
    expect(presentedSecret(req({ url: "http://x/api/comparisons/abc/comments?key=q456" }))).toBe("q456");
    expect(presentedSecret(req())).toBeNull();
    expect(presentedSecret(req({ headers: { authorization: "Basic abc" } }))).toBeNull();
  });
});

describe("readJsonBody", () => {
  const schema = z.object({ name: z.string().min(1) });
  const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string }) => e.code);

  it("parses a valid body and names the offending path of an invalid one", async () => {
    expect(await readJsonBody(req({ method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"a"}' }), schema)).toEqual({ name: "a" });
    expect(await codeOf(readJsonBody(req({ method: "POST", headers: { "content-type": "application/json" }, body: '{"name":""}' }), schema))).toBe("INVALID_INPUT");
    expect(await codeOf(readJsonBody(req({ method: "POST", headers: { "content-type": "application/json" }, body: "{nope" }), schema))).toBe("INVALID_JSON");
    expect(await codeOf(readJsonBody(req({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x".repeat(100) }) }), schema, 50))).toBe("BODY_TOO_LARGE");
    expect(await codeOf(readJsonBody(req({ method: "POST", body: '{"name":"a"}' }), schema))).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("errorResponse", () => {
  it("maps review errors to their status with the error envelope; a conflict carries the current state", async () => {
    const current = { fingerprint: "a".repeat(16), revision: 1, rule: "r", severity: "high", service: null, key: null, message: "m", status: "fixed" as const, statusReason: null, statusBy: "Ana", statusAt: null, version: 3 };
    const res = errorResponse(new ReviewError("CONFLICT", "Ana changed this finding first.", { current }), req());
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "CONFLICT", message: "Ana changed this finding first.", file: null, line: null, col: null, current } });
    expect(errorResponse(new ReviewError("GONE", "expired"), req()).status).toBe(410);
    expect(errorResponse(new ReviewError("FORBIDDEN", "view only"), req()).status).toBe(403);
    expect(errorResponse(new ReviewError("NOT_FOUND", "no"), req()).status).toBe(404);
    expect(errorResponse(new ReviewError("INVALID", "no"), req()).status).toBe(422);
  });

  it("answers unknown errors with a generic 500 that reveals nothing", async () => {
    const res = errorResponse(new Error("password=hunter2 in SQL"), req());
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("hunter2");
  });
});
