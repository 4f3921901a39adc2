import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { canonicalize } from "./canonicalize";
import { hasErrors } from "./issues";
import { interpolateTree } from "./interpolate";
import { parseYaml } from "./parse-yaml";
import { getLoc, locAt } from "./source-map";
import { validateSchema } from "./validate-schema";
import { envEntriesToMap, parseEnvFile } from "@/lib/env/parse-env-file";

const load = (content: string, file = "compose.yml") => {
  const parsed = parseYaml({ content, file });
  expect(parsed.issues.filter((i) => i.severity === "error")).toEqual([]);
  return parsed.value;
};

describe("canonicalize", () => {
  it("turns every short form of a service into its long form", () => {
    const raw = load(`
name: demo
services:
  web:
    build: ./app
    command: gunicorn app:app --bind 0.0.0.0:8000
    environment:
      - DEBUG=1
      - SECRET_KEY
    ports:
      - "8000:8000"
    expose: [8001]
    volumes:
      - ./app/:/usr/src/app/
      - static:/static:ro
    depends_on: [db]
    networks: [front]
    env_file: .env.dev
    labels: ["traefik.enable=true"]
    secrets: [db_pass]
    dns: 8.8.8.8
    extends: base
    tty: yes
    healthcheck:
      test: curl -f http://localhost:8000
  db:
    image: postgres:15
    restart: unless-stopped
networks:
  front:
    external:
      name: shared_front
volumes:
  static: {}
`);
    const r = canonicalize({ project: raw, file: "compose.yml" });
    expect(r.issues.map((i) => i.code)).toEqual(["YAML11_BOOLEAN", "OBSOLETE_ATTRIBUTE"]);
    expect(r.value.services.web).toEqual({
      build: { context: "./app" },
      command: ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"],
      environment: { DEBUG: "1", SECRET_KEY: null },
      ports: [{ target: 8000, published: "8000", protocol: "tcp", mode: "ingress" }],
      expose: ["8001"],
      volumes: [
        { type: "bind", source: "./app/", target: "/usr/src/app", bind: { create_host_path: true } },
        { type: "volume", source: "static", target: "/static", read_only: true, volume: {} },
      ],
      depends_on: { db: { condition: "service_started", required: true } },
      networks: { front: null },
      env_file: [{ path: ".env.dev", required: true }],
      labels: { "traefik.enable": "true" },
      secrets: [{ source: "db_pass", target: "/run/secrets/db_pass" }],
      dns: ["8.8.8.8"],
      extends: { service: "base" },
      tty: true,
      healthcheck: { test: ["CMD-SHELL", "curl -f http://localhost:8000"] },
    });
    expect(r.value.networks).toEqual({ front: { external: true, name: "shared_front" } });
    expect(r.value.services.db).toEqual({ image: "postgres:15", restart: "unless-stopped" });
  });

  it("reads sizes, durations and CPU counts the way compose prints them", () => {
    const raw = load(`
services:
  web:
    image: app
    mem_limit: 512m
    shm_size: 1gb
    stop_grace_period: 90s
    volumes:
      - type: tmpfs
        target: /tmp
        tmpfs: { size: 64m }
    deploy:
      restart_policy: { delay: 5s, max_attempts: "3" }
      resources:
        limits: { cpus: "0.50", memory: 1G }
        reservations: { memory: "268435456" }
`);
    const r = canonicalize({ project: raw });
    expect(r.issues).toEqual([]);
    const web = r.value.services.web;
    expect(web?.mem_limit).toBe("536870912");
    expect(web?.shm_size).toBe("1073741824");
    expect(web?.stop_grace_period).toBe("1m30s");
    expect(web?.volumes).toEqual([{ type: "tmpfs", target: "/tmp", tmpfs: { size: "67108864" } }]);
    expect(web?.deploy).toEqual({
      restart_policy: { delay: "5s", max_attempts: 3 },
      resources: { limits: { cpus: 0.5, memory: "1073741824" }, reservations: { memory: "268435456" } },
    });
  });

  it("keeps the location of every value it rebuilds", () => {
    const raw = load(
      ["services:", "  web:", "    ports:", '      - "8000:8000"', "    environment:", "      - DEBUG=1", "    volumes:", "      - ./a:/a"].join("\n"),
      "dev.yml",
    );
    const { value } = canonicalize({ project: raw });
    const web = value.services.web;
    expect(getLoc(web?.ports, 0)).toMatchObject({ file: "dev.yml", line: 4 });
    expect(getLoc(web?.environment, "DEBUG")).toMatchObject({ file: "dev.yml", line: 6 });
    expect(getLoc(web?.volumes, 0)).toMatchObject({ file: "dev.yml", line: 8 });
    expect(locAt(value, ["services", "web", "ports"])).toMatchObject({ file: "dev.yml", line: 3 });
  });

  it("does not change its input", () => {
    const raw = { services: { web: { ports: ["80"], environment: ["A=1"] } } };
    const copy = structuredClone(raw);
    canonicalize({ project: raw });
    expect(raw).toEqual(copy);
  });

  it("drops the obsolete version with a warning", () => {
    const r = canonicalize({ project: { version: "3.8", services: {} } });
    expect(r.value).toEqual({ name: "", services: {} });
    expect(r.issues).toMatchObject([{ code: "OBSOLETE_ATTRIBUTE", severity: "warning", path: "version" }]);
  });

  it("reports a word that is not a boolean in a boolean field", () => {
    const r = canonicalize({ project: { services: { web: { privileged: "sometimes" } } } });
    expect(r.issues).toMatchObject([{ code: "INVALID_VALUE", severity: "error", path: "services.web.privileged" }]);
  });

  it("keeps a key named __proto__ as data, not as a prototype", () => {
    const raw = JSON.parse('{"services":{"web":{"environment":["__proto__=x"],"labels":{"__proto__":"y"},"x-extra":{"__proto__":{"polluted":true}}}}}');
    const { value } = canonicalize({ project: raw });
    const web = value.services.web as Record<string, unknown>;
    expect(Object.hasOwn(web.environment as object, "__proto__")).toBe(true);
    expect((web.environment as Record<string, unknown>)["__proto__"]).toBe("x");
    expect(Object.hasOwn(web.labels as object, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(web["x-extra"])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("treats attribute names like toString as plain unknown attributes", () => {
    const r = canonicalize({ project: { services: { web: { toString: false, constructor: 1, hasOwnProperty: "x" } } } });
    expect(r.value.services.web).toEqual({ toString: false, constructor: 1, hasOwnProperty: "x" });
  });

  it("does not crash on a project that is not a mapping", () => {
    expect(canonicalize({ project: [1, 2] }).issues[0]?.code).toBe("INVALID_VALUE");
    expect(canonicalize({ project: null }).value).toEqual({ name: "", services: {} });
  });
});

interface ManifestFile {
  file: string;
  as?: string;
}
interface Manifest {
  sets: Record<string, { environments: Record<string, { files: (string | ManifestFile)[]; expect?: string }> }>;
}

describe("canonicalize over the real-world corpus", () => {
  const corpus = fileURLToPath(new URL("../../test/fixtures/corpus/", import.meta.url));
  const manifest = JSON.parse(readFileSync(join(corpus, "manifest.json"), "utf8")) as Manifest;
  // every compose file of every environment that is meant to load, with that environment's `.env`
  const cases = new Map<string, { set: string; file: string; env: Record<string, string | null> }>();
  for (const [set, { environments }] of Object.entries(manifest.sets)) {
    if (set.startsWith("cookiecutter__")) continue; // an unrendered Jinja template: refused before this phase
    for (const { files, expect: expected } of Object.values(environments)) {
      if (expected?.startsWith("error")) continue;
      const entries = files.map((f) => (typeof f === "string" ? { file: f, as: f } : { file: f.file, as: f.as ?? f.file }));
      const dotEnv = entries.find((e) => e.as === ".env");
      const env = dotEnv
        ? envEntriesToMap(parseEnvFile({ content: readFileSync(join(corpus, set, dotEnv.file), "utf8"), file: dotEnv.as }).value)
        : {};
      for (const e of entries) {
        if (/\.ya?ml$/.test(e.file)) cases.set(`${set}/${e.file}`, { set, file: e.file, env });
      }
    }
  }

  it("finds compose files", () => {
    expect(cases.size).toBeGreaterThan(20);
  });

  for (const [name, { set, file, env }] of cases) {
    it(`${name} parses, validates and canonicalizes without errors`, () => {
      const raw = load(readFileSync(join(corpus, set, file), "utf8"), file);
      const lookup = (k: string) => {
        const v = Object.hasOwn(env, k) ? env[k] : undefined;
        return typeof v === "string" ? { value: v } : undefined;
      };
      const interpolated = interpolateTree({ value: raw, lookup, file });
      const errors = (list: { severity: string }[]) => list.filter((i) => i.severity === "error");
      expect(errors(validateSchema({ value: interpolated.value.value, file }))).toEqual([]);
      const canon = canonicalize({ project: interpolated.value.value, file });
      expect(errors(canon.issues)).toEqual([]);
      expect(hasErrors(canon.issues)).toBe(false);
      expect(Object.keys(canon.value.services).length).toBeGreaterThan(0);
    });
  }
});
