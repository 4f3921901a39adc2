import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { imageDriftRule } from "./image-drift";

const pair = (a: string, b: string) =>
  makeContext([makeEnvironment({ name: "dev", services: { db: { image: a } } }), makeEnvironment({ name: "prod", services: { db: { image: b } } })]);

describe("image-drift", () => {
  it("reports postgres:13 vs postgres:16 as a high major-version gap", () => {
    const [f] = imageDriftRule.check(pair("postgres:13", "postgres:16"));
    expect(f).toMatchObject({ service: "db", key: "image", severity: "high" });
    expect(f?.message).toContain("major version");
    expect(f?.locations[0]).toMatchObject({ env: "dev", file: "compose.dev.yml" });
  });

  it("reports a minor gap as medium and a patch gap as low", () => {
    expect(imageDriftRule.check(pair("redis:7.0", "redis:7.2"))[0]?.severity).toBe("medium");
    expect(imageDriftRule.check(pair("nginx:1.25.3", "nginx:1.25.4-alpine"))[0]?.severity).toBe("low");
  });

  it("reports nothing for the same image", () => {
    expect(imageDriftRule.check(pair("postgres:15", "docker.io/library/postgres:15"))).toEqual([]);
    expect(imageDriftRule.check(pair("postgres:15", "postgres:15"))).toEqual([]);
  });

  it("reports an image pulled in one environment and built in another as low", () => {
    const ctx = makeContext([
      makeEnvironment({ name: "dev", services: { traefik: { image: "traefik:v2.9.6" } } }),
      makeEnvironment({ name: "prod", services: { traefik: { build: { context: ".", dockerfile: "Dockerfile.traefik" } } } }),
    ]);
    const [f] = imageDriftRule.check(ctx);
    expect(f).toMatchObject({ severity: "low", service: "traefik" });
  });
});
