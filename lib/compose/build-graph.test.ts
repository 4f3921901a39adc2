import { describe, it, expect } from "vitest";
import { buildGraph, hostsInValue } from "./build-graph";
import type { ComposeProject } from "./model";

const base = (): ComposeProject => ({
  name: "p",
  services: {
    web: {
      image: "app:1",
      ports: [{ target: 8000, published: "8000", protocol: "tcp", mode: "ingress" }],
      depends_on: { "users-db": { condition: "service_started", required: true } },
      environment: {
        DATABASE_URL: "postgres://u:p@users-db:5432/app",
        PRODUCTS: "http://product-service/",
        CACHE: "redis:6379",
        DB_HOST: "users-db",
        SENTRY_DSN: "https://key@o1.ingest.sentry.io/1",
        LOCAL: "http://localhost:3000",
        DEBUG: "1",
      },
      networks: { backend: null, default: null },
    },
    "users-db": { image: "postgres:16", networks: { backend: null } },
    "product-service": { build: { context: "./products" }, networks: { default: null } },
    redis: { image: "redis:7", profiles: ["cache"] },
  },
});

describe("buildGraph", () => {
  it("makes one node per service with image, build context, ports and profiles", () => {
    const g = buildGraph({ project: base() });
    const web = g.nodes.find((n) => n.id === "web");
    expect(web).toMatchObject({ kind: "service", image: "app:1", ports: ["8000:8000/tcp"], profiles: [] });
    expect(g.nodes.find((n) => n.id === "product-service")?.build).toBe("./products");
    expect(g.nodes.find((n) => n.id === "redis")?.profiles).toEqual(["cache"]);
  });

  it("links services through depends_on and shared non-default networks only", () => {
    const g = buildGraph({ project: base() });
    expect(g.edges).toContainEqual({ from: "web", to: "users-db", kind: "depends_on" });
    expect(g.edges).toContainEqual({ from: "web", to: "users-db", kind: "network", via: "backend" });
    expect(g.edges.some((e) => e.kind === "network" && e.via === "default")).toBe(false);
  });

  it("infers links from env values that point at another service", () => {
    const g = buildGraph({ project: base() });
    const envEdges = g.edges.filter((e) => e.kind === "env-url").map((e) => `${e.to}<-${e.via}`);
    expect(envEdges).toEqual(
      expect.arrayContaining(["users-db<-DATABASE_URL", "product-service<-PRODUCTS", "redis<-CACHE", "users-db<-DB_HOST"]),
    );
  });

  it("turns external URL hosts into external nodes, but not localhost", () => {
    const g = buildGraph({ project: base() });
    expect(g.nodes.find((n) => n.kind === "external")).toMatchObject({ id: "external:o1.ingest.sentry.io", host: "o1.ingest.sentry.io" });
    expect(g.nodes.some((n) => n.host === "localhost")).toBe(false);
    expect(g.edges).toContainEqual({ from: "web", to: "external:o1.ingest.sentry.io", kind: "env-url", via: "SENTRY_DSN" });
  });

  it("resolves links with aliases to the service", () => {
    const p = base();
    p.services.web!.links = ["users-db:database"];
    expect(buildGraph({ project: p }).edges).toContainEqual({ from: "web", to: "users-db", kind: "links" });
  });
});

describe("hostsInValue", () => {
  it("reads URL hosts, host:port pairs and bare hosts in *_HOST keys", () => {
    expect(hostsInValue("X", "amqp://guest:guest@rabbit:5672//")).toEqual([{ host: "rabbit", fromUrl: true }]);
    expect(hostsInValue("X", "db:5432")).toEqual([{ host: "db", fromUrl: false }]);
    expect(hostsInValue("POSTGRES_HOST", "db")).toEqual([{ host: "db", fromUrl: false }]);
    expect(hostsInValue("NAME", "db")).toEqual([]);
  });
});
