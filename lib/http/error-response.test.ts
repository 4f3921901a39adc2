import { describe, expect, it, vi } from "vitest";
import { AnalysisError, InvalidInputError } from "@/lib/comparisons/errors";
import { RequestError } from "./errors";
import { errorResponse } from "./error-response";

describe("errorResponse", () => {
  const log = { error: vi.fn() };

  it("maps request errors to 400/413/415 with the error shape and API headers", async () => {
    for (const [code, status] of [["INVALID_JSON", 400], ["BODY_TOO_LARGE", 413], ["UNSUPPORTED_MEDIA_TYPE", 415], ["INVALID_QUERY", 400]] as const) {
      const res = errorResponse({ error: new RequestError(code, "m"), log, route: "r" });
      expect(res.status).toBe(status);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ error: { code, message: "m", file: null, line: null, col: null } });
    }
  });

  it("maps invalid input to 422 with its path, and analysis errors to 422 with file/line/col", async () => {
    const invalid = errorResponse({ error: new InvalidInputError("environments: too small", "environments"), log, route: "r" });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ error: { code: "INVALID_INPUT", message: "environments: too small", path: "environments", file: null, line: null, col: null } });
    const issue = { code: "YAML_SYNTAX" as const, severity: "error" as const, message: "bad", file: "a.yml", line: 4, col: 2 };
    const analysis = errorResponse({ error: new AnalysisError(issue, "prod", [{ ...issue, env: "prod" }]), log, route: "r" });
    expect(analysis.status).toBe(422);
    expect(await analysis.json()).toEqual({ error: { code: "YAML_SYNTAX", message: "bad", file: "a.yml", line: 4, col: 2, environment: "prod" } });
    expect(log.error).not.toHaveBeenCalled();
  });

  it("logs unknown errors and answers a generic 500 without details", async () => {
    const res = errorResponse({ error: new Error("db password is hunter2"), log, route: "POST /api/comparisons" });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toMatchObject({ error: { code: "INTERNAL" } });
    expect(log.error).toHaveBeenCalledTimes(1);
  });
});
