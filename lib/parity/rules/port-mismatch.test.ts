import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment, port } from "../testing/make-environment";
import { portMismatchRule } from "./port-mismatch";

describe("port-mismatch", () => {
  it("reports a port published in dev and only exposed in prod", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "." }, ports: [port(8000, "8000")] } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "." }, expose: ["8000"] } } });
    const [f] = portMismatchRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ service: "web", key: "8000", factor: "VII", severity: "low" });
    expect(f?.values.map((v) => v.value)).toEqual(["8000→8000/tcp", "expose 8000/tcp only"]);
    expect(f?.locations[0]).toMatchObject({ env: "dev", file: "compose.dev.yml" });
  });

  it("reports production binding all interfaces where test binds loopback as medium", () => {
    const prod = makeEnvironment({ name: "prod", services: { netbox: { image: "netbox:v4", ports: [port(8080, "8000")] } } });
    const test = makeEnvironment({ name: "test", services: { netbox: { image: "netbox:v4", ports: [port(8080, "8000", { host_ip: "127.0.0.1" })] } } });
    const [f] = portMismatchRule.check(makeContext([prod, test]));
    expect(f).toMatchObject({ key: "8080", severity: "medium" });
    expect(f?.message).toContain("127.0.0.1:8000→8080/tcp in test");
  });

  it("reports a protocol difference", () => {
    const a = makeEnvironment({ name: "dev", services: { calls: { image: "x:1", ports: [port(8443, "8443", { protocol: "udp" })] } } });
    const b = makeEnvironment({ name: "prod", services: { calls: { image: "x:1", ports: [port(8443, "8443", { protocol: "tcp" })] } } });
    expect(portMismatchRule.check(makeContext([a, b]))[0]?.severity).toBe("medium");
  });

  it("reports nothing when ports match", () => {
    const a = makeEnvironment({ name: "dev", services: { web: { image: "x:1", ports: [port(80, "80")] } } });
    const b = makeEnvironment({ name: "prod", services: { web: { image: "x:1", ports: [port(80, "80")] } } });
    expect(portMismatchRule.check(makeContext([a, b]))).toEqual([]);
  });
});
