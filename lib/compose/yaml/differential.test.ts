/**
 * The fast path against the reference, on every YAML text we have: whenever `readYamlFast`
 * accepts a text, its value, full location table and tag markers equal what the reference
 * (`parseYamlDocumentsReference`: eemeli `yaml` + the walk) builds, and the reference reports no
 * issue; and `parseYamlDocuments` (fast path + fallback) always returns what the reference
 * returns. The fast path must keep accepting the corpus and the benchmark files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { syntheticEnvironment } from "@/scripts/bench-engine";
import { DEFAULT_YAML_LIMITS, parseYamlDocuments, parseYamlDocumentsReference } from "../parse-yaml";
import { readYamlFast } from "./read-yaml-fast";
import { snapshot } from "./snapshot";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURES = join(ROOT, "test/fixtures");

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

interface Input {
  name: string;
  content: string;
}

const fixtureInputs: Input[] = yamlFiles(FIXTURES).map((path) => ({
  name: relative(FIXTURES, path),
  content: readFileSync(path, "utf8"),
}));

/** The compose files of the compose-go vectors (loader, merge, normalize). */
const vectorInputs: Input[] = ["loader", "merge", "normalize"].flatMap((set) => {
  const vectors = JSON.parse(readFileSync(join(FIXTURES, `conformance/compose-go/${set}.json`), "utf8")) as {
    name: string;
    files?: string[];
  }[];
  return vectors.flatMap((v) => (v.files ?? []).map((content, i) => ({ name: `${set}:${v.name}:${i}`, content })));
});

const benchInputs: Input[] = syntheticEnvironment(300)
  .files.filter((f) => f.name.endsWith(".yaml"))
  .map((f) => ({ name: `bench:${f.name}`, content: f.content }));

type Outcome = { accepted: true } | { accepted: false; reason: string };

/** Checks one text; returns whether the fast path accepted it. */
function check(input: Input): Outcome {
  const file = input.name;
  const content = input.content;
  const reference = parseYamlDocumentsReference({ content, file });
  const text = content.startsWith("\uFEFF") ? content.slice(1) : content;
  const fast = readYamlFast({ text, file, limits: DEFAULT_YAML_LIMITS });
  if (fast.kind === "parsed") {
    // the reference reads it without error (a template marker only gets a warning, and
    // parseYamlDocuments leaves such files to the reference)
    expect(reference.issues.filter((i) => i.code !== "TEMPLATE_NOT_RENDERED"), file).toEqual([]);
    expect(reference.value.length, file).toBe(1);
    expect(snapshot(fast.value), file).toEqual(snapshot(reference.value[0]));
    // and parseYamlDocuments returns it (or, for a file with a template marker, the reference's result)
    const combined = parseYamlDocuments({ content, file });
    expect(combined.issues, file).toEqual(reference.issues);
    expect(combined.value.map(snapshot), file).toEqual(reference.value.map(snapshot));
  } else {
    // a decline is a decision, never a crash; parseYamlDocuments then is the reference
    expect(fast.reason, file).not.toMatch(/^internal/);
  }
  return fast.kind === "parsed" ? { accepted: true } : { accepted: false, reason: fast.reason };
}

/** A small deterministic PRNG (mulberry32), so that mutations are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  ": ", ":", "- ", "-", "#", " #", "'", '"', "''", '\\"', "\\", "[", "]", "{", "}", ",", "&a ", "*a", "*b", "&b ",
  "!reset ", "!override ", "!custom ", "| ", "|-", ">", ">-", "|+", "|2", "? ", "<<: *a", "<<: [*a, *b]", " ", "  ",
  "\t", "---", "...", "%YAML 1.2", "~", "null", "yes", "0755", "0o17", "0x1F", "1_000", "1e3", "-.inf", ".nan",
  "2024-01-01", "{{ x }}", "\\x41", "\\u00e9", "é", "key", "k: v", "[a, b]", "{a: 1}", "\r",
];

/** A random line edit of `content`. */
function mutate(content: string, rand: () => number): string {
  const lines = content.split("\n");
  const pick = (n: number) => Math.floor(rand() * n);
  const at = pick(lines.length);
  const line = lines[at] ?? "";
  switch (pick(8)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, line);
      break;
    case 2:
      if (at + 1 < lines.length) [lines[at], lines[at + 1]] = [lines[at + 1] as string, line];
      break;
    case 3:
      lines[at] = " ".repeat(1 + pick(3)) + line;
      break;
    case 4:
      lines[at] = line.replace(/^ {1,3}/, "");
      break;
    case 5: {
      const p = pick(line.length + 1);
      lines[at] = line.slice(0, p) + (SNIPPETS[pick(SNIPPETS.length)] as string) + line.slice(p);
      break;
    }
    case 6: {
      const p = pick(line.length + 1);
      lines[at] = line.slice(0, p) + line.slice(p + 1 + pick(3));
      break;
    }
    default:
      lines.splice(at + 1, 0, " ".repeat(pick(4) * 2) + (SNIPPETS[pick(SNIPPETS.length)] as string) + (rand() < 0.5 ? " x" : ""));
  }
  return lines.join("\n");
}

