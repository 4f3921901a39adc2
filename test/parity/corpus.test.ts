/**
 * End to end over the real-world corpus (test/fixtures/corpus/manifest.json): every set
 * is loaded with the real loader and compared; the assertions are the gaps the
 * corpus README's reviewer notes point out, and no known secret value may appear in
 * the serialised result, Markdown or SARIF.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InputFile } from "@/lib/compose/model";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { compareEnvironments } from "@/lib/parity/compare-environments";
import { renderMarkdown } from "@/lib/parity/format/markdown";
import { renderSarif } from "@/lib/parity/format/sarif";
import { redactFileSet } from "@/lib/parity/redact";
import { parityResultSchema, type Finding, type ParityResult } from "@/lib/parity/result-schema";
import type { Role } from "@/lib/parity/roles";

const ROOT = join(process.cwd(), "test/fixtures/corpus");

interface ManifestEnv {
  role: Role;
  files: (string | { file: string; as: string })[];
  profiles?: string[];
  expect?: string;
}
const manifest = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as { sets: Record<string, { environments: Record<string, ManifestEnv> }> };

function compareSet(set: string): ParityResult {
  const envs = Object.entries(manifest.sets[set]?.environments ?? {}).map(([name, e]) => {
    const files: InputFile[] = e.files.map((f) =>
      typeof f === "string" ? { name: f, content: readFileSync(join(ROOT, set, f), "utf8") } : { name: f.file, as: f.as, content: readFileSync(join(ROOT, set, f.file), "utf8") },
    );
    return { env: loadEnvironment({ name, files, ...(e.profiles ? { profiles: e.profiles } : {}) }), role: e.role };
  });
  return compareEnvironments({ environments: envs, fingerprintKey: "corpus-test-key" });
}

const cache = new Map<string, ParityResult>();
function result(set: string): ParityResult {
  let r = cache.get(set);
  if (!r) {
    r = compareSet(set);
    cache.set(set, r);
  }
  return r;
}

function find(r: ParityResult, want: Partial<Pick<Finding, "rule" | "service" | "key" | "severity">>): Finding | undefined {
  return r.findings.find((f) => Object.entries(want).every(([k, v]) => f[k as keyof Finding] === v));
}

function expectFinding(r: ParityResult, want: Partial<Pick<Finding, "rule" | "service" | "key" | "severity">>): Finding {
  const f = find(r, want);
  expect(f, `expected a finding ${JSON.stringify(want)}; got:\n${r.findings.map((x) => `${x.severity} ${x.rule} ${x.service} ${x.key}`).join("\n")}`).toBeDefined();
  return f as Finding;
}

/** Literal secret values written in each set's files (from the corpus README and the files). */
const SECRETS: Record<string, string[]> = {
  "testdrivenio__django-on-docker__devprod": ["hello_django", "change_me"],
  "testdrivenio__flask-on-docker__devprod": ["hello_flask"],
  "testdrivenio__django-docker-traefik__devprod": ["django_traefik", "apr1"],
  "fastapi__full-stack-fastapi-template__override-vs-deploy": ["changethis"],
  "briancaffey__django-step-by-step__local-vs-ec2": ["sk-proj-ABCD", "nvapi-ABC-123"],
  "briancaffey__django-postgres-vue-gitlab-ecs__dev-ci-test": ["postgres123", "secret-key-for-development"],
  "rcpch__epilepsy12__2023-08-dev-vs-prod": ["mysecretkey"],
  "rcpch__epilepsy12__2023-10-localdev-vs-devvps": ["mysecretkey"],
  "netbox-community__netbox-docker__prod-vs-test": ["J5brHrAXFLQSif0K", "H733Kdjndks81", "t4Ph722qJ5QHeQ1qfu36", "r(m)9nLGnz$(_q3N4z1k"],
  "mattermost__docker__nginx-vs-without-nginx": ["mmuser_password"],
  "getsentry__self-hosted__profiles-errors-only-vs-feature-complete": ["supersecret"],
  "nickjj__docker-django-example__env-driven-profiles": ["insecure_key_for_dev"],
  "wemake-services__wemake-django-template__override-vs-prod": ["__CHANGEME__"],
  "docker__awesome-compose__postgresql-pgadmin": ["changeit"],
};

