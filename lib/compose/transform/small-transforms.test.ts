import { describe, expect, it } from "vitest";
import { transformBuild, transformSsh } from "./build";
import { transformDependsOn } from "./depends-on";
import { parseDeviceSpec, transformDeviceRequests } from "./devices";
import { transformEnvFile } from "./env-file";
import { transformExtends } from "./extends";
import { transformResource } from "./external";
import { transformFileMounts } from "./file-mounts";
import { transformHealthcheck } from "./healthcheck";
import { transformServiceNetworks } from "./networks";
import { transformStringList } from "./string-list";
import { transformUlimits } from "./ulimits";

describe("transformDependsOn", () => {
  it("turns a list into service_started + required", () => {
    expect(transformDependsOn({ value: ["db", "redis"], path: [] }).value).toEqual({
      db: { condition: "service_started", required: true },
      redis: { condition: "service_started", required: true },
    });
  });
  it("fills defaults in the mapping form and keeps what is written", () => {
    expect(transformDependsOn({ value: { db: { condition: "service_healthy", restart: "true" }, x: { required: false } }, path: [] }).value).toEqual({
      db: { condition: "service_healthy", required: true, restart: true },
      x: { condition: "service_started", required: false },
    });
  });
});

describe("transformBuild", () => {
  it("turns a path into {context}", () => {
    expect(transformBuild({ value: "./app", path: [] }).value).toEqual({ context: "./app" });
  });
  it("defaults the context and canonicalizes args, labels and lists", () => {
    expect(
      transformBuild({ value: { dockerfile: "Dockerfile.prod", args: ["A=1", "B"], labels: ["l=v"], cache_from: "img:cache", no_cache: "yes" }, path: [] })
        .value,
    ).toEqual({ context: ".", dockerfile: "Dockerfile.prod", args: { A: "1", B: null }, labels: { l: "v" }, cache_from: ["img:cache"], no_cache: true });
  });
  it("reads ssh lists", () => {
    expect(transformSsh({ value: ["default", "key=/path"], path: [] }).value).toEqual({ default: null, key: "/path" });
    expect(transformSsh({ value: ["other"], path: ["s"] }).issues[0]?.message).toBe('invalid ssh key "other"');
  });
});

describe("transformEnvFile", () => {
  it("reads a path, a list and the long form", () => {
    expect(transformEnvFile({ value: ".env", path: [] }).value).toEqual([{ path: ".env", required: true }]);
    expect(transformEnvFile({ value: ["./.env.prod", { path: ".env.local", required: false }, { path: "x.env", format: "raw" }], path: [] }).value).toEqual([
      { path: "./.env.prod", required: true },
      { path: ".env.local", required: false },
      { path: "x.env", format: "raw", required: true },
    ]);
  });
});

describe("transformServiceNetworks", () => {
  it("turns a list into a mapping of null", () => {
    expect(transformServiceNetworks({ value: ["front", "back"], path: [] }).value).toEqual({ front: null, back: null });
  });
  it("keeps a mapping", () => {
    expect(transformServiceNetworks({ value: { front: { aliases: ["a"] } }, path: [] }).value).toEqual({ front: { aliases: ["a"] } });
  });
});

describe("transformFileMounts", () => {
  it("turns secret names into long syntax with the default target", () => {
    expect(transformFileMounts({ value: ["db_pass", { source: "x", target: "/x" }], path: [], defaultSecretTarget: true }).value).toEqual([
      { source: "db_pass", target: "/run/secrets/db_pass" },
      { source: "x", target: "/x" },
    ]);
  });
  it("adds no target to configs", () => {
    expect(transformFileMounts({ value: ["conf"], path: [] }).value).toEqual([{ source: "conf" }]);
  });
});

describe("other transforms", () => {
  it("turns extends: name into {service}", () => {
    expect(transformExtends({ value: "base", path: [] }).value).toEqual({ service: "base" });
  });
  it("reads ulimits as numbers or soft/hard", () => {
    expect(transformUlimits({ value: { nproc: 65535, nofile: { soft: "20000", hard: 40000 } }, path: [] }).value).toEqual({
      nproc: 65535,
      nofile: { soft: 20000, hard: 40000 },
    });
  });
  it("reads device mappings with default permissions", () => {
    expect(parseDeviceSpec("/dev/ttyUSB0").value).toEqual({ source: "/dev/ttyUSB0", target: "/dev/ttyUSB0", permissions: "rwm" });
    expect(parseDeviceSpec("/dev/a:/dev/b:r").value).toEqual({ source: "/dev/a", target: "/dev/b", permissions: "r" });
    expect(parseDeviceSpec("a:b:c:d").error).toBe("confusing device mapping, please use long syntax: a:b:c:d");
  });
  it("gives device requests count: all", () => {
    expect(transformDeviceRequests({ value: "all", path: [] }).value).toEqual([{ count: "all" }]);
    expect(transformDeviceRequests({ value: [{ driver: "nvidia" }, { device_ids: ["0"] }], path: [] }).value).toEqual([
      { driver: "nvidia", count: "all" },
      { device_ids: ["0"] },
    ]);
  });
  it("turns a healthcheck test string into CMD-SHELL and prints durations like Go", () => {
    expect(transformHealthcheck({ value: { test: "curl -f http://localhost", interval: "90s", timeout: "10s", retries: "3" }, path: [] }).value).toEqual({
      test: ["CMD-SHELL", "curl -f http://localhost"],
      interval: "1m30s",
      timeout: "10s",
      retries: 3,
    });
  });
  it("turns a string into a one-item list and numbers into text for expose", () => {
    expect(transformStringList({ value: "8.8.8.8", path: [] }).value).toEqual(["8.8.8.8"]);
    expect(transformStringList({ value: [8000, "9000-9001"], path: [], numbers: true }).value).toEqual(["8000", "9000-9001"]);
    expect(transformStringList({ value: 8000, path: [], numbers: true }).value).toEqual(["8000"]);
  });
  it("turns the deprecated external.name into name + external: true", () => {
    const r = transformResource({ value: { external: { name: "shared" } }, path: ["networks", "n"] });
    expect(r.value).toEqual({ external: true, name: "shared" });
    expect(r.issues.map((i) => i.severity)).toEqual(["warning"]);
  });
  it("reports a conflicting external.name", () => {
    const r = transformResource({ value: { name: "a", external: { name: "b" } }, path: ["volumes", "v"] });
    expect(r.issues.map((i) => i.message)).toContain("volumes.v: name and external.name conflict; only use name");
  });
});
