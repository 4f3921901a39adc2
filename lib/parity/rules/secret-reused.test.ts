import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { secretReusedRule } from "./secret-reused";

describe("secret-reused", () => {
  it("reports the same secret in development and production as high, by fingerprint only", () => {
    const dev = makeEnvironment({ name: "dev", services: { db: { image: "postgres:15", environment: { POSTGRES_PASSWORD: "hello_django" } } } });
    const prod = makeEnvironment({ name: "prod", services: { db: { image: "postgres:15", environment: { POSTGRES_PASSWORD: "hello_django" } } } });
    const [f] = secretReusedRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ key: "POSTGRES_PASSWORD", severity: "high", environments: ["dev", "prod"] });
    expect(f?.values[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(f?.values[0]?.fingerprint).toBe(f?.values[1]?.fingerprint);
    expect(JSON.stringify(f)).not.toContain("hello_django");
  });

  it("reports nothing when each environment has its own secret", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1", environment: { SECRET_KEY: "foo" } } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1", environment: { SECRET_KEY: "change_me" } } } });
    expect(secretReusedRule.check(makeContext([dev, prod]))).toEqual([]);
  });

  it("does not compare a required variable that no given file sets (its value is supplied where the stack runs)", () => {
    const template = "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}";
    const unresolved = { db: { POSTGRES_PASSWORD: { kind: "environment" as const, file: "compose.yaml", line: 3, col: 7, variables: [{ name: "POSTGRES_PASSWORD" }] } } };
    const dev = makeEnvironment({ name: "dev", services: { db: { image: "postgres:16", environment: { POSTGRES_PASSWORD: template } } }, envSources: unresolved });
    const prod = makeEnvironment({ name: "prod", services: { db: { image: "postgres:16", environment: { POSTGRES_PASSWORD: template } } }, envSources: unresolved });
    expect(secretReusedRule.check(makeContext([dev, prod]))).toEqual([]);
  });

  it("does not treat equal non-secret values as reuse", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1", environment: { SQL_HOST: "db" } } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1", environment: { SQL_HOST: "db" } } } });
    expect(secretReusedRule.check(makeContext([dev, prod]))).toEqual([]);
  });

  it("fingerprints differently with a different key", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1", environment: { API_TOKEN: "tok-123456" } } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1", environment: { API_TOKEN: "tok-123456" } } } });
    const a = secretReusedRule.check(makeContext([dev, prod]))[0]?.values[0]?.fingerprint;
    const ctx = { ...makeContext([dev, prod]), fingerprintKey: "other" };
    const b = secretReusedRule.check(ctx)[0]?.values[0]?.fingerprint;
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });
});

describe("secret-reused across services", () => {
  it("reports a secret shared by several services through one env file once", () => {
    const src = { kind: "env_file" as const, file: "env/netbox.env", line: 3, col: 1 };
    const services = (name: string) =>
      makeEnvironment({
        name,
        services: { netbox: { image: "n:1", environment: { DB_PASSWORD: "J5brHrAXFLQSif0K" } }, "netbox-worker": { image: "n:1", command: ["worker"], environment: { DB_PASSWORD: "J5brHrAXFLQSif0K" } } },
        envSources: { netbox: { DB_PASSWORD: src }, "netbox-worker": { DB_PASSWORD: src } },
      });
    const findings = secretReusedRule.check(makeContext([services("prod"), services("test")]));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain("also used by `netbox-worker`");
  });
});
