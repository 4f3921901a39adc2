import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { hardcodedSecretRule } from "./hardcoded-secret";

describe("hardcoded-secret", () => {
  it("reports a default password written in the production compose file as high, masked", () => {
    const prod = makeEnvironment({ name: "prod", services: { db: { image: "postgres:16", environment: { POSTGRES_PASSWORD: "changethis", POSTGRES_USER: "app" } } } });
    const findings = hardcodedSecretRule.check(makeContext([prod]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ key: "POSTGRES_PASSWORD", severity: "high", factor: "III" });
    expect(findings[0]?.values[0]).toMatchObject({ value: "•••• (10 chars)", secret: true });
    expect(JSON.stringify(findings)).not.toContain("changethis");
  });

  it("does not report a required variable (`${VAR:?msg}`) that no given file sets, but does report a literal default", () => {
    const required = { db: { POSTGRES_PASSWORD: { kind: "environment" as const, file: "compose.yaml", line: 3, col: 7, variables: [{ name: "POSTGRES_PASSWORD" }] } } };
    const prod = makeEnvironment({ name: "prod", services: { db: { image: "postgres:16", environment: { POSTGRES_PASSWORD: "${POSTGRES_PASSWORD:?set it}" } } }, envSources: required });
    expect(hardcodedSecretRule.check(makeContext([prod]))).toEqual([]);
    const withDefault = makeEnvironment({ name: "prod", services: { db: { image: "postgres:16", environment: { POSTGRES_PASSWORD: "changethis" } } }, envSources: required });
    expect(hardcodedSecretRule.check(makeContext([withDefault]))).toHaveLength(1);
  });

  it("points at the env file line a value came from", () => {
    const prod = makeEnvironment({
      name: "prod",
      services: { web: { image: "app:1", environment: { SECRET_KEY: "r(m)9nLGnz$(_q3N4z1k(EFsMCjjjzx08" } } },
      envSources: { web: { SECRET_KEY: { kind: "env_file", file: "env/netbox.env", line: 7, col: 1 } } },
    });
    const [f] = hardcodedSecretRule.check(makeContext([prod]));
    expect(f?.locations[0]).toEqual({ env: "prod", file: "env/netbox.env", line: 7, col: 1 });
    expect(f?.message).toContain("env/netbox.env");
  });

  it("masks credentials inside URLs in place", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "app:1", environment: { DATABASE_URL: "postgresql://hello_flask:hello_flask@db:5432/hello_flask_dev" } } } });
    const [f] = hardcodedSecretRule.check(makeContext([dev]));
    expect(f).toMatchObject({ severity: "low" });
    expect(f?.values[0]?.value).toBe("postgresql://hello_flask:••••@db:5432/hello_flask_dev");
  });

  it("reports a placeholder in production as medium", () => {
    const prod = makeEnvironment({ name: "prod", services: { django: { image: "app:1", environment: { DJANGO_SECRET_KEY: "!!!SET DJANGO_SECRET_KEY!!!" } } } });
    expect(hardcodedSecretRule.check(makeContext([prod]))[0]?.severity).toBe("medium");
  });

  it("ignores values from env files that were not given, secret file paths and non-secret keys", () => {
    const prod = makeEnvironment({
      name: "prod",
      services: { web: { image: "app:1", environment: { SECRET_KEY: "abc", DATABASE_PASSWORD: "/run/secrets/db-password", POSTGRES_USER: "app", DEBUG: "0" } } },
      envSources: { web: { SECRET_KEY: { kind: "unknown", file: ".env" } } },
    });
    expect(hardcodedSecretRule.check(makeContext([prod]))).toEqual([]);
  });

  it("reports a basic-auth hash in a Traefik label", () => {
    const prod = makeEnvironment({
      name: "prod",
      services: { traefik: { build: { context: "." }, labels: { "traefik.http.middlewares.auth.basicauth.users": "testuser:$apr1$jIKW.bA4$2sZ3" } } },
    });
    const [f] = hardcodedSecretRule.check(makeContext([prod]));
    expect(f).toMatchObject({ severity: "medium", key: "labels.traefik.http.middlewares.auth.basicauth.users" });
    expect(JSON.stringify(f)).not.toContain("jIKW");
  });

  it("reports a secret passed as a build argument", () => {
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: ".", args: { NPM_TOKEN: "npm_9f8e7d6c5b4a39281706", NODE_VERSION: "20" } } } } });
    const [f] = hardcodedSecretRule.check(makeContext([prod]));
    expect(f).toMatchObject({ key: "build.args.NPM_TOKEN", severity: "high" });
    expect(JSON.stringify(f)).not.toContain("npm_9f8e7d6c5b4a39281706");
  });
});
