import { describe, expect, it } from "vitest";
import { canonicalize } from "./canonicalize";
import type { ComposeProject } from "./model";
import { normalizeProject } from "./normalize";
import { parseYaml } from "./parse-yaml";
import { getLoc } from "./source-map";

const canonical = (yaml: string, file = "compose.yml") => {
  const parsed = parseYaml({ content: yaml, file });
  return canonicalize({ project: parsed.value, file }).value;
};

describe("normalizeProject", () => {
  it("puts services without networks on the default network and names every resource after the project", () => {
    const project = canonical(`
name: shop
services:
  web: { image: nginx }
  worker: { image: app, network_mode: host }
networks:
  back: {}
  shared: { external: true }
volumes:
  data: {}
  named: { name: keep-me }
secrets:
  token: { file: ./token.txt }
`);
    const { value, issues } = normalizeProject({ project, env: {} });
    expect(issues).toEqual([]);
    expect(value.services.web?.networks).toEqual({ default: null });
    expect(value.services.worker?.networks).toBeUndefined();
    expect(value.networks).toEqual({
      back: { name: "shop_back" },
      shared: { name: "shared", external: true },
      default: { name: "shop_default" },
    });
    expect(value.volumes).toEqual({ data: { name: "shop_data" }, named: { name: "keep-me" } });
    expect(value.secrets).toEqual({ token: { file: "./token.txt", name: "shop_token" } });
  });

  it("does not declare the default network when no service uses it", () => {
    const project = canonical(`
name: p
services:
  web: { image: nginx, networks: [front] }
networks:
  front: {}
`);
    expect(normalizeProject({ project, env: {} }).value.networks).toEqual({ front: { name: "p_front" } });
  });

  it("adds implicit dependencies, keeping explicit ones and pointing at the line that caused them", () => {
    const project = canonical(
      ["name: p", "services:", "  web:", "    image: app", "    links: ['db:database']", "    network_mode: service:vpn", "    depends_on:", "      vpn:", "        condition: service_healthy", "  db: {image: postgres}", "  vpn: {image: vpn}"].join("\n"),
      "dev.yml",
    );
    const web = normalizeProject({ project, env: {} }).value.services.web;
    expect(web?.depends_on).toEqual({
      vpn: { condition: "service_healthy", required: true },
      db: { condition: "service_started", restart: true, required: true },
    });
    expect(getLoc(web?.depends_on, "db")).toMatchObject({ file: "dev.yml", line: 5 });
  });

  it("defaults the Dockerfile and resolves bare build args and environment keys from env", () => {
    const project = canonical(`
name: p
services:
  web:
    build:
      context: ./app
      args: [VERSION, MISSING, FIXED=1]
    environment: [SECRET_KEY, UNKNOWN, DEBUG=0]
  inline:
    build:
      dockerfile_inline: FROM alpine
`);
    const { value } = normalizeProject({ project, env: { VERSION: "1.2", SECRET_KEY: "s3cret" } });
    expect(value.services.web?.build).toEqual({ context: "./app", dockerfile: "Dockerfile", args: { VERSION: "1.2", FIXED: "1" } });
    expect(value.services.web?.environment).toEqual({ SECRET_KEY: "s3cret", UNKNOWN: null, DEBUG: "0" });
    expect(value.services.inline?.build).toEqual({ context: ".", dockerfile_inline: "FROM alpine" });
  });

  it("renames pull_policy if_not_present to missing and cleans volume targets", () => {
    const project = {
      name: "p",
      services: { web: { image: "x", pull_policy: "if_not_present", volumes: [{ type: "volume", source: "v", target: "/data/../data/" }] } },
    } as unknown as ComposeProject;
    const web = normalizeProject({ project, env: {} }).value.services.web;
    expect(web?.pull_policy).toBe("missing");
    expect(web?.volumes).toEqual([{ type: "volume", source: "v", target: "/data" }]);
  });

  it("does not change its input", () => {
    const project = { name: "p", services: { web: { image: "x", environment: { A: null } } } } as unknown as ComposeProject;
    const copy = structuredClone(project);
    normalizeProject({ project, env: { A: "1" } });
    expect(project).toEqual(copy);
  });

  it("copies what it changes and leaves every part of its input as it was", () => {
    const project = canonical(`
name: shop
services:
  web:
    image: app
    pull_policy: if_not_present
    build: { context: ., args: [A, B=2] }
    environment: [A, C=3]
    links: [db]
    depends_on: { cache: { condition: service_healthy } }
    volumes: [{ type: bind, source: ./src, target: /app/./x/.. }]
    pre_start: [{ command: migrate }]
  db: { image: postgres }
  cache: { image: redis }
networks:
  back: {}
volumes:
  data: {}
`);
    const copy = structuredClone(project);
    const { value } = normalizeProject({ project, env: { A: "1" } });
    expect(project).toEqual(copy);
    expect(value.services.web).toMatchObject({
      pull_policy: "missing",
      build: { context: ".", dockerfile: "Dockerfile", args: { A: "1", B: "2" } },
      environment: { A: "1", C: "3" },
      depends_on: { cache: { condition: "service_healthy" }, db: { condition: "service_started", restart: true, required: true } },
      volumes: [{ target: "/app" }],
      pre_start: [{ image: "app" }],
    });
    expect(value.networks).toEqual({ back: { name: "shop_back" }, default: { name: "shop_default" } });
    expect(value.volumes).toEqual({ data: { name: "shop_data" } });
    // copied containers keep their locations
    expect(getLoc(value.services.web?.build, "context")).toEqual(getLoc(project.services.web?.build, "context"));
    expect(getLoc(value.services, "web")).toEqual(getLoc(project.services, "web"));
  });

  it("does not crash on odd shapes", () => {
    const odd = { name: "p", services: { a: null, b: { networks: null, depends_on: "x", links: 3 } }, networks: { n: null } } as unknown as ComposeProject;
    expect(() => normalizeProject({ project: odd, env: {} })).not.toThrow();
    expect(normalizeProject({ project: 5 as unknown as ComposeProject, env: {} }).issues[0]?.code).toBe("INVALID_VALUE");
  });
});
