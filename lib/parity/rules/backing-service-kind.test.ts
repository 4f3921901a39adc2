import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { backingServiceKindRule, techOfValue } from "./backing-service-kind";

describe("backing-service-kind", () => {
  it("reports SQLite in development and PostgreSQL in production as high", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "." }, environment: { DATABASE_URL: "sqlite:///db.sqlite3" } } } });
    const prod = makeEnvironment({
      name: "prod",
      services: { web: { build: { context: "." }, environment: { DATABASE_URL: "postgres://app:s3cr3t-pw@db:5432/app" } }, db: { image: "postgres:16" } },
    });
    const findings = backingServiceKindRule.check(makeContext([dev, prod]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ key: "database", severity: "high", factor: "X" });
    expect(findings[0]?.message).toContain("SQLite in dev");
    expect(findings[0]?.message).toContain("PostgreSQL");
    expect(JSON.stringify(findings)).not.toContain("s3cr3t-pw");
  });

  it("recognises Django settings values", () => {
    expect(techOfValue("django.db.backends.sqlite3")).toBe("sqlite");
    expect(techOfValue("django.contrib.gis.db.backends.postgis")).toBe("postgres");
    expect(techOfValue("amqp://guest@rabbit//")).toBe("rabbitmq");
    expect(techOfValue("hello")).toBeUndefined();
  });

  it("reports Redis vs Valkey as low (compatible fork)", () => {
    const dev = makeEnvironment({ name: "dev", services: { cache: { image: "redis:7" } } });
    const prod = makeEnvironment({ name: "prod", services: { cache: { image: "valkey/valkey:8" } } });
    const [f] = backingServiceKindRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ key: "cache", severity: "low" });
  });

  it("reports nothing when PostGIS and a postgres:// URL are both PostgreSQL", () => {
    const dev = makeEnvironment({ name: "dev", services: { db: { image: "postgis/postgis:15-3.3" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "app:1", environment: { DATABASE_URL: "postgresql://db.example.com/app" } } } });
    expect(backingServiceKindRule.check(makeContext([dev, prod]))).toEqual([]);
  });

  it("reports nothing when an environment shows no database at all", () => {
    const dev = makeEnvironment({ name: "dev", services: { db: { image: "mysql:8" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "app:1" } } });
    expect(backingServiceKindRule.check(makeContext([dev, prod]))).toEqual([]);
  });
});
