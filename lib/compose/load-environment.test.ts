import { describe, it, expect } from "vitest";
import { loadEnvironment, projectNameFrom } from "./load-environment";
import type { EnvironmentInput } from "./model";

const env = (files: EnvironmentInput["files"], extra: Partial<EnvironmentInput> = {}): EnvironmentInput => ({ name: "dev", files, ...extra });
const errors = (r: ReturnType<typeof loadEnvironment>) => r.issues.filter((i) => i.severity === "error");

describe("loadEnvironment", () => {
  it("merges compose files in order and interpolates from the project env files, later wins", () => {
    const r = loadEnvironment(
      env([
        { name: "compose.yml", content: "services:\n  web:\n    image: app:${TAG}\n    ports: ['${PORT:-80}:80']\n" },
        { name: "compose.override.yml", content: "services:\n  web:\n    environment:\n      DEBUG: '1'\n" },
        { name: ".env", content: "TAG=1.0\nPORT=8080\n" },
        { name: "local.env", content: "TAG=2.0\n" },
      ]),
    );
    expect(errors(r)).toEqual([]);
    expect(r.project.services.web).toMatchObject({ image: "app:2.0", environment: { DEBUG: "1" } });
    expect(r.project.services.web?.ports?.[0]).toMatchObject({ target: 80, published: "8080" });
    expect(r.variables.TAG).toEqual({ value: "2.0", file: "local.env", line: 1 });
    expect(r.interpolations["services.web.image"]).toEqual([{ name: "TAG", file: "local.env", line: 1 }]);
    expect(r.files.map((f) => f.kind)).toEqual(["compose", "compose", "env", "env"]);
    expect(r.locations.get("services.web.image")).toMatchObject({ file: "compose.yml", line: 3 });
  });

  it("feeds env_file values to the service and keeps them out of interpolation", () => {
    const r = loadEnvironment(
      env([
        { name: "compose.yml", content: "services:\n  db:\n    image: pg:${PGV:-15}\n    env_file: ./db.env\n    environment:\n      POSTGRES_DB: app\n" },
        { name: "db-sample.env", as: "db.env", content: "POSTGRES_PASSWORD=secret\nPOSTGRES_DB=other\nPGV=16\n" },
      ]),
    );
    expect(r.project.services.db?.image).toBe("pg:15");
    expect(r.project.services.db?.environment).toEqual({ POSTGRES_PASSWORD: "secret", POSTGRES_DB: "app", PGV: "16" });
    expect(r.envSources.db?.POSTGRES_PASSWORD).toEqual({ kind: "env_file", file: "db.env", line: 1, col: 1 });
    expect(r.envSources.db?.POSTGRES_DB?.kind).toBe("environment");
    expect(r.variables).toEqual({});
  });

  it("turns a Procfile and env files into services with Heroku config vars", () => {
    const r = loadEnvironment(
      env([
        { name: "Procfile", content: "release: python manage.py migrate\nweb: gunicorn app.wsgi\nworker: celery -A app worker -l info\n" },
        { name: ".env", content: "DEBUG=0\nDATABASE_URL=postgres://u:p@db.example.com/app\n" },
      ]),
    );
    expect(errors(r)).toEqual([]);
    expect(Object.keys(r.project.services)).toEqual(["release", "web", "worker"]);
    expect(r.project.services.web?.command).toEqual(["gunicorn", "app.wsgi"]);
    expect(r.project.services.release?.["x-procfile-release"]).toBe(true);
    expect(r.project.services.worker?.environment).toMatchObject({ DEBUG: "0" });
    expect(r.envSources.worker?.DEBUG).toMatchObject({ kind: "procfile-config", file: ".env", line: 1 });
    expect(r.graph.nodes.some((n) => n.kind === "external" && n.host === "db.example.com")).toBe(true);
  });

  it("refuses a Kubernetes manifest with NOT_COMPOSE", () => {
    const r = loadEnvironment(env([{ name: "deployment.yaml", content: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n" }]));
    expect(errors(r).map((i) => i.code)).toEqual(["NOT_COMPOSE"]);
  });

  it("reports an environment without compose file nor Procfile", () => {
    expect(errors(loadEnvironment(env([{ name: ".env", content: "A=1" }]))).map((i) => i.code)).toEqual(["NO_COMPOSE_FILE"]);
    expect(errors(loadEnvironment(env([]))).map((i) => i.code)).toEqual(["NO_COMPOSE_FILE"]);
  });

  it("refuses a Jinja template that does not parse, with a render-first error", () => {
    const r = loadEnvironment(env([{ name: "compose.yml", content: "services:\n  web:\n    image: x\n{% if a %}\n    ports: ['80:80']\n{% endif %}\n" }]));
    expect(errors(r).some((i) => i.code === "TEMPLATE_NOT_RENDERED" && /render/.test(i.message))).toBe(true);
  });

  it("loads included and extended files from the uploads instead of merging them as overrides", () => {
    const r = loadEnvironment(
      env([
        { name: "compose.yml", content: "include:\n  - infra/db.yml\nservices:\n  web:\n    extends:\n      file: common.yml\n      service: base\n    command: serve\n" },
        { name: "db.yml", as: "infra/db.yml", content: "services:\n  db:\n    image: postgres:16\n" },
        { name: "common.yml", content: "services:\n  base:\n    image: app\n    restart: always\n" },
      ]),
    );
    expect(errors(r)).toEqual([]);
    expect(Object.keys(r.project.services).sort()).toEqual(["db", "web"]);
    expect(r.project.services.web).toMatchObject({ image: "app", restart: "always", command: ["serve"] });
  });

  it("reports an include that was not uploaded", () => {
    const r = loadEnvironment(env([{ name: "compose.yml", content: "include: [db.yml]\nservices:\n  web:\n    image: app\n" }]));
    expect(errors(r).map((i) => i.code)).toContain("INCLUDE_NOT_FOUND");
    expect(Object.keys(r.project.services)).toEqual(["web"]);
  });

  it("drops services of inactive profiles, reading COMPOSE_PROFILES from the project env", () => {
    const files = [
      { name: "compose.yml", content: "services:\n  web:\n    image: app\n  debug:\n    image: dbg\n    profiles: [debug]\n" },
      { name: ".env", content: "COMPOSE_PROFILES=debug\n" },
    ];
    expect(Object.keys(loadEnvironment(env(files)).project.services)).toEqual(["web", "debug"]);
    const explicit = loadEnvironment(env(files), { profiles: [] });
    expect(explicit.inactiveServices).toEqual(["debug"]);
  });

  it("keeps the values of a required variable that is not set, as a warning (unknown here)", () => {
    const r = loadEnvironment(env([{ name: "compose.yml", content: "services:\n  web:\n    image: app\n    environment:\n      HOST: ${DOMAIN:?not set}\n" }]));
    expect(errors(r)).toEqual([]);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "REQUIRED_VARIABLE", severity: "warning" }));
    expect(r.project.services.web?.environment?.HOST).toBe("${DOMAIN:?not set}");
  });

  it("names the project like compose: explicit, then name:, then COMPOSE_PROJECT_NAME, then the folder", () => {
    const file = (content: string, as = "compose.yml") => ({ name: "c.yml", as, content });
    expect(loadEnvironment(env([file("name: My_App\nservices: {a: {image: x}}\n")])).project.name).toBe("my_app");
    expect(loadEnvironment(env([file("services: {a: {image: x}}\n")], { projectName: "Given" })).project.name).toBe("given");
    expect(loadEnvironment(env([file("services: {a: {image: x}}\n", "shop/compose.yml")])).project.name).toBe("shop");
    expect(loadEnvironment(env([file("services: {a: {image: x}}\n"), { name: ".env", content: "COMPOSE_PROJECT_NAME=sentry" }])).project.name).toBe("sentry");
    expect(projectNameFrom("--Weird Name!")).toBe("weirdname");
  });

  it("never throws: malformed input becomes issues", () => {
    expect(() => loadEnvironment(null as unknown as EnvironmentInput)).not.toThrow();
    expect(errors(loadEnvironment({ name: "x", files: [{ name: 3 }] } as unknown as EnvironmentInput)).length).toBeGreaterThan(0);
  });
});

describe("loadEnvironment extends across files", () => {
  it("follows a chain of extends through several uploaded files", () => {
    const r = loadEnvironment(
      env([
        { name: "compose.yml", content: "services:\n  web:\n    extends: {file: a.yml, service: a}\n" },
        { name: "a.yml", content: "services:\n  a:\n    extends: {file: b.yml, service: b}\n    restart: always\n" },
        { name: "b.yml", content: "services:\n  b:\n    image: base\n" },
      ]),
    );
    expect(errors(r)).toEqual([]);
    expect(r.project.services.web).toMatchObject({ image: "base", restart: "always" });
  });

  it("reports a cycle of extends across files instead of looping", () => {
    const r = loadEnvironment(
      env([
        { name: "compose.yml", content: "services:\n  web:\n    extends: {file: a.yml, service: a}\n" },
        { name: "a.yml", content: "services:\n  a:\n    image: x\n    extends: {file: b.yml, service: b}\n" },
        { name: "b.yml", content: "services:\n  b:\n    extends: {file: a.yml, service: a}\n" },
      ]),
    );
    expect(r.issues.some((i) => i.code === "EXTENDS_CYCLE")).toBe(true);
  });
});

describe("loadEnvironment include environment", () => {
  it("interpolates included files with their own env files, under the including project's values", () => {
    const r = loadEnvironment(
      env([
        { name: "compose.yml", content: "include:\n  - infra/db.yml\n  - path: cache.yml\n    env_file: cache.env\nservices:\n  web:\n    image: app:${PG:-none}-${REDIS:-none}-${TAG}\n" },
        { name: ".env", content: "TAG=1\nREDIS=from-parent\n" },
        { name: "db.yml", as: "infra/db.yml", content: "services:\n  db:\n    image: postgres:${PG:-15}\n" },
        { name: "infra.env", as: "infra/.env", content: "PG=16\n" },
        { name: "cache.yml", content: "services:\n  cache:\n    image: redis:${REDIS:-6}\n" },
        { name: "cache.env", content: "REDIS=7\n" },
      ]),
    );
    expect(errors(r)).toEqual([]);
    expect(r.project.services.db?.image).toBe("postgres:16");
    expect(r.project.services.cache?.image).toBe("redis:from-parent");
    expect(r.project.services.web?.image).toBe("app:none-from-parent-1");
    expect(Object.keys(r.variables).sort()).toEqual(["REDIS", "TAG"]);
  });
});
