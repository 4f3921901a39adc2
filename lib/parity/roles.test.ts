import { describe, expect, it } from "vitest";
import { inferRole } from "./roles";
import { parseImage, versionGap } from "./image-ref";
import type { ServiceConfig } from "@/lib/compose/model";
import { classifyService, createServiceClassifier } from "./service-kind";

describe("inferRole", () => {
  it("infers roles from environment names", () => {
    expect(inferRole("dev")).toBe("development");
    expect(inferRole("local")).toBe("development");
    expect(inferRole("uat")).toBe("staging");
    expect(inferRole("test")).toBe("staging");
    expect(inferRole("prod")).toBe("production");
    expect(inferRole("live")).toBe("production");
    expect(inferRole("deploy")).toBe("production");
    expect(inferRole("eu-production")).toBe("production");
    expect(inferRole("minikube")).toBe("other");
  });
});

describe("image references and version gaps", () => {
  it("parses registries, namespaces, tags and digests", () => {
    expect(parseImage("docker.io/library/postgres:15")).toMatchObject({ registry: "docker.io", repository: "postgres", tag: "15" });
    expect(parseImage("localhost:5000/app@sha256:ab")).toMatchObject({ registry: "localhost:5000", repository: "app", tag: null, digest: "sha256:ab" });
    expect(parseImage("postgis/postgis:15-3.3")).toMatchObject({ repository: "postgis/postgis", name: "postgis", tag: "15-3.3" });
  });

  it("measures version distance", () => {
    expect(versionGap("13", "16")).toBe("major");
    expect(versionGap("v2.9.6", "v2.10.0")).toBe("minor");
    expect(versionGap("1.25.3", "1.25.4")).toBe("patch");
    expect(versionGap("15-alpine", "15")).toBe("variant");
    expect(versionGap("latest", "15")).toBe("unknown");
    expect(versionGap("15", "15")).toBe("same");
  });
});

describe("classifyService", () => {
  it("recognises roles from image, name and command", () => {
    expect(classifyService({ name: "db", service: { image: "postgres:16" } })).toBe("database");
    expect(classifyService({ name: "flower", service: { build: { context: "." }, command: ["celery", "flower"] } })).toBe("dev-tool");
    expect(classifyService({ name: "nginx", service: { build: { context: "./nginx" } } })).toBe("proxy");
    expect(classifyService({ name: "celery_beat", service: { build: { context: "." } } })).toBe("scheduler");
    expect(classifyService({ name: "worker", service: { build: { context: "." } } })).toBe("worker");
    expect(classifyService({ name: "django", service: { build: { context: "." } } })).toBe("app");
    expect(classifyService({ name: "postgres", service: { build: { context: "./compose/production/postgres" } } })).toBe("database");
  });
});

describe("createServiceClassifier", () => {
  it("classifies as classifyService does, once per set of facts it reads", () => {
    const services: { name: string; service: ServiceConfig }[] = [
      { name: "db", service: { image: "postgres:16" } },
      { name: "db", service: { image: "registry.example.com/postgres:15" } },
      { name: "db", service: { image: "postgres:16", build: { context: "." } } },
      { name: "postgres", service: { build: { context: "./compose/production/postgres" } } },
      { name: "flower", service: { build: { context: "." }, command: ["celery", "flower"] } },
      { name: "worker", service: { image: "app:1", command: ["celery", "worker"] } },
      { name: "worker", service: { image: "app:2", command: ["celery", "worker"] } },
      { name: "worker", service: { image: "app:1", entrypoint: ["celery"], command: ["beat"] } },
      { name: "web", service: {} },
      { name: "a1:b", service: { image: "c" } },
      { name: "a", service: { image: "1:bc" } },
    ];
    const classify = createServiceClassifier();
    for (const s of services) expect(classify(s), s.name).toBe(classifyService(s));
    for (const s of [...services].reverse()) expect(classify(s), s.name).toBe(classifyService(s));
  });
});
