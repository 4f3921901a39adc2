/**
 * The env files of the real-world corpus (test/fixtures/corpus/manifest.json): each is
 * recognised by name and parses without error, except the Jinja templates of cookiecutter-django,
 * which must be rendered first.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isEnvFileName } from "./detect-env-file-name";
import { envEntriesToMap, parseEnvFile } from "./parse-env-file";

type ManifestFile = string | { file: string; as?: string };
interface Manifest {
  sets: Record<string, { environments: Record<string, { files: ManifestFile[]; expect?: string }> }>;
}

const corpus = new URL("../../test/fixtures/corpus/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", corpus), "utf8")) as Manifest;

interface CorpusFile {
  set: string;
  stored: string;
  /** the path the compose files refer to it by */
  path: string;
  jinja: boolean;
}

const files = new Map<string, CorpusFile>();
for (const [set, { environments }] of Object.entries(manifest.sets)) {
  for (const env of Object.values(environments)) {
    for (const f of env.files) {
      const stored = typeof f === "string" ? f : f.file;
      const path = (typeof f === "string" ? undefined : f.as) ?? stored.replace(/__/g, "/");
      files.set(`${set}/${stored}`, { set, stored, path, jinja: /Jinja/i.test(env.expect ?? "") });
    }
  }
}

const read = (f: CorpusFile) => readFileSync(fileURLToPath(new URL(`${f.set}/${f.stored}`, corpus)), "utf8");
const isComposeOrProcfile = (path: string) => /\.ya?ml(\.example)?$|(^|\/)Procfile$/.test(path);
const envFiles = [...files.values()].filter((f) => !isComposeOrProcfile(f.path));

describe("corpus env files", () => {
  it("has env files to check", () => {
    expect(envFiles.length).toBeGreaterThanOrEqual(15);
  });

  it.each([...files.values()].map((f) => [`${f.set}/${f.path}`, f] as const))("classifies %s by its name", (_, f) => {
    expect(isEnvFileName(f.path)).toBe(!isComposeOrProcfile(f.path));
  });

  for (const f of envFiles) {
    it(`${f.jinja ? "reports the Jinja statement lines of" : "parses"} ${f.set}/${f.path}`, () => {
      const content = read(f);
      const { value, issues } = parseEnvFile({ content, file: f.path });
      const errors = issues.filter((i) => i.severity === "error");
      expect(value.length).toBeGreaterThan(0);
      if (f.jinja) {
        // `{% if ... %}` lines are not env syntax; everything else parses
        const statementLines = content
          .split("\n")
          .flatMap((line, i) => (line.trimStart().startsWith("{%") ? [i + 1] : []));
        expect(errors.map((e) => e.line)).toEqual(statementLines);
        expect(errors.every((e) => e.code === "ENV_SYNTAX" && e.message.includes('unexpected character "{"'))).toBe(true);
      } else {
        expect(errors).toEqual([]);
      }
    });
  }

  it("reads the values the reviewer notes quote", () => {
    const load = (key: string) => {
      const f = files.get(key);
      if (!f) throw new Error(`no corpus file ${key}`);
      return envEntriesToMap(parseEnvFile({ content: read(f), file: f.path }).value);
    };
    const dev = load("testdrivenio__django-on-docker__devprod/.env.dev-sample");
    expect(dev).toMatchObject({ DEBUG: "1", SECRET_KEY: "foo", DJANGO_ALLOWED_HOSTS: "localhost 127.0.0.1 [::1]" });
    const prod = load("testdrivenio__django-on-docker__devprod/.env.prod-sample");
    expect(prod).toMatchObject({ DEBUG: "0", SECRET_KEY: "change_me" });
    const fastapi = load("fastapi__full-stack-fastapi-template__override-vs-deploy/.env");
    expect(fastapi).toMatchObject({
      PROJECT_NAME: "Full Stack FastAPI Project",
      SECRET_KEY: "changethis",
      DATABASE_URL: "postgresql://postgres:changethis@localhost:5432/app",
    });
  });
});