describe("readYamlFast against the reference", () => {
  it("reads the corpus files exactly as the reference does, and declines only the listed ones", () => {
    const declined: Record<string, string> = {};
    for (const input of fixtureInputs) {
      const outcome = check(input);
      if (!outcome.accepted) declined[input.name] = outcome.reason;
    }
    // multi-line plain scalar, duplicate `services:`, two unrendered cookiecutter templates
    expect(declined).toEqual({
      "corpus/briancaffey__django-postgres-vue-gitlab-ecs__dev-ci-test/docker-compose.ci.yml": "duplicate key",
      "corpus/briancaffey__django-step-by-step__local-vs-ec2/docker-compose.ec2.yml": "unexpected indentation",
      "corpus/cookiecutter__cookiecutter-django__template-local-production/docker-compose.local.yml": expect.any(String),
      "corpus/cookiecutter__cookiecutter-django__template-local-production/docker-compose.production.yml": expect.any(String),
    });
    expect(fixtureInputs.length - Object.keys(declined).length).toBeGreaterThanOrEqual(34);
  }, 60_000);

  it("reads the compose-go vectors' files exactly as the reference does", () => {
    let accepted = 0;
    for (const input of vectorInputs) if (check(input).accepted) accepted++;
    expect(vectorInputs.length).toBeGreaterThan(150);
    expect(accepted).toBeGreaterThanOrEqual(vectorInputs.length - 10);
  }, 60_000);

  it("never differs from the reference on flow collections spread over lines", () => {
    const rand = prng(4242);
    let accepted = 0;
    for (let n = 0; n < 400; n++) {
      const indent = rand() < 0.5 ? "" : "  ";
      const flow = wrappedFlow(rand, 0);
      const shapes = [
        `${indent}a: ${flow}\n${indent}b: 1\n`,
        `s:\n${indent}- ${flow}\n${indent}- z\n`,
        `s:\n${indent}- k: ${flow}\n${indent}  j: 2\n`,
        `a: &y ${flow} # t\nb: *y\n`,
      ];
      let content = `x: &x v\n${shapes[Math.floor(rand() * shapes.length)] as string}`;
      if (rand() < 0.3) content = mutate(content, rand);
      if (rand() < 0.3) content = content.replaceAll("\n", "\r\n");
      if (check({ name: `flow~${n}`, content }).accepted) accepted++;
    }
    expect(accepted).toBeGreaterThan(100);
  }, 60_000);

  it("reads the fixtures written with CRLF line breaks exactly as the reference does, declining the same ones", () => {
    for (const input of [...fixtureInputs, ...vectorInputs]) {
      const text = input.content.startsWith("\uFEFF") ? input.content.slice(1) : input.content;
      const lf = readYamlFast({ text, file: input.name, limits: DEFAULT_YAML_LIMITS }).kind;
      const crlf = { name: `${input.name}@crlf`, content: input.content.replaceAll("\n", "\r\n") };
      expect(check(crlf).accepted, crlf.name).toBe(lf === "parsed");
    }
  }, 60_000);

  it("reads the benchmark's files (300 services) exactly as the reference does", () => {
    for (const input of benchInputs) expect(check(input)).toEqual({ accepted: true });
  }, 60_000);

  it("never differs from the reference on randomly edited fixtures", () => {
    const rand = prng(20261123);
    const sources = [...fixtureInputs, ...vectorInputs.filter((_, i) => i % 4 === 0)];
    let accepted = 0;
    let runs = 0;
    for (let n = 0; n < 600; n++) {
      const source = sources[Math.floor(rand() * sources.length)] as Input;
      let content = source.content;
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) content = mutate(content, rand);
      runs++;
      if (check({ name: `${source.name}~${n}`, content }).accepted) accepted++;
    }
    // the edits keep many files readable: the comparison is not vacuous
    expect(accepted).toBeGreaterThan(runs / 5);
  }, 120_000);
});

