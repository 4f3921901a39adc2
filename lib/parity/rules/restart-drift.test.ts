import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { restartDriftRule } from "./restart-drift";

describe("restart-drift", () => {
  it("reports production without a restart policy where staging has one as medium", () => {
    const staging = makeEnvironment({ name: "staging", services: { web: { image: "a:1", restart: "always" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1" } } });
    const [f] = restartDriftRule.check(makeContext([staging, prod]));
    expect(f).toMatchObject({ key: "restart", severity: "medium", factor: "IX" });
    expect(f?.values.map((v) => v.value)).toEqual(["always", "no"]);
  });

  it("reports a restart policy added only in production as low", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1", restart: "unless-stopped" } } });
    expect(restartDriftRule.check(makeContext([dev, prod]))[0]?.severity).toBe("low");
  });

  it("reads deploy.restart_policy and reports nothing when policies match", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1", restart: "always" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1", restart: "always" } } });
    expect(restartDriftRule.check(makeContext([dev, prod]))).toEqual([]);
  });
});
