import { describe, it, expect } from "vitest";
import {
  buildProjectEnv,
  classifyEnvFiles,
  envFileEntries,
  environmentUses,
  findUploadedFile,
  normalizeRelPath,
  resolveEnvFiles,
  UNKNOWN_ENV_KEY,
  type UploadedFile,
} from "./resolve-env-files";
import type { ComposeProject } from "./model";
import { setLoc } from "./source-map";

const file = (as: string, content: string, name = as): UploadedFile => ({ name, as, content });

describe("findUploadedFile", () => {
  const files = [file(".env.prod", "A=1", ".env.prod-sample"), file("envs/dev.env", "B=2"), file("other/dev.env", "C=3")];

  it("matches by relative path from the referencing file, normalising ./", () => {
    expect(findUploadedFile({ ref: "./.env.prod", from: "docker-compose.yml", files })?.name).toBe(".env.prod-sample");
    expect(findUploadedFile({ ref: "../envs/dev.env", from: "compose/test.yml", files })?.as).toBe("envs/dev.env");
    expect(findUploadedFile({ ref: "dev.env", from: "other/compose.yml", files })?.as).toBe("other/dev.env");
  });

  it("falls back to the base name", () => {
    expect(findUploadedFile({ ref: "./config/dev.env", from: "compose.yml", files })?.as).toBe("envs/dev.env");
    expect(findUploadedFile({ ref: "missing.env", files })).toBeUndefined();
  });

  it("normalises paths without escaping above the root silently", () => {
    expect(normalizeRelPath("./a/./b/../c")).toBe("a/c");
    expect(normalizeRelPath("../x")).toBe("../x");
  });
});

describe("envFileEntries", () => {
  it("reads the short and long syntax with required: false", () => {
    expect(envFileEntries("a.env")).toEqual([{ path: "a.env", required: true }]);
    expect(envFileEntries(["a.env", { path: "b.env", required: false }])).toEqual([
      { path: "a.env", required: true },
      { path: "b.env", required: false },
    ]);
  });
});

describe("classifyEnvFiles", () => {
  it("splits env files named by env_file from project env files, keeping a root .env for interpolation", () => {
    const envFiles = [file(".env", "X=1"), file(".env.db", "P=1"), file("vars.env", "V=1")];
    const documents = [{ file: "compose.yml", value: { services: { db: { env_file: ["./.env.db", ".env"] } } } }];
    const r = classifyEnvFiles({ documents, envFiles });
    expect(r.serviceFiles.map((f) => f.as)).toEqual([".env", ".env.db"]);
    expect(r.projectFiles.map((f) => f.as)).toEqual([".env", "vars.env"]);
  });
});

describe("buildProjectEnv", () => {
  it("applies project env files in order, later wins, remembering file and line", () => {
    const r = buildProjectEnv({ files: [file("a.env", "A=1\nB=x"), file("b.env", "\nA=2\nC=${B}-y")] });
    expect(r.value.A).toEqual({ value: "2", file: "b.env", line: 2 });
    expect(r.value.C).toEqual({ value: "x-y", file: "b.env", line: 3 });
  });
});

