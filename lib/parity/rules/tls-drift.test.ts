import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment, port } from "../testing/make-environment";
import { tlsDriftRule } from "./tls-drift";

describe("tls-drift", () => {
  it("reports HTTPS only in production as low", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a:1", labels: { "traefik.http.routers.web.rule": "Host(`django.localhost`)" } } } });
    const prod = makeEnvironment({
      name: "prod",
      services: { web: { image: "a:1", labels: { "traefik.http.routers.web.tls": "true", "traefik.http.routers.web.tls.certresolver": "letsencrypt" } }, traefik: { image: "traefik:v2", ports: [port(443, "443")] } },
    });
    const [f] = tlsDriftRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ key: "tls", severity: "low", environments: ["dev", "prod"] });
    expect(f?.values.map((v) => v.value?.split(" (")[0])).toEqual(["HTTP only", "HTTPS"]);
  });

  it("reports production without HTTPS where staging has it as medium", () => {
    const staging = makeEnvironment({ name: "staging", services: { caddy: { image: "caddy:2", ports: [port(443, "443")] } } });
    const prod = makeEnvironment({ name: "prod", services: { caddy: { image: "caddy:2", ports: [port(80, "80")] } } });
    expect(tlsDriftRule.check(makeContext([staging, prod]))[0]?.severity).toBe("medium");
  });

  it("reports nothing when every environment serves HTTPS, or none does", () => {
    const a = makeEnvironment({ name: "dev", services: { proxy: { image: "traefik:3", ports: [port(443, "443")] } } });
    const b = makeEnvironment({ name: "prod", services: { proxy: { image: "traefik:3", ports: [port(443, "443")] } } });
    expect(tlsDriftRule.check(makeContext([a, b]))).toEqual([]);
    const c = makeEnvironment({ name: "dev", services: { web: { image: "a:1" } } });
    const d = makeEnvironment({ name: "prod", services: { web: { image: "a:1" } } });
    expect(tlsDriftRule.check(makeContext([c, d]))).toEqual([]);
  });
});
