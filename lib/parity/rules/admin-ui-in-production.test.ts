import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment, port } from "../testing/make-environment";
import { adminUiInProductionRule } from "./admin-ui-in-production";

describe("admin-ui-in-production", () => {
  it("reports adminer reachable in production as medium (factor XII)", () => {
    const prod = makeEnvironment({ name: "deploy", services: { adminer: { image: "adminer", labels: { "traefik.http.routers.adminer.rule": "Host(`adminer.example.com`)" } } } });
    const [f] = adminUiInProductionRule.check(makeContext([prod]));
    expect(f).toMatchObject({ service: "adminer", severity: "medium", factor: "XII" });
  });

  it("reports flower without published ports in staging as low", () => {
    const staging = makeEnvironment({ name: "staging", services: { flower: { build: { context: "." }, command: ["celery", "flower"] } } });
    expect(adminUiInProductionRule.check(makeContext([staging]))[0]?.severity).toBe("low");
  });

  it("ignores development tools in development", () => {
    const dev = makeEnvironment({ name: "dev", services: { pgadmin: { image: "dpage/pgadmin4:8.3", ports: [port(80, "5050")] } } });
    expect(adminUiInProductionRule.check(makeContext([dev]))).toEqual([]);
  });
});
