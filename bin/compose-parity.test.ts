/**
 * The launcher as a user runs it (`npx compose-parity …`): a real process, with the CLI's
 * Node flags (bin/node-flags.mjs), from another working directory.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_NODE_FLAGS } from "./node-flags.mjs";

const LAUNCHER = join(import.meta.dirname, "compose-parity.mjs");
const DJANGO = join(import.meta.dirname, "..", "test", "fixtures", "corpus", "testdrivenio__django-on-docker__devprod");

describe("bin/compose-parity.mjs", () => {
  it("runs `diff` from any folder and exits as --fail-on says", () => {
    const args = ["diff", "--env", `dev=${DJANGO}/docker-compose.yml,${DJANGO}/.env.dev-sample@.env.dev`, "--env", `prod=${DJANGO}/docker-compose.prod.yml,${DJANGO}/.env.prod-sample@.env.prod,${DJANGO}/.env.prod.db-sample@.env.prod.db`, "--format", "json"];
    const run = spawnSync(process.execPath, [LAUNCHER, ...args, "--fail-on", "critical"], { cwd: tmpdir(), encoding: "utf8", env: { PATH: process.env.PATH ?? "", FINGERPRINT_KEY: "k".repeat(40) } as unknown as NodeJS.ProcessEnv });
    // the loader's warnings (obsolete `version`…) go to stderr, nothing else
    for (const line of run.stderr.trim().split("\n")) expect(line).toMatch(/: warning: /);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { environments: { name: string; role: string }[]; findings: { rule: string }[] };
    expect(result.environments.map((e) => [e.name, e.role])).toEqual([["dev", "development"], ["prod", "production"]]);
    expect(result.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["hardcoded-secret", "secret-reused", "dev-pattern-in-prod"]));

    const strict = spawnSync(process.execPath, [LAUNCHER, ...args, "--fail-on", "info"], { cwd: tmpdir(), encoding: "utf8", env: { PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv });
    expect(strict.status).toBe(1);
  }, 60_000);

  it("passes the CLI's Node flags, which this Node accepts", () => {
    expect(CLI_NODE_FLAGS.length).toBeGreaterThan(0);
    const run = spawnSync(process.execPath, [...CLI_NODE_FLAGS, "-e", "process.stdout.write(JSON.stringify(process.execArgv))"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expect.arrayContaining([...CLI_NODE_FLAGS]));
  });
});
