import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { volumeDriftRule } from "./volume-drift";

describe("volume-drift", () => {
  it("reports a database without a data volume in production as high", () => {
    const dev = makeEnvironment({ name: "dev", services: { db: { image: "postgres:16", volumes: [{ type: "volume", source: "pgdata", target: "/var/lib/postgresql/data" }] } } });
    const prod = makeEnvironment({ name: "prod", services: { db: { image: "postgres:16" } } });
    const [f] = volumeDriftRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ key: "persistence", severity: "high", factor: "VI" });
  });

  it("reports a bind mount in dev and a named volume in prod as low", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "." }, volumes: [{ type: "bind", source: "./app", target: "/usr/src/app" }] } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "." }, volumes: [{ type: "volume", source: "static_volume", target: "/home/app/web/staticfiles" }] } } });
    const findings = volumeDriftRule.check(makeContext([dev, prod]));
    expect(findings.map((f) => `${f.key}:${f.severity}`).sort()).toEqual(["/home/app/web/staticfiles:low", "/usr/src/app:low"]);
  });

  it("reports nothing when volume names differ but both persist", () => {
    const dev = makeEnvironment({ name: "dev", services: { db: { image: "postgres:13", volumes: [{ type: "volume", source: "postgres_data", target: "/var/lib/postgresql/data/" }] } } });
    const prod = makeEnvironment({ name: "prod", services: { db: { image: "postgres:13", volumes: [{ type: "volume", source: "postgres_data_prod", target: "/var/lib/postgresql/data" }] } } });
    expect(volumeDriftRule.check(makeContext([dev, prod]))).toEqual([]);
  });
});
