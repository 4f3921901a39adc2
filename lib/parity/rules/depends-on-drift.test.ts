import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { dependsOnDriftRule } from "./depends-on-drift";

const started = { condition: "service_started" as const, required: true };
const healthy = { condition: "service_healthy" as const, required: true };

describe("depends-on-drift", () => {
  it("reports a dependency declared in dev but not in prod", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1", depends_on: { db: started } }, db: { image: "postgres:16" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1" }, db: { image: "postgres:16" } } });
    const [f] = dependsOnDriftRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ service: "web", key: "db", severity: "medium" });
  });

  it("reports a different wait condition as low", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1", depends_on: { db: started } }, db: { image: "postgres:16" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1", depends_on: { db: healthy } }, db: { image: "postgres:16" } } });
    expect(dependsOnDriftRule.check(makeContext([dev, prod]))[0]).toMatchObject({ key: "db", severity: "low" });
  });

  it("follows renamed dependencies and skips dependencies that do not run everywhere", () => {
    const dev = makeEnvironment({
      name: "dev",
      services: { "celery-beat": { build: { context: "." }, command: ["celery", "beat"], depends_on: { redis: started, mailhog: started } }, redis: { image: "redis:7" }, mailhog: { image: "mailhog/mailhog" } },
    });
    const prod = makeEnvironment({ name: "prod", services: { celerybeat: { build: { context: "." }, command: ["celery", "beat"], depends_on: { redis: started } }, redis: { image: "redis:7" } } });
    expect(dependsOnDriftRule.check(makeContext([dev, prod]))).toEqual([]);
  });
});
