import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hasErrors } from "./issues";
import { decodeUtf8, DEFAULT_YAML_LIMITS, parseYaml, parseYamlDocuments } from "./parse-yaml";
import { collectLocations, getLoc, getSelfLoc } from "./source-map";
import { OverrideTag, ResetTag } from "./tags";

const corpus = (set: string, file: string) =>
  readFileSync(fileURLToPath(new URL(`../../test/fixtures/corpus/${set}/${file}`, import.meta.url)), "utf8");

const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

describe("parseYaml", () => {
  it("builds plain values with the YAML 1.2 core schema (yes/on stay strings)", () => {
    const r = parseYaml({
      content: "services:\n  web:\n    image: nginx\n    tty: yes\n    init: true\n    scale: 2\n    x: ~\n    stdin_open: on\n",
      file: "compose.yml",
    });
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      services: { web: { image: "nginx", tty: "yes", init: true, scale: 2, x: null, stdin_open: "on" } },
    });
  });

  it("records where each key and each list item is written", () => {
    const r = parseYaml({ content: "services:\n  web:\n    ports:\n      - 80:80\n      - '443:443'\n", file: "a.yml" });
    const root = r.value as { services: { web: { ports: string[] } } };
    expect(getLoc(root, "services")).toEqual({ file: "a.yml", line: 1, col: 1 });
    expect(getLoc(root.services, "web")).toEqual({ file: "a.yml", line: 2, col: 3 });
    expect(getLoc(root.services.web.ports, 1)).toEqual({ file: "a.yml", line: 5, col: 9 });
    expect(getSelfLoc(root.services.web)).toEqual({ file: "a.yml", line: 3, col: 5 });
    expect(collectLocations(root).get("services.web.ports[0]")).toEqual({ file: "a.yml", line: 4, col: 9 });
  });

  it("reports a duplicate key at the second key, naming the line of the first", () => {
    const r = parseYaml({ content: "services:\n  foo:\n    command: hello\n    command: !reset hello world\n", file: "c.yml" });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: "DUPLICATE_KEY",
      severity: "error",
      line: 4,
      col: 5,
      message: 'mapping key "command" already defined at line 3',
    });
  });

  it("refuses the corpus file that writes `services:` twice", () => {
    const r = parseYaml({
      content: corpus("briancaffey__django-postgres-vue-gitlab-ecs__dev-ci-test", "docker-compose.ci.yml"),
      file: "docker-compose.ci.yml",
    });
    const dup = r.issues.find((i) => i.code === "DUPLICATE_KEY");
    expect(dup).toMatchObject({ line: 5, message: 'mapping key "services" already defined at line 3' });
  });

  it("turns !reset into a ResetTag and !override into an OverrideTag holding its value", () => {
    const r = parseYaml({ content: "a: !reset\nb: !reset []\nc: !override\n  - 8080:80\n", file: "o.yml" });
    expect(r.issues).toEqual([]);
    const v = r.value as Record<string, unknown>;
    expect(v.a).toBeInstanceOf(ResetTag);
    expect(v.b).toBeInstanceOf(ResetTag);
    expect(v.c).toEqual(new OverrideTag(["8080:80"]));
  });

  it("warns about an unknown tag and keeps the value as written", () => {
    const r = parseYaml({ content: "image: !custom nginx\n", file: "t.yml" });
    expect(r.value).toEqual({ image: "nginx" });
    expect(r.issues).toMatchObject([{ code: "UNKNOWN_TAG", severity: "warning", line: 1, col: 16, path: "image" }]);
    const std = parseYaml({ content: "a: !!str 1\nb: !!python/object x\n", file: "t.yml" });
    expect(std.value).toEqual({ a: "1", b: "x" });
    expect(std.issues).toMatchObject([{ code: "UNKNOWN_TAG", line: 2 }]);
  });

  it("reads anchors, aliases and merge keys; explicit keys win, earlier merge sources win", () => {
    const r = parseYaml({
      content: [
        "x-a: &a {image: a, restart: always, tty: true}",
        "x-b: &b {image: b, init: true, tty: false}",
        "services:",
        "  web:",
        "    image: mine",
        "    <<: [*a, *b]",
        "  copy: *a",
      ].join("\n"),
      file: "m.yml",
    });
    expect(r.issues).toEqual([]);
    const services = (r.value as { services: Record<string, Record<string, unknown>> }).services;
    expect(services.web).toEqual({ image: "mine", restart: "always", tty: true, init: true });
    expect(services.copy).toEqual({ image: "a", restart: "always", tty: true });
    // merged keys point where they were written (the anchor), explicit ones where they are
    expect(getLoc(services.web, "restart")).toMatchObject({ line: 1 });
    expect(getLoc(services.web, "image")).toMatchObject({ line: 5 });
    // each alias builds its own copy
    expect(services.copy).not.toBe((r.value as Record<string, unknown>)["x-a"]);
  });

  it("keeps an anchor defined inside a merge key usable (wemake template)", () => {
    const r = parseYaml({
      content: corpus("wemake-services__wemake-django-template__override-vs-prod", "docker-compose.yml"),
      file: "docker-compose.yml",
    });
    expect(hasErrors(r.issues)).toBe(false);
    const web = (r.value as { services: Record<string, Record<string, unknown>> }).services.web;
    expect(web?.command).toBe("python -We -bb manage.py runserver 0.0.0.0:8000");
    expect(web?.build).toMatchObject({ target: "development_build", args: { DJANGO_ENV: "development" } });
  });

  it("refuses a merge key whose value is not a mapping", () => {
    const r = parseYaml({ content: 'x-s: &s "not-a-map"\nservices:\n  s1:\n    <<: *s\n', file: "s.yml" });
    expect(r.issues).toMatchObject([
      { code: "YAML_SYNTAX", message: "map merge requires map or sequence of maps as the value", line: 4 },
    ]);
  });

  it("refuses an alias to its own ancestor instead of recursing forever", () => {
    const r = parseYaml({ content: "x-healthcheck: &healthcheck\n  egress-service:\n    <<: *healthcheck\n", file: "h.yml" });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toBe(
      "cycle detected: node at path x-healthcheck.egress-service.egress-service references node at path x-healthcheck.egress-service",
    );
  });

  it("refuses an alias to an unknown anchor", () => {
    const r = parseYaml({ content: "a: *nope\n", file: "u.yml" });
    expect(r.issues).toMatchObject([{ code: "YAML_SYNTAX", message: "unknown anchor 'nope' referenced" }]);
  });

  it("refuses a billion-laughs document fast", () => {
    const lines = ["x-a: &a {k: v}"];
    const names = "abcdefghi";
    for (let i = 1; i < names.length; i++) {
      const prev = names[i - 1];
      lines.push(`x-${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    lines.push("services:\n  svc:\n    image: alpine");
    const t0 = Date.now();
    const r = parseYaml({ content: lines.join("\n"), file: "bomb.yml" });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: "RESOURCE_EXHAUSTION", severity: "error" });
    expect(r.issues[0]?.message).toContain("excessive aliasing");
  });

  it("refuses a merge-key bomb fast", () => {
    const lines = ["x-0: &m0 {a0: 1, b0: 2, c0: 3}"];
    for (let i = 1; i < 30; i++) lines.push(`x-${i}: &m${i}\n  <<: [*m${i - 1}, *m${i - 1}]\n  k${i}: [*m${i - 1}, *m${i - 1}]`);
    const t0 = Date.now();
    const r = parseYaml({ content: lines.join("\n"), file: "merge-bomb.yml" });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(codes(r)).toEqual(["RESOURCE_EXHAUSTION"]);
  });

  it("refuses 10,000 nested flow sequences without a stack overflow", () => {
    const r = parseYaml({ content: "[".repeat(10_000) + "]".repeat(10_000), file: "deep.yml" });
    expect(codes(r)).toEqual(["RESOURCE_EXHAUSTION"]);
    expect(r.value).toBeUndefined();
  });

  it("refuses nesting deeper than maxDepth", () => {
    const content = "a: ".concat("[".repeat(150), "]".repeat(150));
    const r = parseYaml({ content, file: "deep.yml" });
    expect(r.issues).toMatchObject([{ code: "RESOURCE_EXHAUSTION", line: 1 }]);
    expect(r.issues[0]?.message).toContain(`${DEFAULT_YAML_LIMITS.maxDepth} levels`);
  });

  it("refuses more values than maxNodes", () => {
    const r = parseYaml({ content: `a: [${Array(50).fill("1").join(", ")}]`, file: "n.yml", limits: { maxNodes: 20 } });
    expect(codes(r)).toEqual(["RESOURCE_EXHAUSTION"]);
  });

  it("reads a mapping with 40,000 keys in seconds (duplicate keys found in linear time)", () => {
    const content = Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join("\n") + "\nk7: again\n";
    const t0 = Date.now();
    const r = parseYaml({ content, file: "wide.yml" });
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(r.issues).toMatchObject([{ code: "DUPLICATE_KEY", line: 40_001, message: 'mapping key "k7" already defined at line 8' }]);
  });

  it("refuses a file larger than maxBytes", () => {
    const r = parseYaml({ content: "a: é\n", file: "big.yml", limits: { maxBytes: 5 } });
    expect(r.issues).toMatchObject([{ code: "FILE_TOO_LARGE", file: "big.yml" }]);
  });

  it("reports a syntax error on one line with its position", () => {
    const r = parseYaml({ content: "services:\n  web:\n    image: a\n   ports: []\n", file: "bad.yml" });
    expect(r.issues[0]).toMatchObject({ code: "YAML_SYNTAX", severity: "error", file: "bad.yml", line: 4 });
    expect(r.issues[0]?.message).not.toContain("\n");
    expect(r.value).toBeUndefined();
  });

  it("reads an empty file as an empty mapping, with an info issue", () => {
    const r = parseYaml({ content: "# nothing here\n", file: "empty.yml" });
    expect(r.value).toEqual({});
    expect(r.issues).toMatchObject([{ code: "EMPTY_FILE", severity: "info" }]);
  });

  it("merges several documents in order, like docker compose", () => {
    const r = parseYaml({
      content: "name: multi\nservices:\n  test:\n    image: nginx:latest\n---\nservices:\n  test:\n    image: nginx:override\n",
      file: "multi.yml",
    });
    expect(r.value).toEqual({ name: "multi", services: { test: { image: "nginx:override" } } });
    expect(codes(r)).toEqual(["MULTIPLE_DOCUMENTS"]);
    expect(parseYamlDocuments({ content: "a: 1\n---\nb: 2\n---\n", file: "m.yml" }).value).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("reports non-string keys like compose does, keeping them as text", () => {
    const r = parseYaml({ content: "services:\n  dict-env:\n    environment:\n      1: FOO\n", file: "k.yml" });
    expect(r.issues).toMatchObject([{ code: "NON_STRING_KEY", severity: "error", line: 4, col: 7 }]);
    expect(r.issues[0]?.message).toContain("non-string key in services.dict-env.environment: 1");
    expect(r.value).toEqual({ services: { "dict-env": { environment: { "1": "FOO" } } } });
  });

  it("keeps a `__proto__` key as data", () => {
    const r = parseYaml({ content: "labels:\n  __proto__: x\n", file: "p.yml" });
    const labels = (r.value as { labels: Record<string, unknown> }).labels;
    expect(Object.keys(labels)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });

  it("refuses an unrendered cookiecutter template that does not parse", () => {
    const r = parseYaml({
      content: corpus("cookiecutter__cookiecutter-django__template-local-production", "docker-compose.local.yml"),
      file: "docker-compose.local.yml",
    });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: "TEMPLATE_NOT_RENDERED", severity: "error", line: 2, col: 3 });
    expect(r.issues[0]?.message).toContain("render the template (e.g. cookiecutter) first");
    expect(r.issues[0]?.message).toContain("{{ cookiecutter.project_slug }}");
  });

  it("loads a template whose markers sit inside strings, with a warning", () => {
    const set = "wemake-services__wemake-django-template__override-vs-prod";
    for (const file of ["docker-compose.yml", "docker__docker-compose.prod.yml"]) {
      const r = parseYaml({ content: corpus(set, file), file });
      expect(hasErrors(r.issues)).toBe(false);
      expect(r.issues.filter((i) => i.code === "TEMPLATE_NOT_RENDERED")).toMatchObject([{ severity: "warning" }]);
    }
  });

  it("does not take GitHub's ${{ }} for a template marker", () => {
    const r = parseYaml({ content: "x-ci: ${{ github.sha }}\n", file: "g.yml" });
    expect(r.issues).toEqual([]);
  });
});

describe("decodeUtf8", () => {
  it("decodes UTF-8 and drops a BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a: é\n")]);
    expect(decodeUtf8(bytes, "a.yml")).toEqual({ value: "a: é\n", issues: [] });
  });

  it("refuses invalid UTF-8 at the first bad byte", () => {
    const bytes = new Uint8Array([0x61, 0x3a, 0x0a, 0x62, 0x3a, 0x20, 0xe9, 0x0a]); // Latin-1 é on line 2
    const r = decodeUtf8(bytes, "latin1.yml");
    expect(r.value).toBeUndefined();
    expect(r.issues).toMatchObject([{ code: "NOT_UTF8", file: "latin1.yml", line: 2, col: 4 }]);
    expect(r.issues[0]?.message).toContain("0xe9");
  });

  it("refuses binary content", () => {
    const r = decodeUtf8(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), "logo.png");
    expect(codes(r)).toEqual(["BINARY_FILE"]);
  });

  it("refuses a file larger than maxBytes", () => {
    expect(codes(decodeUtf8(new Uint8Array(10), "x", { maxBytes: 4 }))).toEqual(["FILE_TOO_LARGE"]);
  });
});

describe("parseYaml on arbitrary input", () => {
  it("never throws and always returns issues as data", async () => {
    const fc = await import("fast-check");
    const yamlish = fc.stringMatching(/^[ \n\-:[\]{}&*!<>|#'"a-z0-9,.?%@`]{0,80}$/);
    fc.assert(
      fc.property(yamlish, (content) => {
        const r = parseYaml({ content, file: "fuzz.yml" });
        expect(Array.isArray(r.issues)).toBe(true);
        for (const i of r.issues) expect(typeof i.message).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
});

describe("goPlainNumber (numbers as compose's go-yaml reads them)", () => {
  it("reads a leading zero as octal and drops underscores, like go-yaml", () => {
    const r = parseYaml({
      content: "mode: 0440\nbig: 1_000\nbin: 0b101\nhex: 0x1F\noct: 0o17\neight: 08\nneg: -0x10\nexp: 1e3\nplus: +5\nport: 8000:8000\nver: 1.10\nquoted: '0440'\n",
      file: "n.yml",
    });
    expect(r.value).toEqual({
      mode: 288,
      big: 1000,
      bin: 5,
      hex: 31,
      oct: 15,
      eight: 8,
      neg: -16,
      exp: 1000,
      plus: 5,
      port: "8000:8000",
      ver: 1.1,
      quoted: "0440",
    });
  });
});

describe("findTemplateMarker", () => {
  it("finds the first marker of any kind, skipping GitHub's ${{ }}", async () => {
    const { findTemplateMarker } = await import("./parse-yaml");
    expect(findTemplateMarker("a: ${{ x }}\nb: {{ y }}\n")).toEqual({ index: 15, text: "{{ y }}" });
    expect(findTemplateMarker("a: 1\n{% if x %}\n{{ y }}\n")).toEqual({ index: 5, text: "{% if x %}" });
    expect(findTemplateMarker("a: {{ unclosed\nb: }}\n")).toBeUndefined();
    expect(findTemplateMarker("a: {# note #}")).toEqual({ index: 3, text: "{# note #}" });
  });

  it("scans a long line full of openers in linear time", async () => {
    const { findTemplateMarker } = await import("./parse-yaml");
    const t0 = Date.now();
    expect(findTemplateMarker("{{".repeat(500_000) + "{%".repeat(300_000))).toBeUndefined();
    expect(findTemplateMarker("${{".repeat(300_000) + "}}")).toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
