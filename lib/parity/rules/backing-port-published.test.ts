import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment, port } from "../testing/make-environment";
import { backingPortPublishedRule } from "./backing-port-published";

describe("backing-port-published", () => {
  it("reports PostgreSQL published on all interfaces in production as high", () => {
    const prod = makeEnvironment({ name: "ec2", services: { postgres: { image: "postgres:17.2", ports: [port(5432, "5432")] } } });
    const [f] = backingPortPublishedRule.check(makeContext([prod], { ec2: "production" }));
    expect(f).toMatchObject({ service: "postgres", key: "5432", severity: "high", environments: ["ec2"] });
  });

  it("ignores loopback bindings, development and app services", () => {
    const prod = makeEnvironment({ name: "prod", services: { redis: { image: "redis:7", ports: [port(6379, "6379", { host_ip: "127.0.0.1" })] }, web: { image: "a:1", ports: [port(80, "80")] } } });
    const dev = makeEnvironment({ name: "dev", services: { db: { image: "postgres:16", ports: [port(5432, "5432")] } } });
    expect(backingPortPublishedRule.check(makeContext([prod, dev]))).toEqual([]);
  });
});
