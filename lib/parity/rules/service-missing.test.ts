import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { serviceMissingRule } from "./service-missing";

describe("service-missing", () => {
  it("reports a worker missing in production as high", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "." } }, worker: { build: { context: "." }, command: ["celery", "-A", "app", "worker"] } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "." } } } });
    const findings = serviceMissingRule.check(makeContext([dev, prod]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ service: "worker", severity: "high", rule: "service-missing" });
    expect(findings[0]?.message).toContain("not in prod");
  });

  it("reports a dev-only mail catcher as low", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "." } }, mailhog: { image: "mailhog/mailhog" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "." } } } });
    const [f] = serviceMissingRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ service: "mailhog", severity: "low" });
  });

  it("reports a production-only reverse proxy as medium", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "." } } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "." } }, nginx: { build: { context: "./nginx" } } } });
    const [f] = serviceMissingRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ service: "nginx", severity: "medium" });
  });

  it("reports a renamed service once as a rename, not as two missing services", () => {
    const dev = makeEnvironment({ name: "dev", services: { nuxt: { build: { context: "./nuxt-app", target: "dev" } } } });
    const prod = makeEnvironment({ name: "prod", services: { "nuxt-app": { build: { context: "./nuxt-app", target: "prod" } } } });
    const findings = serviceMissingRule.check(makeContext([dev, prod]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ key: "rename", severity: "info", service: "nuxt" });
    expect(findings[0]?.message).toContain("`nuxt-app` in prod");
  });

  it("reports nothing when both environments run the same services", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "." } }, db: { image: "postgres:16" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "." } }, db: { image: "postgres:16" } } });
    expect(serviceMissingRule.check(makeContext([dev, prod]))).toEqual([]);
  });
});
