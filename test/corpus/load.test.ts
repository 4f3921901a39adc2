/**
 * Golden tests over the real-world corpus: every environment of every set in
 * test/fixtures/corpus/manifest.json loads with no error issue, or fails with the
 * error its manifest names; then concrete facts from the corpus README per set.
 */
import { describe, it, expect } from "vitest";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { formatIssue } from "@/lib/compose/issues";
import type { LoadedEnvironment, PortConfig } from "@/lib/compose/model";
import { corpusEnvironments } from "./corpus";

const all = corpusEnvironments();
const cache = new Map<string, LoadedEnvironment>();
function load(set: string, env: string): LoadedEnvironment {
  const key = `${set}/${env}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const e = all.find((x) => x.set === set && x.env === env);
  if (!e) throw new Error(`no corpus environment ${key}`);
  const loaded = loadEnvironment(e.input);
  cache.set(key, loaded);
  return loaded;
}
const errors = (l: LoadedEnvironment) => l.issues.filter((i) => i.severity === "error");
const services = (l: LoadedEnvironment) => Object.keys(l.project.services).sort();
const svc = (l: LoadedEnvironment, name: string) => {
  const s = l.project.services[name];
  if (!s) throw new Error(`no service ${name} in ${l.name}: ${services(l).join(", ")}`);
  return s;
};
const ports = (l: LoadedEnvironment, name: string) =>
  (svc(l, name).ports ?? []).map((p: PortConfig) => `${p.host_ip ? `${p.host_ip}:` : ""}${p.published ?? ""}:${p.target}/${p.protocol}`);
const env = (l: LoadedEnvironment, name: string) => svc(l, name).environment ?? {};

describe("corpus: every environment loads or fails as its manifest says", () => {
  it("finds the corpus", () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
  });

  for (const e of all) {
    const title = `${e.set} / ${e.env}${e.expect ? ` (${e.expect})` : ""}`;
    it(title, () => {
      const loaded = load(e.set, e.env);
      if (e.expect?.startsWith("error")) {
        expect(errors(loaded).length).toBeGreaterThan(0);
        if (/Jinja/.test(e.expect)) {
          const t = errors(loaded).find((i) => i.code === "TEMPLATE_NOT_RENDERED");
          expect(t?.message).toMatch(/render the template/);
        }
        if (/duplicate top-level key 'services'/.test(e.expect)) {
          expect(errors(loaded)).toContainEqual(expect.objectContaining({ code: "DUPLICATE_KEY", line: 5, path: "services" }));
          expect(errors(loaded)[0]?.message).toMatch(/line 3/);
        }
        return;
      }
      expect(errors(loaded).map(formatIssue)).toEqual([]);
      expect(services(loaded).length).toBeGreaterThan(0);
      if (e.expect?.includes("warning that the files hold unrendered template markers")) {
        expect(loaded.issues.some((i) => i.code === "TEMPLATE_NOT_RENDERED" && i.severity === "warning")).toBe(true);
      }
      // every service has a node in the graph, and every location points at an uploaded file
      expect(loaded.graph.nodes.filter((n) => n.kind === "service").map((n) => n.id).sort()).toEqual(services(loaded));
      const names = new Set(loaded.files.map((f) => f.as));
      for (const loc of loaded.locations.values()) expect(names.has(loc.file)).toBe(true);
    });
  }
});

describe("corpus facts (test/fixtures/corpus/README.md)", () => {
  it("3.1 django-on-docker: nginx only in prod, runserver vs gunicorn, env from the sample env files", () => {
    const dev = load("testdrivenio__django-on-docker__devprod", "dev");
    const prod = load("testdrivenio__django-on-docker__devprod", "prod");
    expect(services(dev)).toEqual(["db", "web"]);
    expect(services(prod)).toEqual(["db", "nginx", "web"]);
    expect(svc(dev, "web").command).toEqual(["python", "manage.py", "runserver", "0.0.0.0:8000"]);
    expect(svc(prod, "web").command).toEqual(["gunicorn", "hello_django.wsgi:application", "--bind", "0.0.0.0:8000"]);
    expect(svc(prod, "web").build).toMatchObject({ context: "./app", dockerfile: "Dockerfile.prod" });
    expect(ports(dev, "web")).toEqual(["8000:8000/tcp"]);
    expect(ports(prod, "nginx")).toEqual(["1337:80/tcp"]);
    expect(svc(prod, "web").ports ?? []).toEqual([]);
    expect(env(dev, "web")).toMatchObject({ DEBUG: "1", SECRET_KEY: "foo", SQL_DATABASE: "hello_django_dev" });
    expect(env(prod, "web")).toMatchObject({ DEBUG: "0", SECRET_KEY: "change_me", DJANGO_ALLOWED_HOSTS: "localhost 127.0.0.1 [::1]" });
    expect(env(prod, "db").POSTGRES_PASSWORD).toBe("hello_django");
    expect(prod.envSources.db?.POSTGRES_PASSWORD).toMatchObject({ kind: "env_file", file: ".env.prod.db", line: 2 });
    expect(dev.envSources.db?.POSTGRES_PASSWORD).toMatchObject({ kind: "environment", file: "docker-compose.yml" });
  });

  it("3.2 flask-on-docker: 5001→5000 in dev, expose + nginx 1337 in prod, DATABASE_URL per env", () => {
    const dev = load("testdrivenio__flask-on-docker__devprod", "dev");
    const prod = load("testdrivenio__flask-on-docker__devprod", "prod");
    expect(ports(dev, "web")).toEqual(["5001:5000/tcp"]);
    expect(ports(prod, "nginx")).toEqual(["1337:80/tcp"]);
    expect(svc(dev, "web").command).toEqual(["python", "manage.py", "run", "-h", "0.0.0.0"]);
    expect(svc(prod, "web").command).toEqual(["gunicorn", "--bind", "0.0.0.0:5000", "manage:app"]);
    expect(env(dev, "web").DATABASE_URL).toBe("postgresql://hello_flask:hello_flask@db:5432/hello_flask_dev");
    expect(env(prod, "web").FLASK_DEBUG).toBe("0");
    expect(prod.graph.edges).toContainEqual({ from: "web", to: "db", kind: "env-url", via: "DATABASE_URL" });
  });

  it("3.3 django-docker-traefik: traefik image vs build, $$ escapes, unset $PWD", () => {
    const dev = load("testdrivenio__django-docker-traefik__devprod", "dev");
    const prod = load("testdrivenio__django-docker-traefik__devprod", "prod");
    expect(svc(dev, "traefik").image).toBe("traefik:v2.9.6");
    expect(ports(dev, "traefik")).toEqual(["8008:80/tcp", "8081:8080/tcp"]);
    expect(svc(prod, "traefik").build).toMatchObject({ dockerfile: "Dockerfile.traefik" });
    expect(ports(prod, "traefik")).toEqual(["80:80/tcp", "443:443/tcp"]);
    expect(Object.values(svc(prod, "traefik").labels ?? {}).some((v) => v.includes("testuser:$apr1$"))).toBe(true);
    expect(dev.issues).toContainEqual(expect.objectContaining({ code: "UNSET_VARIABLE", severity: "warning" }));
  });

  it("3.5 wemake: environment: beats env_file for DJANGO_DATABASE_HOST; caddy only in prod", () => {
    const dev = load("wemake-services__wemake-django-template__override-vs-prod", "dev");
    const prod = load("wemake-services__wemake-django-template__override-vs-prod", "prod");
    expect(env(dev, "web").DJANGO_DATABASE_HOST).toBe("db");
    expect(dev.envSources.web?.DJANGO_DATABASE_HOST?.kind).toBe("environment");
    expect(env(dev, "web").DJANGO_SECRET_KEY).toBe("__CHANGEME__");
    expect(dev.envSources.web?.DJANGO_SECRET_KEY).toMatchObject({ kind: "env_file", file: "config/.env" });
    expect(ports(dev, "web")).toEqual(["8000:8000/tcp"]);
    expect(services(prod)).toContain("caddy");
    expect(ports(prod, "caddy")).toEqual(expect.arrayContaining(["80:80/tcp", "443:443/tcp"]));
    expect(svc(prod, "web").command).toEqual(["bash", "./docker/django/gunicorn.sh"]);
    expect(Object.keys(svc(prod, "web").networks ?? {})).toEqual(expect.arrayContaining(["web-net", "proxy-net"]));
  });

  it("3.6 fastapi: dev-only mailpit/playwright, deploy publishes only 80/443, required DOMAIN unknown", () => {
    const dev = load("fastapi__full-stack-fastapi-template__override-vs-deploy", "dev");
    const deploy = load("fastapi__full-stack-fastapi-template__override-vs-deploy", "deploy");
    expect(services(dev)).toEqual(expect.arrayContaining(["mailpit", "playwright"]));
    expect(services(deploy)).not.toContain("mailpit");
    expect(ports(dev, "proxy")).toEqual(["80:80/tcp", "8090:8080/tcp"]);
    expect(ports(deploy, "proxy")).toEqual(["80:80/tcp", "443:443/tcp"]);
    expect(ports(deploy, "db")).toEqual([]);
    expect(svc(dev, "backend").command).toEqual(["fastapi", "dev", "--host", "0.0.0.0"]);
    expect(env(dev, "backend").SECRET_KEY).toBe("changethis");
    expect(dev.variables.SECRET_KEY).toMatchObject({ value: "changethis", file: ".env" });
    expect(deploy.issues).toContainEqual(expect.objectContaining({ code: "REQUIRED_VARIABLE", severity: "warning" }));
  });

  it("3.7 django-step-by-step: dev-only tools, prod-only certbot, postgres published in prod", () => {
    const local = load("briancaffey__django-step-by-step__local-vs-ec2", "local");
    const ec2 = load("briancaffey__django-step-by-step__local-vs-ec2", "ec2");
    expect(services(local)).toEqual(expect.arrayContaining(["pgadmin", "redis-commander", "mailhog", "flower", "celery_beat", "migrate", "nuxt"]));
    expect(services(ec2)).toEqual(expect.arrayContaining(["certbot-renew", "nuxt-app"]));
    expect(services(ec2)).not.toContain("celery_beat");
    expect(svc(local, "pgadmin").image).toBe("dpage/pgadmin4:8.3");
    expect(ports(ec2, "postgres")).toEqual(["5432:5432/tcp"]);
    expect(ports(ec2, "nuxt-app")).toEqual(expect.arrayContaining(["8081:3000/tcp", "24678:24678/tcp"]));
    expect(env(local, "backend").NVIDIA_API_KEY).toBe("nvapi-ABC-123");
  });

  it("3.8 gitlab-ecs: dev postgres 5434→5432, list-syntax quotes kept", () => {
    const dev = load("briancaffey__django-postgres-vue-gitlab-ecs__dev-ci-test", "dev");
    const test = load("briancaffey__django-postgres-vue-gitlab-ecs__dev-ci-test", "test");
    expect(svc(dev, "postgres").image).toBe("postgres:11.5");
    expect(ports(dev, "postgres")).toEqual(["5434:5432/tcp"]);
    expect(svc(test, "postgres").image).toBe("postgres");
    expect(env(dev, "backend").SECRET_KEY).toBe("secret-key-for-development");
    expect(env(dev, "backend").DEBUG).toBe("True");
  });

  it("3.9 epilepsy12 2023-08: no db in prod, .env not uploaded so values are unknown", () => {
    const dev = load("rcpch__epilepsy12__2023-08-dev-vs-prod", "dev");
    const prod = load("rcpch__epilepsy12__2023-08-dev-vs-prod", "prod");
    expect(svc(dev, "db").image).toBe("postgis/postgis:15-3.3");
    expect(services(prod)).toEqual(["celery", "celery-beat", "redis", "web"]);
    expect(svc(prod, "web").image).toBe("e12continerregistry01.azurecr.io/epilepsy12:latest");
    expect(prod.issues).toContainEqual(expect.objectContaining({ code: "ENV_FILE_NOT_UPLOADED", severity: "warning" }));
    expect(prod.envSources.web?.["*"]).toMatchObject({ kind: "unknown" });
    expect(svc(prod, "web").links).toEqual(expect.arrayContaining(["redis"]));
    expect(env(dev, "web").E12_SECRET_KEY).toBe("mysecretkey");
  });

  it("3.10 epilepsy12 2023-10: caddy only on the VPS, renamed services, env file template feeds local", () => {
    const local = load("rcpch__epilepsy12__2023-10-localdev-vs-devvps", "local");
    const vps = load("rcpch__epilepsy12__2023-10-localdev-vs-devvps", "dev-vps");
    expect(services(vps)).toEqual(expect.arrayContaining(["caddy", "django", "celeryworker", "celerybeat"]));
    expect(services(local)).toEqual(expect.arrayContaining(["web", "celery", "celery-beat"]));
    expect(svc(vps, "caddy").image).toBe("caddy");
    expect(ports(local, "web")).toEqual(["8000:8000/tcp"]);
    expect(svc(vps, "django").restart).toBe("always");
    expect(env(local, "web").POSTCODE_API_BASE_URL).toBe("https://findthatpostcode.uk/postcodes");
    expect(local.graph.nodes.some((n) => n.kind === "external" && n.host === "findthatpostcode.uk")).toBe(true);
  });

  it("3.11 epilepsy12 head: one env file merged into every service by a YAML merge key", () => {
    const any = load("rcpch__epilepsy12__head-single-compose-env-template", "any");
    expect(services(any)).toEqual(["caddy", "django", "mkdocs", "postgis"]);
    for (const name of services(any)) expect(svc(any, name).env_file).toEqual([{ path: "envs/.env", required: true }]);
    expect(svc(any, "django").command).toEqual(["s/start-dev"]);
    expect((svc(any, "django").volumes ?? []).map((v) => `${v.source}:${v.target}`)).toEqual([".:/app"]);
    expect(ports(any, "mkdocs")).toEqual(["8001:8001/tcp"]);
    expect(svc(any, "postgis").image).toBe("postgis/postgis:15-3.3");
    expect(any.envSources.django?.DEBUG).toMatchObject({ kind: "env_file", file: "envs/.env" });
  });

  it("3.12 netbox: pinned vs latest image, all-interfaces vs loopback port", () => {
    const prod = load("netbox-community__netbox-docker__prod-vs-test", "prod");
    const test = load("netbox-community__netbox-docker__prod-vs-test", "test");
    expect(svc(prod, "netbox").image).toBe("docker.io/netboxcommunity/netbox:v4.1-3.0.2");
    expect(svc(test, "netbox").image).toBe("docker.io/netboxcommunity/netbox:latest");
    expect(ports(prod, "netbox")).toEqual(["8000:8080/tcp"]);
    expect(ports(test, "netbox")).toEqual(["127.0.0.1:8000:8080/tcp"]);
    expect(env(prod, "netbox").SECRET_KEY).toBe("r(m)9nLGnz$(_q3N4z1k(EFsMCjjjzx08x9VhNVcfd%6RF#r!6DE@+V5Zk2X");
    expect(prod.envSources.netbox?.DB_PASSWORD).toMatchObject({ kind: "env_file", file: "env/netbox.env" });
    expect(svc(prod, "netbox-worker").depends_on?.netbox?.condition).toBe("service_healthy");
  });

  it("3.13 mattermost: everything interpolated from env.example", () => {
    const a = load("mattermost__docker__nginx-vs-without-nginx", "with-nginx");
    const b = load("mattermost__docker__nginx-vs-without-nginx", "without-nginx");
    expect(svc(a, "nginx").image).toBe("nginx:alpine");
    expect(ports(a, "nginx")).toEqual(expect.arrayContaining(["443:443/tcp", "80:80/tcp"]));
    expect(ports(b, "mattermost")).toEqual(expect.arrayContaining(["8065:8065/tcp", "8443:8443/udp", "8443:8443/tcp"]));
    expect(svc(a, "postgres").image).toBe("postgres:13-alpine");
    expect(svc(a, "mattermost").image).toBe("mattermost/mattermost-enterprise-edition:10.5.2");
    expect(svc(a, "mattermost").read_only).toBe(false);
    expect(env(a, "postgres").POSTGRES_PASSWORD).toBe("mmuser_password");
    expect(a.interpolations["services.postgres.image"]).toEqual([{ name: "POSTGRES_IMAGE_TAG", file: ".env", line: expect.any(Number) }]);
  });

  it("3.14 sentry: profiles from the manifest pick the services", () => {
    const errorsOnly = load("getsentry__self-hosted__profiles-errors-only-vs-feature-complete", "errors-only");
    const full = load("getsentry__self-hosted__profiles-errors-only-vs-feature-complete", "feature-complete");
    expect(errorsOnly.activeProfiles).toEqual(["errors-only"]);
    expect(errorsOnly.inactiveServices).toEqual(expect.arrayContaining(["snuba-transactions-consumer", "transactions-consumer", "process-spans"]));
    expect(services(full)).toContain("snuba-transactions-consumer");
    expect(full.inactiveServices).toEqual([]);
    expect(ports(full, "nginx")).toEqual(["9000:80/tcp"]);
    expect(svc(full, "snuba-api").image).toBe("ghcr.io/getsentry/snuba:nightly");
  });

  it("3.15 nickjj: COMPOSE_PROFILES from .env selects services; whole port spec interpolated", () => {
    const dev = load("nickjj__docker-django-example__env-driven-profiles", "dev");
    expect(dev.activeProfiles).toEqual(["postgres", "redis", "assets", "web", "worker"]);
    expect(services(dev)).toEqual(["css", "js", "postgres", "redis", "web", "worker"]);
    expect(ports(dev, "web")).toEqual(["8000:8000/tcp"]);
    expect(dev.variables.SECRET_KEY?.value).toBe("insecure_key_for_dev");
    expect(svc(dev, "web").depends_on?.postgres).toMatchObject({ condition: "service_started", required: false });
  });

  it("3.16 awesome-compose: debug ports, healthy dependency, .env interpolation", () => {
    const rem = load("docker__awesome-compose__react-express-mysql", "only");
    expect(svc(rem, "db").image).toBe("mariadb:10.6.4-focal");
    expect(ports(rem, "backend")).toEqual(expect.arrayContaining(["9229:9229/tcp", "9230:9230/tcp"]));
    const ngp = load("docker__awesome-compose__nginx-golang-postgres", "only");
    expect(svc(ngp, "backend").depends_on?.db?.condition).toBe("service_healthy");
    const pga = load("docker__awesome-compose__postgresql-pgadmin", "only");
    expect(svc(pga, "postgres").image).toBe("postgres:latest");
    expect(ports(pga, "postgres")).toEqual(["5432:5432/tcp"]);
    expect(pga.variables.POSTGRES_PW).toMatchObject({ value: "changeit", file: ".env" });
  });

  it("3.4 cookiecutter: the Heroku Procfile environment is refused as an unrendered template", () => {
    const heroku = load("cookiecutter__cookiecutter-django__template-local-production", "heroku");
    expect(errors(heroku).map((i) => i.code)).toEqual(["TEMPLATE_NOT_RENDERED"]);
    expect(errors(heroku)[0]).toMatchObject({ file: "Procfile", line: 2 });
  });
});