describe("resolveEnvFiles", () => {
  const project = (): ComposeProject => {
    const environment: Record<string, string | null> = { DEBUG: "0", HOST: "db", TZ: null };
    setLoc(environment, "DEBUG", { file: "compose.yml", line: 7, col: 7 });
    return {
      name: "p",
      services: {
        web: { image: "x", env_file: [{ path: "./.env.web", required: true }], environment },
        worker: { image: "x", env_file: [{ path: ".env.secret", required: true }, { path: "opt.env", required: false }] },
      },
    };
  };

  it("lets environment: override env_file values and records each value's source", () => {
    const r = resolveEnvFiles({
      project: project(),
      envFiles: [file(".env.web", "DEBUG=1\nSECRET=s\nHOST=localhost")],
      variables: {},
      baseFile: "compose.yml",
    });
    expect(r.value.project.services.web?.environment).toEqual({ DEBUG: "0", SECRET: "s", HOST: "db", TZ: null });
    expect(r.value.envSources.web?.SECRET).toEqual({ kind: "env_file", file: ".env.web", line: 2, col: 1 });
    expect(r.value.envSources.web?.DEBUG).toEqual({ kind: "environment", file: "compose.yml", line: 7, col: 7 });
  });

  it("marks values of env files that were not uploaded as unknown, warning for required and informing for optional ones", () => {
    const r = resolveEnvFiles({ project: project(), envFiles: [], variables: {}, baseFile: "compose.yml" });
    const codes = r.issues.map((i) => [i.code, i.severity]);
    expect(codes).toContainEqual(["ENV_FILE_NOT_UPLOADED", "warning"]);
    expect(codes).toContainEqual(["ENV_FILE_NOT_UPLOADED", "info"]);
    expect(r.value.envSources.worker?.[UNKNOWN_ENV_KEY]).toMatchObject({ kind: "unknown" });
    expect(r.value.envSources.web?.TZ).toEqual({ kind: "unknown", file: "./.env.web" });
  });

  it("interpolates env_file values with the project variables first", () => {
    const r = resolveEnvFiles({
      project: project(),
      envFiles: [file(".env.web", "URL=postgres://${DB_USER}@db/app")],
      variables: { DB_USER: { value: "app", file: ".env", line: 3 } },
      baseFile: "compose.yml",
    });
    expect(r.value.project.services.web?.environment?.URL).toBe("postgres://app@db/app");
    expect(r.value.envSources.web?.URL?.variables).toEqual([{ name: "DB_USER", file: ".env", line: 3 }]);
  });

  it("gives every Procfile process every env file, as Heroku config vars", () => {
    const p: ComposeProject = { name: "h", services: { web: { command: ["gunicorn"] }, worker: { command: ["celery"] } } };
    const r = resolveEnvFiles({ project: p, envFiles: [file(".env", "A=1"), file("b.env", "A=2\nB=3")], variables: {}, procfileConfig: true });
    expect(r.value.project.services.worker?.environment).toEqual({ A: "2", B: "3" });
    expect(r.value.envSources.web?.A).toEqual({ kind: "procfile-config", file: "b.env", line: 1, col: 1 });
  });

  it("interpolates a shared env file per service when it uses the service's own environment", () => {
    const p: ComposeProject = {
      name: "p",
      services: {
        a: { image: "x", env_file: [{ path: "shared.env", required: true }], environment: { ROLE: "api" } },
        b: { image: "x", env_file: [{ path: "shared.env", required: true }], environment: { ROLE: "worker" } },
        c: { image: "x", env_file: [{ path: "shared.env", required: true }], environment: { ROLE: "api" } },
      },
    };
    const r = resolveEnvFiles({ project: p, envFiles: [file("shared.env", "NAME=app-${ROLE}\n")], variables: {}, baseFile: "compose.yml" });
    expect(r.value.project.services.a?.environment?.NAME).toBe("app-api");
    expect(r.value.project.services.b?.environment?.NAME).toBe("app-worker");
    expect(r.value.project.services.c?.environment?.NAME).toBe("app-api");
  });
});

describe("environmentUses", () => {
  it("answers what the two formatted paths of a service's environment key would find", () => {
    const u = (name: string) => [{ name }];
    const interpolations: Record<string, { name: string }[]> = {
      "services.web.environment.A": u("a"),
      'services.web.environment["B.C"]': u("bc"),
      "services.web.environment.B.C": u("dotted"),
      "services.a.environment.b.environment.C": u("nested"),
      'services["x y"].environment.D': u("d"),
      "services.web.image": u("image"),
      "services.web.environmentX.E": u("e"),
      "volumes.v.environment.F": u("f"),
    };
    const naive = (service: string, key: string) =>
      interpolations[`services.${service}.environment.${key}`] ?? interpolations[`services.${service}.environment[${JSON.stringify(key)}]`];
    const usesOf = environmentUses(interpolations);
    const cases: [string, string][] = [
      ["web", "A"],
      ["web", "B.C"],
      ["web", "E"],
      ["web", "image"],
      ["a", "b.environment.C"],
      ["a.environment.b", "C"],
      ['["x y"]', "D"],
      ["x y", "D"],
      ["v", "F"],
      ["missing", "A"],
    ];
    for (const [service, key] of cases) expect(usesOf(service)(key), `${service} ${key}`).toBe(naive(service, key));
    expect(usesOf("web")("B.C")).toEqual(u("dotted"));
    expect(usesOf("a.environment.b")("C")).toEqual(u("nested"));
    expect(usesOf("missing")("A")).toBeUndefined();
  });
});
