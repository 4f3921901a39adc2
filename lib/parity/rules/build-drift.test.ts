import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { buildDriftRule } from "./build-drift";

describe("build-drift", () => {
  it("reports a different Dockerfile between dev and prod as low", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "./app" } } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "./app", dockerfile: "Dockerfile.prod" } } } });
    const [f] = buildDriftRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ key: "build", severity: "low", factor: "V" });
    expect(f?.message).toContain("dockerfile Dockerfile.prod in prod");
  });

  it("reports nothing for the same build, nor for a pulled image", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "./app/" } }, db: { image: "postgres:16" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "./app" } }, db: { image: "postgres:16" } } });
    expect(buildDriftRule.check(makeContext([dev, prod]))).toEqual([]);
  });
});
