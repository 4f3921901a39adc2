import { describe, expect, it } from "vitest";
import { goValue, mergeDocuments, mergeServices } from "./merge";
import { parseYaml } from "./parse-yaml";
import { collectLocations, getLoc } from "./source-map";

const doc = (content: string, file: string) => ({ value: parseYaml({ content, file }).value, file });
const merge = (...files: string[]) => mergeDocuments({ documents: files.map((c, i) => doc(c, `f${i}.yml`)) });

describe("mergeDocuments", () => {
  it("merges mappings recursively and replaces scalars", () => {
    const r = merge(
      "services:\n  web:\n    image: a\n    restart: always\n",
      "services:\n  web:\n    image: b\n  db:\n    image: postgres\n",
    );
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      services: { web: { image: "b", restart: "always" }, db: { image: "postgres" } },
    });
  });

  it("points overridden keys at the override file and untouched keys at the base file", () => {
    const r = merge(
      "services:\n  web:\n    image: a\n    restart: always\n    ports:\n      - 80:80\n",
      "services:\n  web:\n    image: b\n    ports:\n      - 443:443\n",
    );
    const locs = collectLocations(r.value).toRecord();
    expect(locs["services.web.image"]).toEqual({ file: "f1.yml", line: 3, col: 5 });
    expect(locs["services.web.restart"]).toEqual({ file: "f0.yml", line: 4, col: 5 });
    expect(locs["services.web.ports[0]"]).toMatchObject({ file: "f0.yml", line: 6 });
    expect(locs["services.web.ports[1]"]).toMatchObject({ file: "f1.yml", line: 5 });
  });

  it("replaces command and entrypoint instead of appending", () => {
    const r = merge(
      "services:\n  web:\n    command: [python, manage.py, runserver]\n    entrypoint: [a]\n    healthcheck:\n      test: [CMD, a]\n      interval: 5s\n",
      "services:\n  web:\n    command: gunicorn app\n    healthcheck:\n      test: [CMD, b]\n",
    );
    expect(r.value).toEqual({
      services: { web: { command: "gunicorn app", entrypoint: ["a"], healthcheck: { test: ["CMD", "b"], interval: "5s" } } },
    });
  });

  it("merges environment written as a mapping on one side and a list on the other, by key", () => {
    const r = merge(
      "services:\n  web:\n    environment:\n      DEBUG: 1\n      KEEP: x\n",
      "services:\n  web:\n    environment:\n      - DEBUG=0\n      - NEW\n",
    );
    expect(r.value).toEqual({ services: { web: { environment: ["DEBUG=0", "KEEP=x", "NEW"] } } });
    const env = (r.value as { services: { web: { environment: string[] } } }).services.web.environment;
    expect(getLoc(env, 0)).toMatchObject({ file: "f1.yml", line: 4 });
    expect(getLoc(env, 1)).toMatchObject({ file: "f0.yml", line: 5 });
  });

  it("keeps one port binding per host IP, published port and target", () => {
    const r = merge(
      "services:\n  web:\n    ports:\n      - 127.0.0.1:8000:8000\n      - 9000:9000\n",
      "services:\n  web:\n    ports:\n      - 0.0.0.0:8000:8000\n      - 9000:9000\n",
    );
    expect(r.value).toEqual({ services: { web: { ports: ["127.0.0.1:8000:8000", "9000:9000", "0.0.0.0:8000:8000"] } } });
  });

  it("removes an attribute marked !reset and replaces one marked !override", () => {
    const r = merge(
      "services:\n  web:\n    image: a\n    ports: ['80:80']\n    build: .\n    environment:\n      FOO: bar\n      KEEP: x\n",
      "services:\n  web:\n    ports: !override ['8080:80']\n    build: !reset\n    environment:\n      FOO: !reset\n",
    );
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ services: { web: { image: "a", ports: ["8080:80"], environment: ["KEEP=x"] } } });
  });

  it("drops !reset markers from a document merged onto nothing", () => {
    const r = merge("services:\n  web:\n    image: a\n    ports: !reset []\n    labels: !override {a: b}\n");
    expect(r.value).toEqual({ services: { web: { image: "a", labels: { a: "b" } } } });
  });

  it("turns short depends_on and networks into mappings before merging", () => {
    const r = merge(
      "services:\n  web:\n    depends_on: [db]\n    networks: [front]\n",
      "services:\n  web:\n    depends_on:\n      cache:\n        condition: service_healthy\n    networks:\n      back:\n        aliases: [x]\n",
    );
    expect(r.value).toEqual({
      services: {
        web: {
          depends_on: {
            db: { condition: "service_started", required: true },
            cache: { condition: "service_healthy" },
          },
          networks: { front: null, back: { aliases: ["x"] } },
        },
      },
    });
  });

  it("merges `build: ./dir` with a build mapping", () => {
    const r = merge("services:\n  web:\n    build: ./app\n", "services:\n  web:\n    build:\n      dockerfile: Dockerfile.prod\n");
    expect(r.value).toEqual({ services: { web: { build: { context: "./app", dockerfile: "Dockerfile.prod" } } } });
    const build = (r.value as { services: { web: { build: object } } }).services.web.build;
    expect(getLoc(build, "context")).toMatchObject({ file: "f0.yml", line: 3 });
  });

  it("appends models runtime_flags (no special rule, as in compose-go and the spec)", () => {
    const r = merge("models:\n  llm:\n    runtime_flags: [--gpu]\n", "models:\n  llm:\n    runtime_flags: [--fp16]\n");
    expect(r.value).toEqual({ models: { llm: { runtime_flags: ["--gpu", "--fp16"] } } });
  });

  it("replaces logging when the driver changes and merges options when it does not", () => {
    const base = "services:\n  web:\n    logging:\n      driver: json-file\n      options: {max-size: 10m}\n";
    expect(merge(base, "services:\n  web:\n    logging:\n      driver: syslog\n").value).toEqual({
      services: { web: { logging: { driver: "syslog" } } },
    });
    expect(merge(base, "services:\n  web:\n    logging:\n      options: {max-file: '3'}\n").value).toEqual({
      services: { web: { logging: { driver: "json-file", options: { "max-size": "10m", "max-file": "3" } } } },
    });
  });

  it("keeps the base value when the override sets an attribute to null", () => {
    expect(merge("services:\n  web:\n    image: a\n", "services:\n  web:\n    image:\n").value).toEqual({
      services: { web: { image: "a" } },
    });
  });

  it("reports a mapping overridden by a list and keeps the override", () => {
    const r = merge("services:\n  web:\n    deploy: {replicas: 2}\n", "services:\n  web:\n    deploy: [x]\n");
    expect(r.issues).toMatchObject([{ code: "INVALID_VALUE", file: "f1.yml", line: 3, path: "services.web.deploy" }]);
    expect(r.value).toEqual({ services: { web: { deploy: ["x"] } } });
  });

  it("refuses a document that is not a mapping", () => {
    const r = mergeDocuments({ documents: [{ value: ["a"], file: "list.yml" }] });
    expect(r.issues).toMatchObject([{ code: "INVALID_VALUE", message: "top-level object must be a mapping", file: "list.yml" }]);
    expect(r.value).toEqual({});
  });

  it("does not modify its inputs", () => {
    const a = doc("services:\n  web:\n    environment: {A: '1'}\n    ports: ['80:80']\n", "a.yml");
    const b = doc("services:\n  web:\n    environment: [B=2]\n    ports: ['80:80']\n", "b.yml");
    const before = JSON.stringify([a.value, b.value]);
    mergeDocuments({ documents: [a, b] });
    expect(JSON.stringify([a.value, b.value])).toBe(before);
  });

  it("skips the unicity pass when asked to", () => {
    const files = ["services:\n  web:\n    ports: ['80:80']\n", "services:\n  web:\n    ports: ['80:80']\n"];
    const docs = files.map((c, i) => doc(c, `${i}.yml`));
    expect(mergeDocuments({ documents: docs, unicity: false }).value).toEqual({ services: { web: { ports: ["80:80", "80:80"] } } });
    expect(mergeDocuments({ documents: docs }).value).toEqual({ services: { web: { ports: ["80:80"] } } });
  });
});

