import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDiffArgs, parseEnvArg, runDiff } from "./diff";

const CORPUS = join(process.cwd(), "test/fixtures/corpus");

function memoryIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (s: string) => void out.push(s),
      stderr: (s: string) => void err.push(s),
      readFile: (path: string) => {
        if (path in files) return files[path] as string;
        if (path.startsWith("corpus/")) return readFileSync(join(CORPUS, path.slice("corpus/".length)), "utf8");
        throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      },
      env: { FINGERPRINT_KEY: "test-key" },
    },
  };
}

const DJANGO = "corpus/testdrivenio__django-on-docker__devprod";
const djangoArgs = [
  "--env",
  `dev=${DJANGO}/docker-compose.yml,${DJANGO}/.env.dev-sample@.env.dev`,
  "--env",
  `prod=${DJANGO}/docker-compose.prod.yml,${DJANGO}/.env.prod-sample@.env.prod,${DJANGO}/.env.prod.db-sample@.env.prod.db`,
];

describe("parseEnvArg", () => {
  it("reads name, role and files with their compose paths", () => {
    expect(parseEnvArg("prod:production=a.yml,.env.prod-sample@.env.prod").value).toEqual({
      name: "prod",
      role: "production",
      files: [{ path: "a.yml" }, { path: ".env.prod-sample", as: ".env.prod" }],
    });
    expect(parseEnvArg("prod:live=a.yml").error).toContain('unknown role "live"');
    expect(parseEnvArg("a.yml").error).toBeDefined();
  });

  it("rejects unknown options and bad severities", () => {
    expect(parseDiffArgs(["--env", "a=x.yml", "--fail-on", "urgent"]).error).toContain("--fail-on");
    expect(parseDiffArgs(["--bogus"]).error).toContain("unknown option");
    expect(parseDiffArgs([]).error).toContain("--env");
  });
});

describe("runDiff", () => {
  it("prints a JSON result and exits 1 when findings reach the default threshold (high)", async () => {
    const m = memoryIo();
    const code = await runDiff(djangoArgs, m.io);
    expect(code).toBe(1);
    const result = JSON.parse(m.out.join(""));
    expect(result.version).toBe("1.0");
    expect(result.environments.map((e: { name: string; role: string }) => `${e.name}:${e.role}`)).toEqual(["dev:development", "prod:production"]);
    expect(result.findings.some((f: { rule: string; service: string }) => f.rule === "service-missing" && f.service === "nginx")).toBe(true);
    const all = m.out.join("") + m.err.join("");
    expect(all).not.toContain("hello_django");
  });

  it("exits 0 when nothing is at or above --fail-on", async () => {
    const m = memoryIo();
    expect(await runDiff([...djangoArgs, "--fail-on", "critical"], m.io)).toBe(0);
  });

  it("renders Markdown and SARIF", async () => {
    const md = memoryIo();
    await runDiff([...djangoArgs, "--format", "markdown"], md.io);
    expect(md.out.join("")).toContain("**Parity score:");
    const sarif = memoryIo();
    await runDiff([...djangoArgs, "--format", "sarif"], sarif.io);
    const log = JSON.parse(sarif.out.join(""));
    expect(log.version).toBe("2.1.0");
    const uris = log.runs[0].results.flatMap((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      r.locations.map((l) => l.physicalLocation.artifactLocation.uri),
    );
    expect(uris).toContain("corpus/testdrivenio__django-on-docker__devprod/docker-compose.prod.yml");
    expect(uris).toContain("corpus/testdrivenio__django-on-docker__devprod/.env.prod-sample");
  });

  it("exits 2 and prints file:line:col for a file that does not parse", async () => {
    const m = memoryIo({ "bad/compose.yml": "services:\n  web:\n    image: nginx\nservices:\n  db: {}\n" });
    const code = await runDiff(["--env", "dev=bad/compose.yml", "--env", `prod=${DJANGO}/docker-compose.prod.yml`], m.io);
    expect(code).toBe(2);
    expect(m.err.join("")).toMatch(/bad\/compose\.yml:4:1: error: /);
    expect(m.out.join("")).toBe("");
  });

  it("exits 2 when a file cannot be read", async () => {
    const m = memoryIo();
    expect(await runDiff(["--env", "dev=missing.yml"], m.io)).toBe(2);
    expect(m.err.join("")).toContain("missing.yml: error: cannot read file");
  });

  it("activates profiles per environment", async () => {
    const S = "corpus/getsentry__self-hosted__profiles-errors-only-vs-feature-complete";
    const m = memoryIo();
    await runDiff(
      ["--env", `errors-only:staging=${S}/docker-compose.yml,${S}/.env`, "--env", `feature-complete:production=${S}/docker-compose.yml,${S}/.env`, "--profile", "errors-only:errors-only", "--profile", "feature-complete:feature-complete"],
      m.io,
    );
    const result = JSON.parse(m.out.join(""));
    expect(result.environments.map((e: { activeProfiles: string[] }) => e.activeProfiles)).toEqual([["errors-only"], ["feature-complete"]]);
    expect(result.findings.some((f: { rule: string; service: string }) => f.rule === "service-missing" && f.service === "snuba-transactions-consumer")).toBe(true);
    expect(m.out.join("") + m.err.join("")).not.toContain("supersecret");
    expect(parseDiffArgs(["--env", "a=x.yml", "--profile", "b:p"]).error).toContain("no --env named b");
  });

  it("uses a random fingerprint key per run when FINGERPRINT_KEY is unset", async () => {
    const prints = async (env: Record<string, string | undefined>) => {
      const m = memoryIo();
      await runDiff(djangoArgs, { ...m.io, env });
      const result = JSON.parse(m.out.join(""));
      return result.findings.find((f: { rule: string }) => f.rule === "secret-reused").values[0].fingerprint as string;
    };
    expect(await prints({})).not.toBe(await prints({}));
    expect(await prints({ FINGERPRINT_KEY: "k1" })).toBe(await prints({ FINGERPRINT_KEY: "k1" }));
  });

  it("prints help", async () => {
    const m = memoryIo();
    expect(await runDiff(["--help"], m.io)).toBe(0);
    expect(m.out.join("")).toContain("--fail-on");
  });
});
