import { describe, expect, it } from "vitest";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { compareEnvironments } from "@/lib/parity/compare-environments";
import { parityResultSchema } from "@/lib/parity/result-schema";
import { DJANGO_EXAMPLE } from "./django";

function compareExample() {
  const loaded = DJANGO_EXAMPLE.environments.map((e) => ({ env: loadEnvironment({ name: e.name, files: e.files }), role: e.role }));
  return { loaded, result: compareEnvironments({ environments: loaded, fingerprintKey: "example-test-key-0123456789abcdef" }) };
}

describe("the Django example", () => {
  it("loads both environments without error issues", () => {
    const { loaded } = compareExample();
    for (const { env } of loaded) expect(env.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(Object.keys(loaded[0]?.env.project.services ?? {}).sort()).toEqual(["mailpit", "web"]);
    expect(Object.keys(loaded[1]?.env.project.services ?? {}).sort()).toEqual(["db", "web"]);
  });

  it("yields a high backing-service-kind finding: sqlite in development, PostgreSQL in production", () => {
    const { result } = compareExample();
    expect(parityResultSchema.safeParse(result).success).toBe(true);
    const gap = result.findings.find((f) => f.rule === "backing-service-kind");
    expect(gap?.severity).toBe("high");
    expect(gap?.message).toMatch(/sqlite/i);
    expect(gap?.message).toMatch(/postgres/i);
  });

  it("has a production free of development patterns", () => {
    const { result } = compareExample();
    expect(result.findings.filter((f) => f.rule === "dev-pattern-in-prod")).toEqual([]);
  });

  it("shows the gaps a reviewer expects between runserver and gunicorn, and the dev-only mail catcher", () => {
    const { result } = compareExample();
    const rules = new Set(result.findings.map((f) => `${f.rule}:${f.service ?? ""}`));
    expect(rules).toContain("command-drift:web");
    expect([...rules].some((r) => r.startsWith("service-missing:"))).toBe(true);
  });

  it("never shows the development secret in the result", () => {
    const { result } = compareExample();
    expect(JSON.stringify(result)).not.toContain("local-only-change-me");
  });
});