describe("mergeServices", () => {
  it("merges a service onto its base with the override rules, honouring !override", () => {
    const base = parseYaml({
      content: "image: nginx\ndepends_on: [one]\nports: ['8090:80']\nenvironment: {A: '1'}\n",
      file: "base.yml",
    }).value as Record<string, unknown>;
    const over = parseYaml({ content: "depends_on: !override [two]\nenvironment: [B=2]\n", file: "x.yml" }).value as Record<
      string,
      unknown
    >;
    expect(mergeServices(base, over)).toEqual({
      image: "nginx",
      depends_on: ["two"],
      ports: ["8090:80"],
      environment: ["A=1", "B=2"],
    });
  });
});

describe("goValue", () => {
  it("prints scalars the way Go's %v does", () => {
    expect(goValue(3)).toBe("3");
    expect(goValue(1.5)).toBe("1.5");
    expect(goValue(1234567.5)).toBe("1.2345675e+06");
    expect(goValue(0.00001)).toBe("1e-05");
    expect(goValue(true)).toBe("true");
    expect(goValue("x")).toBe("x");
  });
});

describe("mergeDocuments on arbitrary documents", () => {
  it("never throws, whatever shapes the documents hold", async () => {
    const fc = await import("fast-check");
    const key = fc.constantFrom("services", "web", "environment", "ports", "build", "depends_on", "networks", "logging", "ipam", "config", "labels", "x");
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.array(tie("tree"), { maxLength: 3 }),
        fc.dictionary(key, tie("tree"), { maxKeys: 3 }),
      ),
    }));
    const document = fc.record({ services: fc.dictionary(fc.constantFrom("web", "db"), fc.dictionary(key, tree, { maxKeys: 4 })) });
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 3 }), (docs) => {
        const r = mergeDocuments({ documents: docs.map((value, i) => ({ value, file: `${i}.yml` })) });
        expect(typeof r.value).toBe("object");
      }),
      { numRuns: 300 },
    );
  });
});

