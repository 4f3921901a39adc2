import { describe, expect, it } from "vitest";
import { matchServices } from "./match-services";
import { makeEnvironment } from "./testing/make-environment";

const names = (groups: ReturnType<typeof matchServices>["value"]) => groups.map((g) => Object.values(g.names).join("/")).sort();

describe("matchServices", () => {
  it("matches the same names and renamed services with the same role", () => {
    const local = makeEnvironment({
      name: "local",
      services: {
        web: { build: { context: "." }, command: ["python", "manage.py", "runserver"] },
        celery: { build: { context: "." }, command: ["celery", "-A", "x", "worker"] },
        "celery-beat": { build: { context: "." }, command: ["celery", "-A", "x", "beat"] },
        postgis: { image: "postgis/postgis:15-3.3" },
      },
    });
    const vps = makeEnvironment({
      name: "dev-vps",
      services: {
        django: { build: { context: "." }, command: ["gunicorn", "x.wsgi"] },
        celeryworker: { build: { context: "." }, command: ["celery", "-A", "x", "worker"] },
        celerybeat: { build: { context: "." }, command: ["celery", "-A", "x", "beat"] },
        postgis: { image: "postgis/postgis:15-3.3" },
        caddy: { image: "caddy" },
      },
    });
    const { value } = matchServices({ environments: [local, vps] });
    expect(names(value)).toEqual(["caddy", "celery-beat/celerybeat", "celery/celeryworker", "postgis/postgis", "web/django"]);
    expect(value.find((g) => g.id === "web")).toMatchObject({ renamed: true, kind: "app" });
  });

  it("does not match services of different roles", () => {
    const dev = makeEnvironment({ name: "dev", services: { mailhog: { image: "mailhog/mailhog" } } });
    const prod = makeEnvironment({ name: "prod", services: { nginx: { image: "nginx:1.25" } } });
    expect(matchServices({ environments: [dev, prod] }).value).toHaveLength(2);
  });

  it("does not match two unrelated dev tools", () => {
    const dev = makeEnvironment({ name: "dev", services: { pgadmin: { image: "dpage/pgadmin4" } } });
    const prod = makeEnvironment({ name: "prod", services: { adminer: { image: "adminer" } } });
    expect(matchServices({ environments: [dev, prod] }).value).toHaveLength(2);
  });
});

describe("matchServices on large inputs", () => {
  it("stays fast with hundreds of differently named services", () => {
    const many = (env: string, prefix: string) =>
      makeEnvironment({ name: env, services: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`${prefix}${i}`, { build: { context: "." } }])) });
    const started = Date.now();
    const { value } = matchServices({ environments: [many("dev", "a"), many("prod", "b")] });
    expect(value).toHaveLength(800);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
