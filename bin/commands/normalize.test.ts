import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { parseNormalizeArgs, runNormalize } from "./normalize";
import { runCli, nodeIo, type CliIo } from "../cli";

function memoryIo(files: Record<string, string>): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    cwd: "/project",
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    readFile(p: string) {
      const key = p.replace(/^\.\//, "");
      const hit = files[key];
      if (hit === undefined) throw new Error(`ENOENT: ${p}`);
      return hit;
    },
    exists(p: string) {
      return p.replace(/^\.\//, "") in files;
    },
  };
  return io;
}

const compose = "services:\n  web:\n    image: app:${TAG:-dev}\n    env_file: ./web.env\n    ports: ['8000:8000']\n  debug:\n    image: dbg\n    profiles: [debug]\n";

describe("parseNormalizeArgs", () => {
  it("reads repeated -f, --env-file, --profile and --format", () => {
    expect(parseNormalizeArgs(["-f", "a.yml", "--file=b.yml", "--env-file", ".env", "--profile", "x,y", "--format", "yaml"]).value).toEqual({
      files: ["a.yml", "b.yml"],
      envFiles: [".env"],
      profiles: ["x", "y"],
      format: "yaml",
      help: false,
    });
    expect(parseNormalizeArgs(["--format", "xml"]).error).toMatch(/json or yaml/);
    expect(parseNormalizeArgs(["--bogus"]).error).toMatch(/unknown option/);
  });
});

describe("runNormalize", () => {
  it("prints the canonical model as JSON, with env_file values resolved from disk", async () => {
    const io = memoryIo({ "compose.yml": compose, "web.env": "SECRET=s\n", ".env": "TAG=1.2\n" });
    expect(await runNormalize(["-f", "compose.yml"], io)).toBe(0);
    const model = JSON.parse(io.out);
    expect(model.name).toBe("project");
    expect(model.services.web.image).toBe("app:1.2");
    expect(model.services.web.environment).toEqual({ SECRET: "s" });
    expect(model.services.web.ports[0]).toMatchObject({ target: 8000, published: "8000", protocol: "tcp" });
    expect(model.services.debug).toBeUndefined();
  });

  it("activates profiles and prints YAML on request", async () => {
    const io = memoryIo({ "compose.yml": compose, "web.env": "" });
    expect(await runNormalize(["-f", "compose.yml", "--profile", "debug", "--format", "yaml"], io)).toBe(0);
    expect(Object.keys(parse(io.out).services).sort()).toEqual(["debug", "web"]);
  });

  it("uses only the explicit --env-file for interpolation", async () => {
    const io = memoryIo({ "compose.yml": compose, "web.env": "", ".env": "TAG=dotenv\n", "prod.env": "TAG=prod\n" });
    expect(await runNormalize(["-f", "compose.yml", "--env-file", "prod.env"], io)).toBe(0);
    expect(JSON.parse(io.out).services.web.image).toBe("app:prod");
  });

  it("prints errors as file:line:col and exits 2", async () => {
    const io = memoryIo({ "compose.yml": "services:\n  web:\n    image: a\n    image: b\n" });
    expect(await runNormalize(["-f", "compose.yml"], io)).toBe(2);
    expect(io.err).toMatch(/^compose\.yml:4:5: error: .*DUPLICATE_KEY/m);
    expect(io.out).toBe("");
  });

  it("exits 2 with a message when a file cannot be read or no compose file is found", async () => {
    const io = memoryIo({});
    expect(await runNormalize(["-f", "missing.yml"], io)).toBe(2);
    expect(io.err).toMatch(/cannot read missing\.yml/);
    const io2 = memoryIo({});
    expect(await runNormalize([], io2)).toBe(2);
    expect(io2.err).toMatch(/no compose file/);
  });

  it("finds compose.yaml and its override in the current folder when no -f is given", async () => {
    const io = memoryIo({ "compose.yaml": "services:\n  a:\n    image: x\n", "compose.override.yaml": "services:\n  a:\n    restart: always\n" });
    expect(await runNormalize([], io)).toBe(0);
    expect(JSON.parse(io.out).services.a).toMatchObject({ image: "x", restart: "always" });
  });
});

describe("runCli", () => {
  it("prints help", async () => {
    const io = memoryIo({});
    expect(await runCli(["--help"], io)).toBe(0);
    expect(io.out).toMatch(/compose-parity normalize -f FILE/);
  });

  it("rejects an unknown command", async () => {
    const io = memoryIo({});
    expect(await runCli(["frobnicate"], io)).toBe(2);
    expect(io.err).toMatch(/unknown command/);
  });

  it("dispatches diff to bin/commands/diff.ts or says it is not available", async () => {
    const io = memoryIo({});
    const code = await runCli(["diff", "--help"], io);
    if (io.err.includes("not available")) expect(code).toBe(2);
    else expect(io.out + io.err).not.toBe("");
  });
});

describe("bin/compose-parity.mjs", () => {
  it("runs normalize from another working directory through the installed tsx", () => {
    const dir = mkdtempSync(join(tmpdir(), "compose-parity-"));
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "app", "docker-compose.yml"), "services:\n  web:\n    image: nginx:${TAG}\n");
    writeFileSync(join(dir, "app", ".env"), "TAG=1.27\n");
    const launcher = fileURLToPath(new URL("../compose-parity.mjs", import.meta.url));
    const ok = spawnSync(process.execPath, [launcher, "normalize", "-f", "app/docker-compose.yml"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ name: "app", services: { web: { image: "nginx:1.27" } } });
    const help = spawnSync(process.execPath, [launcher, "--help"], { cwd: tmpdir(), encoding: "utf8", timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage:/);
  }, 60_000);

  it("gives nodeIo paths relative to its working directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "compose-parity-io-"));
    writeFileSync(join(dir, "x.txt"), "hi");
    const io = nodeIo(dir);
    expect(io.exists("x.txt")).toBe(true);
    expect(io.readFile("x.txt")).toBe("hi");
  });
});