describe("merge cost", () => {
  it("merges 50,000 extra_hosts on each side in linear time", () => {
    const hosts = (from: number) => Array.from({ length: 50_000 }, (_, i) => `h${from + i}=10.0.0.1`);
    const t0 = Date.now();
    const r = mergeDocuments({
      documents: [
        { value: { services: { web: { extra_hosts: hosts(0) } } }, file: "a.yml" },
        { value: { services: { web: { extra_hosts: hosts(25_000) } } }, file: "b.yml" },
      ],
    });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect((r.value.services as { web: { extra_hosts: string[] } }).web.extra_hosts).toHaveLength(75_000);
  });

  it("refuses to compare thousands of IPAM configs pairwise", () => {
    const configs = Array.from({ length: 200 }, (_, i) => ({ subnet: `10.${i}.0.0/16` }));
    const r = mergeDocuments({
      documents: [
        { value: { networks: { n: { ipam: { config: configs } } } }, file: "a.yml" },
        { value: { networks: { n: { ipam: { config: configs } } } }, file: "b.yml" },
      ],
    });
    expect(r.issues.map((i) => i.code)).toEqual(["RESOURCE_EXHAUSTION"]);
  });

  it("merges IPAM configs by subnet", () => {
    const r = merge(
      "networks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.0.0.0/16\n          gateway: 10.0.0.1\n",
      "networks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.0.0.0/16\n          ip_range: 10.0.5.0/24\n        - subnet: 10.1.0.0/16\n",
    );
    expect(r.value).toEqual({
      networks: {
        n: {
          ipam: {
            config: [{ subnet: "10.0.0.0/16", gateway: "10.0.0.1", ip_range: "10.0.5.0/24" }, { subnet: "10.1.0.0/16" }],
          },
        },
      },
    });
  });
});

describe("merge depth", () => {
  it("stops at absurd nesting instead of overflowing the stack", () => {
    const deep = (n: number, leaf: unknown): Record<string, unknown> => {
      let v: unknown = leaf;
      for (let i = 0; i < n; i++) v = { a: v };
      return v as Record<string, unknown>;
    };
    const r = mergeDocuments({ documents: [{ value: deep(20_000, 1), file: "a.yml" }, { value: deep(20_000, 2), file: "b.yml" }] });
    expect(r.issues.map((i) => i.code)).toContain("RESOURCE_EXHAUSTION");
  });
});