describe("corpus: every set loads and compares", () => {
  for (const set of Object.keys(manifest.sets)) {
    it(`${set}: produces a valid result without leaking secrets`, () => {
      const r = result(set);
      const parsed = parityResultSchema.safeParse(r);
      expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
      const outputs = [JSON.stringify(r), renderMarkdown({ result: r }), JSON.stringify(renderSarif({ result: r }))];
      for (const secret of SECRETS[set] ?? []) for (const out of outputs) expect(out.includes(secret), `${secret} leaked`).toBe(false);
      expect(new Set(r.findings.map((f) => f.id)).size).toBe(r.findings.length);
    });
  }

  it("gives the same finding ids on a second run with another fingerprint key", () => {
    const set = "testdrivenio__django-on-docker__devprod";
    const again = compareEnvironments({
      environments: Object.entries(manifest.sets[set]?.environments ?? {}).map(([name, e]) => ({
        env: loadEnvironment({
          name,
          files: e.files.map((f) => (typeof f === "string" ? { name: f, content: readFileSync(join(ROOT, set, f), "utf8") } : { name: f.file, as: f.as, content: readFileSync(join(ROOT, set, f.file), "utf8") })),
        }),
        role: e.role,
      })),
      fingerprintKey: "another-key",
    });
    expect(again.findings.map((f) => f.id).sort()).toEqual(result(set).findings.map((f) => f.id).sort());
  });
});

