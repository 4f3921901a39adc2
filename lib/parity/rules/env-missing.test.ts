import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { envMissingRule } from "./env-missing";

describe("env-missing", () => {
  it("reports a key set in dev and missing in prod as medium", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "app:1", environment: { SENTRY_DSN: "https://sentry.example/1", A: "1" } } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "app:1", environment: { A: "1" } } } });
    const [f] = envMissingRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ key: "SENTRY_DSN", severity: "medium", factor: "III" });
    expect(f?.values.map((v) => v.state)).toEqual(["set", "absent"]);
  });

  it("reports keys from an env file that was not given as unknown, not missing", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "app:1", environment: { SECRET_KEY: "mysecretkey-dev" } } } });
    const prod = makeEnvironment({
      name: "prod",
      services: { web: { image: "app:1", env_file: [{ path: ".env", required: true }] } },
      envSources: { web: { "*": { kind: "unknown", file: ".env" } } },
    });
    const [f] = envMissingRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ key: "SECRET_KEY", severity: "info" });
    expect(f?.values[1]).toMatchObject({ state: "unknown" });
    expect(f?.message).toContain("unknown in prod");
    expect(JSON.stringify(f)).not.toContain("mysecretkey-dev");
  });

  it("treats a dev-only key or a development mode switch missing in production as low", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "app:1", environment: { USE_DOCKER: "yes", FASTAPI_ENV: "development" } } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "app:1", environment: {} } } });
    expect(envMissingRule.check(makeContext([dev, prod])).map((f) => `${f.key}:${f.severity}`)).toEqual(["FASTAPI_ENV:low", "USE_DOCKER:low"]);
  });

  it("reports nothing when both environments set the same keys", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "app:1", environment: { DEBUG: "1" } } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "app:1", environment: { DEBUG: "0" } } } });
    expect(envMissingRule.check(makeContext([dev, prod]))).toEqual([]);
  });
});
