import { describe, expect, it } from "vitest";
import { compareEnvironments, findingId } from "./compare-environments";
import { parityResultSchema } from "./result-schema";
import { makeEnvironment, port } from "./testing/make-environment";

const dev = () =>
  makeEnvironment({
    name: "dev",
    services: {
      web: {
        build: { context: "./app" },
        command: ["python", "manage.py", "runserver", "0.0.0.0:8000"],
        ports: [port(8000, "8000")],
        environment: { DEBUG: "1", SECRET_KEY: "foo", DATABASE_URL: "sqlite:////data/db.sqlite3" },
      },
    },
  });

const prod = () =>
  makeEnvironment({
    name: "prod",
    services: {
      web: {
        build: { context: "./app" },
        command: ["gunicorn", "hello_django.wsgi:application"],
        expose: ["8000"],
        environment: { DEBUG: "0", SECRET_KEY: "hello_django", DATABASE_URL: "postgres://app:hello_django@db:5432/hello_django_prod" },
      },
      db: { image: "postgres:16", environment: { POSTGRES_PASSWORD: "hello_django" }, volumes: [{ type: "volume", source: "pgdata", target: "/var/lib/postgresql/data" }] },
      worker: { build: { context: "./app" }, command: ["celery", "-A", "app", "worker"] },
    },
  });

describe("compareEnvironments", () => {
  it("returns a result that matches the published schema", () => {
    const result = compareEnvironments({ environments: [{ env: dev() }, { env: prod() }], fingerprintKey: "k" });
    expect(parityResultSchema.safeParse(result).success).toBe(true);
    expect(result.version).toBe("1.0");
    expect(result.environments.map((e) => `${e.name}:${e.role}`)).toEqual(["dev:development", "prod:production"]);
  });

  it("reports SQLite in development vs PostgreSQL in production as high (factor X)", () => {
    const result = compareEnvironments({ environments: [{ env: dev() }, { env: prod() }], fingerprintKey: "k" });
    expect(result.findings.find((f) => f.rule === "backing-service-kind")).toMatchObject({ severity: "high", factor: "X", key: "database" });
  });

  it("never writes a secret value anywhere in the result, even inside other strings", () => {
    const json = JSON.stringify(compareEnvironments({ environments: [{ env: dev() }, { env: prod() }], fingerprintKey: "k" }));
    expect(json).not.toContain("hello_django");
    expect(json).toContain("gunicorn ••••.wsgi:application");
  });

  it("keeps finding ids stable when values and line numbers change", () => {
    const a = compareEnvironments({ environments: [{ env: dev() }, { env: prod() }], fingerprintKey: "k" });
    const changed = prod();
    changed.project.services.web!.environment!.SECRET_KEY = "another-value";
    changed.locations = new Map([...changed.locations, ["services.web.environment.SECRET_KEY", { file: "other.yml", line: 99, col: 1 }]]);
    const b = compareEnvironments({ environments: [{ env: dev() }, { env: changed }], fingerprintKey: "other-key" });
    const ids = (r: typeof a) => r.findings.filter((f) => f.rule === "hardcoded-secret").map((f) => f.id).sort();
    expect(ids(a)).toEqual(ids(b));
    expect(new Set(a.findings.map((f) => f.id)).size).toBe(a.findings.length);
    expect(findingId({ rule: "r", service: "s", key: null, environments: ["b", "a"] })).toBe(findingId({ rule: "r", service: "s", key: null, environments: ["a", "b"] }));
  });

  it("builds a per-service matrix and a summary with a score", () => {
    const result = compareEnvironments({ environments: [{ env: dev() }, { env: prod() }], fingerprintKey: "k" });
    const worker = result.services.find((s) => s.id === "worker");
    expect(worker?.cells.map((c) => c.state)).toEqual(["absent", "present"]);
    expect(result.summary.total).toBe(result.findings.length);
    expect(result.summary.score).toBeGreaterThanOrEqual(0);
    expect(result.summary.score).toBeLessThan(100);
    expect(result.summary.bySeverity.high).toBeGreaterThan(0);
  });

  it("orders findings from the most severe", () => {
    const result = compareEnvironments({ environments: [{ env: dev() }, { env: prod() }], fingerprintKey: "k" });
    const ranks = result.findings.map((f) => ["info", "low", "medium", "high", "critical"].indexOf(f.severity));
    expect([...ranks].sort((x, y) => y - x)).toEqual(ranks);
  });

  it("scores identical environments 100", () => {
    const a = makeEnvironment({ name: "staging", services: { web: { image: "app:1.2.3", restart: "always" } } });
    const b = makeEnvironment({ name: "prod", services: { web: { image: "app:1.2.3", restart: "always" } } });
    const result = compareEnvironments({ environments: [{ env: a }, { env: b }], fingerprintKey: "k" });
    expect(result.findings).toEqual([]);
    expect(result.summary.score).toBe(100);
  });

  it("leaves an environment that failed to load out of the comparison", () => {
    const broken = makeEnvironment({ name: "ci", services: {} });
    broken.issues.push({ code: "DUPLICATE_KEY", severity: "error", message: 'mapping key "services" already defined at line 3', file: "docker-compose.ci.yml", line: 5, col: 1 });
    const result = compareEnvironments({ environments: [{ env: dev() }, { env: broken, role: "staging" }], fingerprintKey: "k" });
    expect(result.environments.map((e) => e.status)).toEqual(["loaded", "failed"]);
    expect(result.findings.some((f) => f.environments.includes("ci"))).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ env: "ci", code: "DUPLICATE_KEY", line: 5 }));
  });

  it("returns a valid result with an INTERNAL issue instead of throwing on a malformed environment", () => {
    const bad = makeEnvironment({ name: "prod", services: { web: { image: "a:1" } } });
    (bad.project.services.web as unknown as { ports: unknown }).ports = "8000:8000";
    const result = compareEnvironments({ environments: [{ env: dev() }, { env: bad }], fingerprintKey: "k" });
    expect(parityResultSchema.safeParse(result).success).toBe(true);
    expect(result.issues.some((i) => i.code === "INTERNAL")).toBe(true);
  });
});