describe("corpus: the gaps a reviewer points out", () => {
  it("django-on-docker: prod-only nginx, runserver vs gunicorn, published vs expose-only port, reused DB password", () => {
    const r = result("testdrivenio__django-on-docker__devprod");
    expect(expectFinding(r, { rule: "service-missing", service: "nginx" }).severity).toBe("medium");
    expect(expectFinding(r, { rule: "command-drift", service: "web" }).severity).toBe("medium");
    expect(expectFinding(r, { rule: "port-mismatch", service: "web", key: "8000" }).values.map((v) => v.value)).toEqual(["8000→8000/tcp", "expose 8000/tcp only"]);
    expectFinding(r, { rule: "volume-drift", service: "web", key: "/usr/src/app" });
    expectFinding(r, { rule: "dev-pattern-in-prod", service: "web", key: "env:DJANGO_ALLOWED_HOSTS" });
    expectFinding(r, { rule: "build-drift", service: "web" });
    const reused = expectFinding(r, { rule: "secret-reused", service: "db", key: "POSTGRES_PASSWORD", severity: "high" });
    expect(reused.values[0]?.fingerprint).toBe(reused.values[1]?.fingerprint);
    expectFinding(r, { rule: "hardcoded-secret", service: "web", key: "SECRET_KEY" });
    expect(find(r, { rule: "image-drift", service: "db" })).toBeUndefined();
    const envLoc = expectFinding(r, { rule: "hardcoded-secret", service: "web", key: "SQL_PASSWORD" }).locations;
    expect(envLoc.map((l) => `${l.env}:${l.file}`)).toEqual(["dev:.env.dev", "prod:.env.prod"]);
  });

  it("flask-on-docker: dev server vs gunicorn, 5001→5000 vs expose, credentials in DATABASE_URL masked in place", () => {
    const r = result("testdrivenio__flask-on-docker__devprod");
    expectFinding(r, { rule: "service-missing", service: "nginx" });
    expect(expectFinding(r, { rule: "command-drift", service: "web" }).severity).toBe("medium");
    expect(expectFinding(r, { rule: "port-mismatch", service: "web", key: "5000" }).values[0]?.value).toBe("5001→5000/tcp");
    const url = expectFinding(r, { rule: "hardcoded-secret", service: "web", key: "DATABASE_URL" });
    expect(url.values[0]?.value).toMatch(/^postgresql:\/\/.*:••••@db:5432\//);
    expect(find(r, { rule: "volume-drift", service: "db", key: "persistence" })).toBeUndefined();
  });

  it("django-docker-traefik: traefik pulled vs built, dashboard port only in dev, TLS port only in prod, committed htpasswd hash", () => {
    const r = result("testdrivenio__django-docker-traefik__devprod");
    expectFinding(r, { rule: "image-drift", service: "traefik", severity: "low" });
    expectFinding(r, { rule: "port-mismatch", service: "traefik", key: "8080" });
    expectFinding(r, { rule: "port-mismatch", service: "traefik", key: "443" });
    expectFinding(r, { rule: "env-missing", service: "web", key: "DJANGO_ALLOWED_HOSTS" });
    expectFinding(r, { rule: "secret-reused", service: "web", key: "DATABASE_URL" });
    expect(expectFinding(r, { rule: "hardcoded-secret", service: "traefik" }).key).toContain("basicauth.users");
    expectFinding(r, { rule: "tls-drift", key: "tls", severity: "low" });
    expect(r.findings.some((f) => f.rule === "dev-pattern-in-prod" && f.key?.startsWith("volumes:"))).toBe(false);
  });

  it("fastapi template: default secrets from the shared .env reused for deploy, dev-only mailpit, adminer in production", () => {
    const r = result("fastapi__full-stack-fastapi-template__override-vs-deploy");
    expectFinding(r, { rule: "secret-reused", service: "backend", key: "SECRET_KEY", severity: "high" });
    const hs = expectFinding(r, { rule: "hardcoded-secret", service: "backend", key: "SECRET_KEY", severity: "high" });
    expect(hs.message).toContain("well-known default");
    expect(hs.locations.every((l) => l.file === ".env")).toBe(true);
    expectFinding(r, { rule: "service-missing", service: "mailpit", severity: "low" });
    expectFinding(r, { rule: "service-missing", service: "playwright", severity: "low" });
    expectFinding(r, { rule: "admin-ui-in-production", service: "adminer" });
    expectFinding(r, { rule: "image-unpinned", service: "adminer" });
    expectFinding(r, { rule: "port-mismatch", service: "db", key: "5432" });
    expectFinding(r, { rule: "command-drift", service: "backend", severity: "medium" });
    expectFinding(r, { rule: "restart-drift", service: "db" });
    expectFinding(r, { rule: "tls-drift", key: "tls" });
  });

  it("django-step-by-step: nuxt renamed, beat scheduler missing in prod, DB and HMR ports published, source mounted in prod", () => {
    const r = result("briancaffey__django-step-by-step__local-vs-ec2");
    expectFinding(r, { rule: "service-missing", service: "nuxt", key: "rename" });
    expect(find(r, { rule: "service-missing", service: "nuxt-app" })).toBeUndefined();
    expectFinding(r, { rule: "service-missing", service: "celery_beat", severity: "high" });
    for (const tool of ["pgadmin", "mailhog", "redis-commander", "flower"]) expectFinding(r, { rule: "service-missing", service: tool, severity: "low" });
    expectFinding(r, { rule: "backing-port-published", service: "postgres", key: "5432", severity: "high" });
    expectFinding(r, { rule: "dev-pattern-in-prod", service: "backend", key: "volumes:/code", severity: "high" });
    expectFinding(r, { rule: "dev-pattern-in-prod", service: "nuxt", key: "ports:24678" });
    expectFinding(r, { rule: "image-unpinned", service: "nginx" });
    expectFinding(r, { rule: "command-drift", service: "backend", severity: "medium" });
    expectFinding(r, { rule: "hardcoded-secret", service: "postgres", key: "POSTGRES_PASSWORD", severity: "high" });
    expect(find(r, { rule: "hardcoded-secret", key: "DJANGO_SETTINGS_MODULE" })).toBeUndefined();
    // `.env.template` holds key-shaped placeholders (`sk-proj-ABCD`): reported, but as placeholders
    expect(expectFinding(r, { rule: "hardcoded-secret", service: "backend", key: "OPENAI_API_KEY" }).message).toContain("placeholder");
  });

  it("django-postgres-vue: the CI file with a duplicated services key is refused, the others compared", () => {
    const r = result("briancaffey__django-postgres-vue-gitlab-ecs__dev-ci-test");
    expect(r.environments.find((e) => e.name === "ci")?.status).toBe("failed");
    expect(r.issues).toContainEqual(expect.objectContaining({ env: "ci", code: "DUPLICATE_KEY", severity: "error", line: 5 }));
    expect(r.findings.some((f) => f.environments.includes("ci"))).toBe(false);
    expectFinding(r, { rule: "image-drift", service: "postgres" });
    expectFinding(r, { rule: "image-unpinned", service: "postgres" });
    expectFinding(r, { rule: "service-missing", service: "beat" });
    expectFinding(r, { rule: "service-missing", service: "celery_default" });
    expectFinding(r, { rule: "dev-pattern-in-prod", service: "backend", key: "env:DEBUG" });
  });

  it("epilepsy12 2023-08: no database in prod, workers only in prod, source mounted in prod, env-file values unknown", () => {
    const r = result("rcpch__epilepsy12__2023-08-dev-vs-prod");
    expect(expectFinding(r, { rule: "service-missing", service: "db" }).message).toContain("not in prod");
    expectFinding(r, { rule: "service-missing", service: "celery" });
    expectFinding(r, { rule: "service-missing", service: "celery-beat" });
    expectFinding(r, { rule: "dev-pattern-in-prod", service: "web", key: "volumes:/app", severity: "high" });
    expectFinding(r, { rule: "image-unpinned", service: "web" });
    const unknown = expectFinding(r, { rule: "env-missing", service: "web", key: "E12_SECRET_KEY", severity: "info" });
    expect(unknown.values.find((v) => v.env === "prod")?.state).toBe("unknown");
  });

  it("epilepsy12 2023-10: renamed web/django, celery/celeryworker, celery-beat/celerybeat; VPS-only caddy; key drift", () => {
    const r = result("rcpch__epilepsy12__2023-10-localdev-vs-devvps");
    for (const id of ["web", "celery", "celery-beat"]) expectFinding(r, { rule: "service-missing", service: id, key: "rename" });
    for (const name of ["django", "celeryworker", "celerybeat"]) expect(find(r, { rule: "service-missing", service: name })).toBeUndefined();
    expectFinding(r, { rule: "service-missing", service: "caddy" });
    expectFinding(r, { rule: "secret-reused", service: "postgis", key: "POSTGRES_PASSWORD" });
    expectFinding(r, { rule: "restart-drift", service: "web" });
    expect(expectFinding(r, { rule: "env-missing", service: "web", key: "POSTCODE_API_BASE_URL" }).values.find((v) => v.env === "dev-vps")?.state).toBe("unknown");
    expectFinding(r, { rule: "dev-pattern-in-prod", service: "web", key: "volumes:/app" });
    expectFinding(r, { rule: "dev-pattern-in-prod", service: "web", key: "command:seed" });
  });

  it("epilepsy12 head: a single environment still reports committed secrets", () => {
    const r = result("rcpch__epilepsy12__head-single-compose-env-template");
    expect(r.environments).toHaveLength(1);
    expectFinding(r, { rule: "hardcoded-secret", key: "DJANGO_SECRET_KEY" });
    expect(r.findings.some((f) => f.rule === "service-missing")).toBe(false);
  });

  it("netbox: pinned vs latest image, all interfaces vs loopback, test without persistence, committed secrets shared", () => {
    const r = result("netbox-community__netbox-docker__prod-vs-test");
    expectFinding(r, { rule: "image-drift", service: "netbox" });
    expectFinding(r, { rule: "image-unpinned", service: "netbox" });
    expectFinding(r, { rule: "port-mismatch", service: "netbox", key: "8080", severity: "medium" });
    expectFinding(r, { rule: "volume-drift", service: "postgres", key: "persistence" });
    expectFinding(r, { rule: "volume-drift", service: "redis", key: "persistence" });
    expectFinding(r, { rule: "command-drift", service: "redis" });
    expectFinding(r, { rule: "depends-on-drift", service: "netbox", key: "postgres", severity: "low" });
    const key = expectFinding(r, { rule: "hardcoded-secret", service: "netbox", key: "SECRET_KEY", severity: "high" });
    expect(key.message).toContain("real-looking secret");
    expect(key.message).toContain("netbox-worker");
    expectFinding(r, { rule: "secret-reused", service: "netbox", key: "DB_PASSWORD" });
    expect(expectFinding(r, { rule: "healthcheck-drift", service: "netbox", key: "healthcheck.timing" }).message).toMatch(/start_period 1m30s in prod.*start_period 2m0s in test/);
  });

  it("mattermost: nginx only with nginx, app published directly without it, default DB password", () => {
    const r = result("mattermost__docker__nginx-vs-without-nginx");
    expectFinding(r, { rule: "service-missing", service: "nginx" });
    expectFinding(r, { rule: "port-mismatch", service: "mattermost", key: "8065" });
    expect(find(r, { rule: "port-mismatch", service: "mattermost", key: "8443" })).toBeUndefined();
    expectFinding(r, { rule: "hardcoded-secret", service: "postgres", key: "POSTGRES_PASSWORD" });
    expectFinding(r, { rule: "image-unpinned", service: "nginx" });
    expectFinding(r, { rule: "dev-pattern-in-prod", service: "mattermost", key: "env:MM_SQLSETTINGS_DATASOURCE:tls" });
  });

  it("sentry: profile-only services reported as missing (inactive), nightly images, default shared secret", () => {
    const r = result("getsentry__self-hosted__profiles-errors-only-vs-feature-complete");
    const missing = expectFinding(r, { rule: "service-missing", service: "snuba-transactions-consumer" });
    expect(missing.message).toContain("inactive profiles");
    expect(r.services.find((s) => s.id === "snuba-transactions-consumer")?.cells.map((c) => c.state)).toEqual(["inactive", "present"]);
    expect(r.findings.some((f) => f.rule === "image-unpinned" && f.values.some((v) => v.value?.endsWith(":nightly")))).toBe(true);
    expectFinding(r, { rule: "hardcoded-secret", key: "LAUNCHPAD_RPC_SHARED_SECRET" });
    expect(find(r, { rule: "hardcoded-secret", key: "KAFKA_LOG4J_LOGGERS" })).toBeUndefined();
  });

  it("nickjj: a development-only environment reports only its committed placeholder secrets", () => {
    const r = result("nickjj__docker-django-example__env-driven-profiles");
    expect(expectFinding(r, { rule: "hardcoded-secret", key: "SECRET_KEY" }).severity).toBe("info");
    expect(r.findings.some((f) => f.rule === "dev-pattern-in-prod")).toBe(false);
  });

  it("cookiecutter-django: Jinja templates are refused with a render-first error and nothing is compared", () => {
    const r = result("cookiecutter__cookiecutter-django__template-local-production");
    expect(r.environments.map((e) => e.status)).toEqual(["failed", "failed", "failed"]);
    expect(r.issues.some((i) => i.code === "TEMPLATE_NOT_RENDERED" && i.severity === "error" && /render/.test(i.message))).toBe(true);
    expect(r.findings).toEqual([]);
  });

  it("wemake: loads with template warnings; caddy, runserver vs gunicorn, :latest in prod, unless-stopped only in prod", () => {
    const r = result("wemake-services__wemake-django-template__override-vs-prod");
    expect(r.environments.map((e) => e.status)).toEqual(["loaded", "loaded"]);
    expect(r.issues.some((i) => i.code === "TEMPLATE_NOT_RENDERED" && i.severity === "warning")).toBe(true);
    expectFinding(r, { rule: "service-missing", service: "caddy" });
    expectFinding(r, { rule: "command-drift", service: "web", severity: "medium" });
    expectFinding(r, { rule: "port-mismatch", service: "web", key: "8000" });
    expectFinding(r, { rule: "image-unpinned", service: "web" });
    expectFinding(r, { rule: "restart-drift", service: "web" });
    expectFinding(r, { rule: "volume-drift", service: "web", key: "/code" });
    expect(expectFinding(r, { rule: "build-drift", service: "web" }).message).toContain("production_build");
  });

  it("awesome-compose: single development environments load; a secret file path is not a secret", () => {
    expect(result("docker__awesome-compose__nginx-golang-postgres").issues.filter((i) => i.severity === "error")).toEqual([]);
    expectFinding(result("docker__awesome-compose__postgresql-pgadmin"), { rule: "hardcoded-secret", service: "postgres", key: "POSTGRES_PASSWORD" });
    expect(find(result("docker__awesome-compose__react-express-mysql"), { rule: "hardcoded-secret", key: "DATABASE_PASSWORD" })).toBeUndefined();
  });
});

describe("synthetic pairs the corpus does not show", () => {
  const load = (name: string, compose: string, extra: InputFile[] = []) => loadEnvironment({ name, files: [{ name: "compose.yml", content: compose }, ...extra] });

  it("reports SQLite in development vs PostgreSQL in production as high (factor X)", () => {
    const dev = load(
      "dev",
      "services:\n  web:\n    build: .\n    environment:\n      DJANGO_DB_ENGINE: django.db.backends.sqlite3\n      DATABASE_URL: sqlite:////app/db.sqlite3\n",
    );
    const prod = load(
      "prod",
      "services:\n  web:\n    build: .\n    env_file: .env.prod\n  db:\n    image: postgres:16.4\n    volumes: [pgdata:/var/lib/postgresql/data]\nvolumes:\n  pgdata: {}\n",
      [{ name: ".env.prod", content: "DJANGO_DB_ENGINE=django.db.backends.postgresql\nDATABASE_URL=postgres://app:Pr0d-Passw0rd-123@db:5432/app\n" }],
    );
    const r = compareEnvironments({ environments: [{ env: dev }, { env: prod }], fingerprintKey: "k" });
    const f = expectFinding(r, { rule: "backing-service-kind", key: "database", severity: "high" });
    expect(f.factor).toBe("X");
    expect(f.message).toMatch(/SQLite in dev.*PostgreSQL/);
    expect(f.locations.some((l) => l.env === "prod" && l.file === ".env.prod" && l.line === 2)).toBe(true);
    expect(JSON.stringify(r)).not.toContain("Pr0d-Passw0rd-123");
  });

  it("reports postgres:13 vs postgres:16 as a high major-version drift, compared after interpolation", () => {
    const dev = load("dev", "services:\n  db:\n    image: postgres:13\n");
    const prod = load("prod", "services:\n  db:\n    image: postgres:${PG_VERSION:-13}\n", [{ name: ".env", content: "PG_VERSION=16\n" }]);
    const r = compareEnvironments({ environments: [{ env: dev }, { env: prod }], fingerprintKey: "k" });
    const f = expectFinding(r, { rule: "image-drift", service: "db", severity: "high" });
    expect(f.values.map((v) => v.value)).toEqual(["postgres:13", "postgres:16"]);
    expect(f.locations.map((l) => `${l.env}:${l.file}:${l.line}`)).toEqual(["dev:compose.yml:3", "prod:compose.yml:3"]);
  });
});

describe("corpus: stored files are redacted in place", () => {
  for (const [set, secrets] of Object.entries(SECRETS)) {
    it(`${set}: redactFileSet keeps every line and masks every known secret`, () => {
      for (const env of Object.values(manifest.sets[set]?.environments ?? {})) {
        const files = env.files.map((f) => {
          const name = typeof f === "string" ? f : f.file;
          const kind = /\.ya?ml/.test(name) ? ("compose" as const) : name === "Procfile" ? ("procfile" as const) : ("env" as const);
          return { name, kind, content: readFileSync(join(ROOT, set, name), "utf8") };
        });
        const redacted = redactFileSet(files);
        files.forEach((f, i) => {
          expect(redacted[i]?.split("\n").length).toBe(f.content.split("\n").length);
          for (const secret of secrets) expect(redacted[i]?.includes(secret), `${secret} in ${f.name}`).toBe(false);
        });
      }
    });
  }
});

describe("corpus: one compose file, the env file as the environment switch (nickjj)", () => {
  it("compares the development .env with a production .env written from the file's own comments", () => {
    const set = "nickjj__docker-django-example__env-driven-profiles";
    const compose = readFileSync(join(ROOT, set, "compose.yaml"), "utf8");
    const devEnv = readFileSync(join(ROOT, set, ".env.example"), "utf8");
    // the production values the comments above each line recommend
    const prodEnv = devEnv
      .replace("export COMPOSE_PROFILES=postgres,redis,assets,web,worker", "export COMPOSE_PROFILES=postgres,redis,web,worker")
      .replace("export DEBUG=true", "export DEBUG=false")
      .replace("export NODE_ENV=development", "export NODE_ENV=production")
      .replace("export WEB_RELOAD=true", "export WEB_RELOAD=false")
      .replace("export DOCKER_RESTART_POLICY=no", "export DOCKER_RESTART_POLICY=unless-stopped")
      .replace("export DOCKER_WEB_HEALTHCHECK_TEST=/bin/true", "export DOCKER_WEB_HEALTHCHECK_TEST='curl localhost:8000/up'")
      .replace("export DOCKER_WEB_PORT_FORWARD=8000", "export DOCKER_WEB_PORT_FORWARD=127.0.0.1:8000")
      .replace("export DOCKER_WEB_VOLUME=.:/app", "export DOCKER_WEB_VOLUME=./public_collected:/app/public_collected");
    expect(prodEnv).not.toBe(devEnv);
    const load = (name: string, env: string) => loadEnvironment({ name, files: [{ name: "compose.yaml", content: compose }, { name: `.env.${name}`, as: ".env", content: env }] });
    const r = compareEnvironments({ environments: [{ env: load("dev", devEnv) }, { env: load("prod", prodEnv) }], fingerprintKey: "k" });
    // the asset watchers run only in development (profile `assets`)
    expect(r.findings.some((f) => f.rule === "service-missing" && (f.service === "js" || f.service === "css"))).toBe(true);
    expectFinding(r, { rule: "restart-drift", service: "web" });
    expectFinding(r, { rule: "volume-drift", service: "web", key: "/app" });
    expectFinding(r, { rule: "healthcheck-drift", service: "web" });
    expectFinding(r, { rule: "port-mismatch", service: "web", key: "8000" });
    expectFinding(r, { rule: "secret-reused", key: "POSTGRES_PASSWORD", severity: "high" });
    expect(r.findings.some((f) => f.rule === "dev-pattern-in-prod" && f.key === "env:DEBUG")).toBe(false);
    expect(JSON.stringify(r)).not.toContain("insecure_key_for_dev");
  });
});
