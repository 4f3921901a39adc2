import { describe, expect, it } from "vitest";
import { classifyFileName, isStandaloneCompose, loadOrderRank, sortForLoad, suggestAs, suggestAssignment, type EnvironmentRef } from "./suggest-assignment";

const TWO: EnvironmentRef[] = [
  { name: "development", role: "development" },
  { name: "production", role: "production" },
];

const targetOf = (files: string[], environments = TWO) =>
  Object.fromEntries(suggestAssignment({ files: files.map((name) => ({ name })), environments }).map((s) => [s.name, s.target]));

describe("suggestAssignment", () => {
  it("shares the base compose file with every environment and sends overrides by their environment word", () => {
    expect(targetOf(["docker-compose.yml", "docker-compose.override.yml", "docker-compose.prod.yml"])).toEqual({
      "docker-compose.yml": { kind: "all" },
      "docker-compose.override.yml": { kind: "env", name: "development" },
      "docker-compose.prod.yml": { kind: "env", name: "production" },
    });
  });

  it("recognises compose.yaml and production / development env files", () => {
    expect(targetOf(["compose.yaml", ".env.production", ".env.prod.db-sample", ".env.dev", ".env.local", "compose.dev.yaml"])).toEqual({
      "compose.yaml": { kind: "all" },
      ".env.production": { kind: "env", name: "production" },
      ".env.prod.db-sample": { kind: "env", name: "production" },
      ".env.dev": { kind: "env", name: "development" },
      ".env.local": { kind: "env", name: "development" },
      "compose.dev.yaml": { kind: "env", name: "development" },
    });
  });

  it("proposes a new staging environment when none exists, and uses an existing one when it does", () => {
    expect(targetOf(["docker-compose.staging.yml"])).toEqual({ "docker-compose.staging.yml": { kind: "new", name: "staging", role: "staging" } });
    const three: EnvironmentRef[] = [...TWO, { name: "stage-eu", role: "staging" }];
    expect(targetOf(["docker-compose.staging.yml"], three)).toEqual({ "docker-compose.staging.yml": { kind: "env", name: "stage-eu" } });
  });

  it("prefers an environment named by the word over one of the same role", () => {
    const envs: EnvironmentRef[] = [
      { name: "dev", role: "development" },
      { name: "prod", role: "production" },
      { name: "live", role: "production" },
    ];
    expect(targetOf(["compose.live.yml", "compose.prod.yml"], envs)).toEqual({
      "compose.live.yml": { kind: "env", name: "live" },
      "compose.prod.yml": { kind: "env", name: "prod" },
    });
  });

  it("shares files without an environment word", () => {
    expect(targetOf([".env", "Procfile"])).toEqual({ ".env": { kind: "all" }, Procfile: { kind: "all" } });
  });

  it("keeps the base file to the other environment when production's compose file stands alone", () => {
    const files = [
      { name: "docker-compose.yml", content: "services:\n  web:\n    build: ./app\n" },
      { name: "docker-compose.prod.yml", content: "services:\n  web:\n    build: ./app\n  db:\n    image: postgres:15\n" },
    ];
    const s = suggestAssignment({ files, environments: TWO });
    expect(s.map((x) => x.target)).toEqual([{ kind: "env", name: "development" }, { kind: "env", name: "production" }]);
    expect(s[0]?.reason).toContain("production");
  });

  it("keeps the base file shared when the production file only overrides it", () => {
    const files = [
      { name: "docker-compose.yml", content: "services:\n  web:\n    build: .\n" },
      { name: "docker-compose.prod.yml", content: "services:\n  web:\n    command: gunicorn app.wsgi\n" },
    ];
    expect(suggestAssignment({ files, environments: TWO })[0]?.target).toEqual({ kind: "all" });
  });

  it("suggests the path compose refers to a sample file by", () => {
    const s = suggestAssignment({ files: [{ name: ".env.prod-sample" }, { name: ".env.dev" }], environments: TWO });
    expect(s[0]).toMatchObject({ as: ".env.prod", target: { kind: "env", name: "production" } });
    expect(s[1]?.as).toBeUndefined();
  });
});

describe("suggestAs", () => {
  it("strips sample, example and template markers", () => {
    expect(suggestAs(".env.prod-sample")).toBe(".env.prod");
    expect(suggestAs(".env.example")).toBe(".env");
    expect(suggestAs(".env.sample")).toBe(".env");
    expect(suggestAs("env.template")).toBe(".env");
    expect(suggestAs("docker-compose.sample.yml")).toBe("docker-compose.yml");
    expect(suggestAs("envs/.env.prod.db-sample")).toBe("envs/.env.prod.db");
  });

  it("suggests nothing for ordinary names", () => {
    expect(suggestAs("docker-compose.yml")).toBeUndefined();
    expect(suggestAs(".env.prod")).toBeUndefined();
    expect(suggestAs(".sample")).toBeUndefined();
  });
});

describe("classifyFileName", () => {
  it("finds the first environment word, ignoring decoration", () => {
    expect(classifyFileName("docker-compose.prod.yml")).toEqual({ word: "prod", role: "production" });
    expect(classifyFileName(".env.dev-sample")).toEqual({ word: "dev", role: "development" });
    expect(classifyFileName("compose.override.yaml")).toEqual({ word: "override", role: "development" });
    expect(classifyFileName("docker-compose.yml")).toBeUndefined();
    expect(classifyFileName("producer.yml")).toBeUndefined();
  });
});

describe("load order", () => {
  it("puts the base compose file first, then overrides, Procfile, .env, other env files", () => {
    expect(loadOrderRank("compose.yaml")).toBeLessThan(loadOrderRank("compose.prod.yaml"));
    const sorted = sortForLoad([".env.prod", ".env", "Procfile", "docker-compose.prod.yml", "docker-compose.yml"], (x) => x);
    expect(sorted).toEqual(["docker-compose.yml", "docker-compose.prod.yml", "Procfile", ".env", ".env.prod"]);
  });

  it("keeps the given order among files of the same rank", () => {
    expect(sortForLoad([".env.prod", ".env.prod.db", ".env.a"], (x) => x)).toEqual([".env.prod", ".env.prod.db", ".env.a"]);
  });
});

describe("isStandaloneCompose", () => {
  it("is false for invalid YAML, empty services or services without image/build", () => {
    expect(isStandaloneCompose("services: [")).toBe(false);
    expect(isStandaloneCompose("services: {}\n")).toBe(false);
    expect(isStandaloneCompose("services:\n  web:\n    ports: ['80:80']\n")).toBe(false);
    expect(isStandaloneCompose(undefined)).toBe(false);
  });
});
