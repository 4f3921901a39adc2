import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { healthcheckDriftRule } from "./healthcheck-drift";

const hc = (cmd: string) => ({ test: ["CMD-SHELL", cmd], interval: "10s" });

describe("healthcheck-drift", () => {
  it("reports a healthcheck missing in production as medium", () => {
    const dev = makeEnvironment({ name: "dev", services: { db: { image: "postgres:16", healthcheck: hc("pg_isready") } } });
    const prod = makeEnvironment({ name: "prod", services: { db: { image: "postgres:16" } } });
    expect(healthcheckDriftRule.check(makeContext([dev, prod]))[0]).toMatchObject({ severity: "medium", key: "healthcheck" });
  });

  it("reports a different test command as info", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1", healthcheck: hc("/bin/true") } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1", healthcheck: hc("curl localhost:8000/up") } } });
    const [f] = healthcheckDriftRule.check(makeContext([dev, prod]));
    expect(f?.severity).toBe("info");
    expect(f?.message).toContain("curl localhost:8000/up");
  });

  it("treats a disabled healthcheck as none and reports nothing for equal checks", () => {
    const a = makeEnvironment({ name: "dev", services: { web: { image: "a:1", healthcheck: { test: ["NONE"] } } } });
    const b = makeEnvironment({ name: "prod", services: { web: { image: "a:1" } } });
    expect(healthcheckDriftRule.check(makeContext([a, b]))).toEqual([]);
  });

  it("reports a different start period with the same test as info", () => {
    const a = makeEnvironment({ name: "prod", services: { netbox: { image: "n:1", healthcheck: { test: ["CMD-SHELL", "curl -f localhost"], start_period: "90s" } } } });
    const b = makeEnvironment({ name: "test", services: { netbox: { image: "n:1", healthcheck: { test: ["CMD-SHELL", "curl -f localhost"], start_period: "120s" } } } });
    const [f] = healthcheckDriftRule.check(makeContext([a, b]));
    expect(f).toMatchObject({ key: "healthcheck.timing", severity: "info" });
    expect(f?.message).toContain("start_period 90s in prod");
  });
});
