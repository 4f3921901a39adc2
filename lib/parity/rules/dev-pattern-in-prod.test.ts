import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment, port } from "../testing/make-environment";
import { devPatternInProdRule } from "./dev-pattern-in-prod";

const bind = (source: string, target: string) => ({ type: "bind" as const, source, target });

describe("dev-pattern-in-prod", () => {
  it("reports a source bind mount, runserver, DEBUG=1 and a debugger port in production", () => {
    const prod = makeEnvironment({
      name: "prod",
      services: {
        web: {
          build: { context: "." },
          command: ["python", "manage.py", "runserver", "0.0.0.0:8000"],
          volumes: [bind(".", "/app")],
          environment: { DEBUG: "1", DJANGO_SETTINGS_MODULE: "backend.settings.development" },
          ports: [port(5678, "5678")],
        },
      },
    });
    const keys = devPatternInProdRule.check(makeContext([prod])).map((f) => `${f.key}:${f.severity}`);
    expect(keys.sort()).toEqual(["command:high", "env:DEBUG:high", "env:DJANGO_SETTINGS_MODULE:high", "ports:5678:high", "volumes:/app:high"]);
  });

  it("reports the same patterns one notch lower in staging", () => {
    const staging = makeEnvironment({ name: "staging", services: { web: { image: "app:1", command: ["fastapi", "dev", "--host", "0.0.0.0"] } } });
    expect(devPatternInProdRule.check(makeContext([staging]))[0]).toMatchObject({ key: "command", severity: "medium" });
  });

  it("ignores development environments", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "app:1", command: ["flask", "run"], environment: { DEBUG: "true" }, volumes: [bind(".", "/app")] } } });
    expect(devPatternInProdRule.check(makeContext([dev]))).toEqual([]);
  });

  it("ignores config and certificate mounts, gunicorn and DEBUG=0 in production", () => {
    const prod = makeEnvironment({
      name: "prod",
      services: {
        netbox: { image: "netbox:v4", volumes: [bind("./configuration", "/etc/netbox/config")], environment: { DEBUG: "0" } },
        web: { build: { context: "." }, command: ["gunicorn", "app.wsgi", "--bind", "0.0.0.0:8000"], volumes: [{ type: "volume", source: "static", target: "/app/static" }] },
        traefik: { image: "traefik:v2", volumes: [bind("./certs", "/certificates")] },
      },
    });
    expect(devPatternInProdRule.check(makeContext([prod]))).toEqual([]);
  });

  it("reports ALLOWED_HOSTS that only allow localhost in production", () => {
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a:1", environment: { DJANGO_ALLOWED_HOSTS: "localhost 127.0.0.1 [::1]" } } } });
    expect(devPatternInProdRule.check(makeContext([prod]))[0]).toMatchObject({ key: "env:DJANGO_ALLOWED_HOSTS", severity: "medium" });
  });

  it("reports demo-data seeding and a database URL without TLS in production", () => {
    const prod = makeEnvironment({
      name: "prod",
      services: {
        django: { build: { context: "." }, command: ["sh", "-c", "python manage.py seed --mode=cases --cases 200 && gunicorn app.wsgi"] },
        mattermost: { image: "mm:10", environment: { MM_SQLSETTINGS_DATASOURCE: "postgres://mm:pw-123456@postgres:5432/mm?sslmode=disable&connect_timeout=10" } },
      },
    });
    const keys = devPatternInProdRule.check(makeContext([prod])).map((f) => f.key);
    expect(keys).toContain("command:seed");
    expect(keys).toContain("env:MM_SQLSETTINGS_DATASOURCE:tls");
  });
});