/** A flow collection written over lines at random places, with comments and trailing commas. */
function wrappedFlow(rand: () => number, depth: number): string {
  const pick = (n: number) => Math.floor(rand() * n);
  const scalars = ["a", "b c", "'q'", '"d"', "1", "*x", "0755", "x:y", "-p", "~", "a#b", "[]", "{}"];
  const gap = () => {
    if (rand() < 0.5) return rand() < 0.5 ? "" : " ";
    const indent = " ".repeat(pick(7));
    return `${rand() < 0.2 ? " # c" : ""}\n${rand() < 0.15 ? `${indent}# note\n` : ""}${rand() < 0.1 ? "\n" : ""}${indent}`;
  };
  const isSeq = rand() < 0.6;
  const n = pick(4);
  let out = isSeq ? "[" : "{";
  for (let i = 0; i < n; i++) {
    const value = depth < 2 && rand() < 0.25 ? wrappedFlow(rand, depth + 1) : (scalars[pick(scalars.length)] as string);
    out += gap() + (isSeq ? value : `${["k", "l", "'m'", "n"][i]}: ${value}`) + (i < n - 1 || rand() < 0.3 ? "," : "");
  }
  return `${out}${gap()}${isSeq ? "]" : "}"}`;
}

const KEYS = ["services", "web", "db", "image", "ports", "environment", "x-base", "a", "b", "com.example.label", "PATH", "on", "yes"];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }));
const scalar = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.constantFrom("8000:8000", "0755", "0o17", "0x1F", "1_000", "1e3", "-.inf", ".nan", "yes", "on", "~", "null", "2024-01-01", "a: b", "#x", "- x", "'q'", '"dq"', "é ü", "${VAR:-x}"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(key, tie("node"), { maxKeys: 5 })),
})).node;
const styles = fc.record({
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  flowLevel: fc.constantFrom(-1, 1, 2),
  defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED") as fc.Arbitrary<
    "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED"
  >,
  lineWidth: fc.constantFrom(0, 20, 80),
});

describe("readYamlFast on generated documents", () => {
  it("reads what yaml.stringify writes exactly as the reference does", () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 }), styles, (doc, style) => {
        const content = stringify(doc, { ...style, flowLevel: style.flowLevel < 0 ? undefined : style.flowLevel } as never);
        runs++;
        if (check({ name: "generated.yml", content }).accepted) accepted++;
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(runs / 3);
  }, 60_000);

  it("reads generated compose files with anchors, aliases and merge keys exactly as the reference does", () => {
    const service = fc.record({
      image: fc.constantFrom("nginx", "postgres:16", "'redis:7'", '"app:${TAG:-latest}"'),
      ports: fc.array(fc.constantFrom('"80:80"', "8000:8000", "'443:443'", "9000"), { maxLength: 3 }),
      env: fc.dictionary(fc.constantFrom("A", "B", "DEBUG", "URL"), fc.constantFrom("1", "yes", "''", "http://x:1/", '"a b"', "~"), { maxKeys: 3 }),
      merge: fc.constantFrom("", "*base", "[*base, *more]", "*more"),
      command: fc.constantFrom("", '["serve", "--port", "8000"]', "|\n      run\n      this", ">-\n      a\n      b", "!reset", "!override [x]"),
    });
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(service, { minLength: 1, maxLength: 4 }), fc.boolean(), (services, docStart) => {
        const lines = docStart ? ["---"] : [];
        lines.push("x-base: &base", "  restart: always", "  init: true", "x-more: &more {restart: 'no', tty: true}", "services:");
        services.forEach((s, i) => {
          lines.push(`  svc-${i}:`);
          if (s.merge) lines.push(`    <<: ${s.merge}`);
          lines.push(`    image: ${s.image}`);
          if (s.ports.length) lines.push("    ports:", ...s.ports.map((p) => `      - ${p}`));
          if (Object.keys(s.env).length) lines.push("    environment:", ...Object.entries(s.env).map(([k, v]) => `      ${k}: ${v}`));
          if (s.command) lines.push(`    command: ${s.command}`);
        });
        if (check({ name: "generated-compose.yml", content: `${lines.join("\n")}\n` }).accepted) accepted++;
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(150);
  }, 60_000);
});
