import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { imageUnpinnedRule } from "./image-unpinned";
import { pinState } from "../image-ref";

describe("image-unpinned", () => {
  it("reports latest, untagged and nightly images in production", () => {
    const prod = makeEnvironment({
      name: "prod",
      services: { nginx: { image: "nginx" }, app: { image: "registry.example.com/app:latest" }, snuba: { image: "ghcr.io/getsentry/snuba:nightly" } },
    });
    const findings = imageUnpinnedRule.check(makeContext([prod]));
    expect(findings.map((f) => f.service).sort()).toEqual(["app", "nginx", "snuba"]);
    expect(findings.every((f) => f.severity === "medium" && f.factor === "V")).toBe(true);
  });

  it("ignores unpinned images in development", () => {
    const dev = makeEnvironment({ name: "dev", services: { mailpit: { image: "axllent/mailpit:latest" } } });
    expect(imageUnpinnedRule.check(makeContext([dev]))).toEqual([]);
  });

  it("ignores pinned and digest images in production", () => {
    const prod = makeEnvironment({ name: "prod", services: { db: { image: "postgres:16.4" }, cache: { image: "redis@sha256:abcd" } } });
    expect(imageUnpinnedRule.check(makeContext([prod]))).toEqual([]);
  });

  it("classifies tags", () => {
    expect(pinState("redis:alpine")).toBe("mutable");
    expect(pinState("postgres:15-alpine")).toBe("pinned");
    expect(pinState("adminer")).toBe("untagged");
  });
});
