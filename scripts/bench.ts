/**
 * npm run bench — every speed/memory target in one run, printed and recorded in
 * BENCHMARKS.md (date, machine, numbers):
 *   1. engine: loadEnvironment on a synthetic 300-service, 3-file environment,
 *      and its ratio to bare yaml.parseDocument on the same files (same run)
 *   2. parity: compareEnvironments on 3 environments of that stack, end to end
 *      (scripts/bench-parity.ts, in child processes: with the CLI's Node flags,
 *      bin/node-flags.mjs, as `compose-parity diff` runs, and with Node's defaults)
 *   3. API (needs `npm run build`): autocannon against the built server on loopback,
 *      bounded by request count: POST /api/comparisons (corpus-sized payload) and
 *      GET /c/<id> (from the page cache, and again with PAGE_CACHE_MB=0: rendered by
 *      Next every time), p50/p97.5/p99 and requests/s; peak RSS of the server; first-load
 *      JS (gzip) of the main pages; on PGlite and, with TEST_DATABASE_URL or
 *      BENCH_DATABASE_URL, on PostgreSQL.
 * Options: --runs N (engine/parity, default 30), --creations N (POST, default 2000),
 *          --requests N (GET /c/<id>, default 400),
 *          --no-api, --no-write (print only).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { parseDocument } from "yaml";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { defaultAnalysisWorkers } from "@/lib/config";
import { CLI_NODE_FLAGS } from "../bin/node-flags.mjs";
import { median, syntheticEnvironment, timeRuns } from "./bench-engine";
import type { ParityBench } from "./bench-parity";

const root = path.resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const runs = num("runs", 30);
// creations: the same bounded load run as test/integration/load (2,000 at 20 connections)
const creations = num("creations", 2000);
const requests = num("requests", 400);


const startLoad = os.loadavg();
const rows: { section: string; metric: string; value: string; target: string; ok?: boolean }[] = [];
const record = (section: string, metric: string, value: string, target = "", ok?: boolean) => {
  rows.push({ section, metric, value, target, ok });
  console.log(`${section.padEnd(10)} ${metric.padEnd(48)} ${value.padStart(12)}  ${target}${ok === undefined ? "" : ok ? "  ok" : "  OVER"}`);
};

// 1. engine ---------------------------------------------------------------------------
function benchEngine(): void {
  const input = syntheticEnvironment(300);
  const yamlFiles = input.files.filter((f) => /\.ya?ml$/.test(f.name));
  for (let i = 0; i < 3; i++) loadEnvironment(input);
  const loaded = loadEnvironment(input);
  const errors = loaded.issues.filter((i) => i.severity === "error");
  if (errors.length || Object.keys(loaded.project.services).length !== 300) throw new Error("synthetic environment did not load cleanly");
  // interleave the two measurements so that machine load affects both alike
  const load: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < runs; i++) {
    load.push(...timeRuns(() => loadEnvironment(input), 1));
    parse.push(...timeRuns(() => yamlFiles.forEach((f) => parseDocument(f.content, { merge: true })), 1));
  }
  const l = median(load);
  const p = median(parse);
  record("engine", "loadEnvironment, 300 services / 3 files (median)", `${l.toFixed(1)} ms`, "< 100 ms", l < 100);
  record("engine", "bare yaml.parseDocument, same files (median)", `${p.toFixed(1)} ms`);
  record("engine", "ratio load / bare parse", `${(l / p).toFixed(2)}x`, "<= 3x", l / p <= 3);
}

// 2. parity ---------------------------------------------------------------------------
/** scripts/bench-parity.ts in a child process with these Node flags */
function parityRun(flags: readonly string[], n: number): ParityBench {
  const r = spawnSync(process.execPath, [...flags, "--import", "tsx", path.join(root, "scripts", "bench-parity.ts"), "--runs", String(n)], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`scripts/bench-parity.ts failed (${r.status}): ${r.stderr}`);
  return JSON.parse(line) as ParityBench;
}
function benchParitySection(): void {
  // two rounds per configuration, alternating, so that machine load affects both alike
  const n = Math.max(10, Math.round(runs / 2));
  const cli: ParityBench[] = [];
  const plain: ParityBench[] = [];
  for (let round = 0; round < 2; round++) {
    cli.push(parityRun(CLI_NODE_FLAGS, n));
    plain.push(parityRun([], n));
  }
  const all = (xs: ParityBench[], k: "compareRuns" | "endToEndRuns") => median(xs.flatMap((x) => x[k]));
  const c = all(cli, "compareRuns");
  const e = all(cli, "endToEndRuns");
  const ePlain = all(plain, "endToEndRuns");
  const flags = CLI_NODE_FLAGS.join(" ");
  record("parity", `compare 3 loaded envs x 300 services (median; ${cli[0]?.findings} findings)`, `${c.toFixed(1)} ms`);
  record("parity", `load 3 envs + compare, end to end (median), as the CLI runs (${flags})`, `${e.toFixed(1)} ms`, "< 150 ms", e < 150);
  record("parity", "load 3 envs + compare, end to end (median), Node's default heap", `${ePlain.toFixed(1)} ms`);
}

// 3. API ------------------------------------------------------------------------------
interface Server {
  url: string;
  proc: ChildProcess;
  peakRssKb: () => number;
  stop: () => Promise<void>;
}
async function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, [path.join(root, "dist", "server.mjs")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", FINGERPRINT_KEY: "b".repeat(40), RATE_LIMIT_CREATE_PER_MINUTE: "0", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  // LOG_LEVEL=warn hides the "listening" line: find the port from /proc instead of logs
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    const port = listeningPort(proc.pid ?? 0);
    if (port) {
      const url = `http://127.0.0.1:${port}`;
      const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
      if (ok) {
        let peak = 0;
        const sample = setInterval(() => (peak = Math.max(peak, rssKb(proc.pid ?? 0))), 100);
        return {
          url,
          proc,
          peakRssKb: () => Math.max(peak, hwmKb(proc.pid ?? 0)),
          stop: async () => {
            clearInterval(sample);
            const exited = new Promise((r) => proc.once("exit", r));
            proc.kill("SIGTERM");
            await exited;
          },
        };
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
function procStatus(pid: number, field: string): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+)`, "m"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
const rssKb = (pid: number) => procStatus(pid, "VmRSS");
/** CPU time (user + system) a process (or, with `tid`, one of its threads) has used so far, in ms (Linux clock ticks are 10 ms). */
function cpuMs(pid: number, tid?: number): number {
  try {
    const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
const hwmKb = (pid: number) => procStatus(pid, "VmHWM");
function listeningPort(pid: number): number | undefined {
  try {
    const inodes = new Set<string>();
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const m = link.match(/^socket:\[(\d+)\]$/);
      if (m?.[1]) inodes.add(m[1]);
    }
    for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[3] === "0A" && cols[9] && inodes.has(cols[9])) return parseInt(cols[1]?.split(":")[1] ?? "0", 16);
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function corpusPayload(): unknown {
  const dir = path.join(root, "test", "fixtures", "corpus", "testdrivenio__django-on-docker__devprod");
  const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
  return {
    title: "bench",
    environments: [
      { name: "dev", role: "development", files: [{ name: "docker-compose.yml", content: read("docker-compose.yml") }, { name: ".env.dev-sample", as: ".env.dev", content: read(".env.dev-sample") }] },
      {
        name: "prod",
        role: "production",
        files: [
          { name: "docker-compose.prod.yml", content: read("docker-compose.prod.yml") },
          { name: ".env.prod-sample", as: ".env.prod", content: read(".env.prod-sample") },
          { name: ".env.prod.db-sample", as: ".env.prod.db", content: read(".env.prod.db-sample") },
        ],
      },
    ],
  };
}

async function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function firstLoadJs(url: string): Promise<number> {
  const html = await (await fetch(url)).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] as string))];
  let total = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    total += gzipSync(body).length;
  }
  return total;
}

/** views of a page before the measured ones */
const GET_WARM_UP = 100;

/** GET /c/<id> at 20 connections, after GET_WARM_UP views: latency, server CPU per request, requests/s. `note` names the configuration. */
async function benchRead(server: Server, label: string, id: string, note: string, expectCache: string | null): Promise<void> {
  // the first view renders the page; the second shows whether it is replayed (x-cache) as this run expects
  await fetch(`${server.url}/c/${id}`).then((r) => r.text());
  const probe = await fetch(`${server.url}/c/${id}`);
  await probe.text();
  if (probe.status !== 200 || probe.headers.get("x-cache") !== expectCache) {
    throw new Error(`GET /c/<id> (${note}) answered ${probe.status} with x-cache ${probe.headers.get("x-cache")}, expected ${expectCache}`);
  }
  // warm-up, not measured: the first views of a configuration run its code paths cold (JIT), as engine/parity warm up too
  await cannon({ url: `${server.url}/c/${id}`, connections: 20, amount: GET_WARM_UP });
  const cpuBefore = cpuMs(server.proc.pid ?? 0);
  const read = await cannon({ url: `${server.url}/c/${id}`, connections: 20, amount: requests });
  record(`api ${label}`, `GET /c/<id> ${note} x${requests} @20: p50 / p97.5 / p99`, `${read.latency.p50}/${read.latency.p97_5}/${read.latency.p99} ms`, "p97.5 < 150 ms", read.latency.p97_5 < 150);
  record(`api ${label}`, `GET /c/<id> ${note}: server CPU per request`, `${((cpuMs(server.proc.pid ?? 0) - cpuBefore) / requests).toFixed(1)} ms`);
  record(`api ${label}`, `GET /c/<id> ${note} requests/s, errors`, `${read.requests.average.toFixed(0)}/s, ${read.non2xx + read.errors}`, "0 errors", read.non2xx + read.errors === 0);
}

async function benchApi(label: string, env: Record<string, string>): Promise<void> {
  let id: string;
  const server = await startServer(env);
  try {
    const body = JSON.stringify(corpusPayload());
    const probe = await fetch(`${server.url}/api/comparisons`, { method: "POST", headers: { "content-type": "application/json" }, body });
    if (probe.status !== 201) throw new Error(`POST /api/comparisons answered ${probe.status}: ${await probe.text()}`);
    ({ id } = (await probe.json()) as { id: string });
    const pid = server.proc.pid ?? 0;
    const cpuBeforeCreate = cpuMs(pid);
    const threadBeforeCreate = cpuMs(pid, pid);
    const create = await cannon({ url: `${server.url}/api/comparisons`, method: "POST", headers: { "content-type": "application/json" }, body, connections: 20, amount: creations });
    const non2xx = create.non2xx + create.errors;
    record(`api ${label}`, `POST /api/comparisons x${creations} @20: p50 / p97.5 / p99`, `${create.latency.p50}/${create.latency.p97_5}/${create.latency.p99} ms`, "p97.5 < 250 ms", create.latency.p97_5 < 250);
    const perCreation = (ms: number) => `${(ms / creations).toFixed(1)} ms`;
    record(`api ${label}`, "POST /api/comparisons: server CPU per request", perCreation(cpuMs(pid) - cpuBeforeCreate));
    record(`api ${label}`, "POST /api/comparisons: of which the server's main thread", perCreation(cpuMs(pid, pid) - threadBeforeCreate));
    record(`api ${label}`, "POST /api/comparisons requests/s, errors", `${create.requests.average.toFixed(0)}/s, ${non2xx}`, "0 errors", non2xx === 0);
    await benchRead(server, label, id, "(page cache)", "hit");
    record(`api ${label}`, "server peak RSS (through the creation load and the reads)", `${(server.peakRssKb() / 1024).toFixed(0)} MiB`);
    if (label === "pglite") {
      const home = await firstLoadJs(`${server.url}/`);
      const result = await firstLoadJs(`${server.url}/c/${id}`);
      record("web", "first-load JS, / (gzip)", `${(home / 1024).toFixed(0)} KB`);
      record("web", "first-load JS, /c/<id> (gzip)", `${(result / 1024).toFixed(0)} KB`, "< 250 KB", result < 250 * 1024);
    }
  } finally {
    await server.stop();
  }
  // the same reads with the page cache off: every view rendered by Next (same database, restarted server)
  const uncached = await startServer({ ...env, PAGE_CACHE_MB: "0" });
  try {
    await benchRead(uncached, label, id, "(PAGE_CACHE_MB=0)", null);
  } finally {
    await uncached.stop();
  }
}

async function main(): Promise<void> {
  console.log(`compose-parity benchmarks — ${new Date().toISOString()}\n`);
  benchEngine();
  benchParitySection();
  if (!argv.includes("--no-api")) {
    if (!existsSync(path.join(root, "dist", "server.mjs"))) {
      console.log("\n(API benchmarks skipped: run `npm run build` first)");
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), "cp-bench-"));
      try {
        await benchApi("pglite", { PGLITE_DIR: path.join(dir, "pglite") });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
      if (pgUrl) {
        const name = `cp_bench_${randomBytes(4).toString("hex")}`;
        const admin = new pg.Client({ connectionString: pgUrl });
        await admin.connect();
        await admin.query(`CREATE DATABASE "${name}"`);
        try {
          const u = new URL(pgUrl);
          u.pathname = `/${name}`;
          await benchApi("postgres", { DATABASE_URL: u.toString() });
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.end();
        }
      } else {
        console.log("\n(PostgreSQL API benchmark skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL)");
      }
    }
  }
  if (!argv.includes("--no-write")) writeReport();
}

function writeReport(): void {
  const cpu = os.cpus()[0]?.model ?? "unknown cpu";
  const machine = `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const table = ["| section | metric | value | target |", "| --- | --- | --- | --- |", ...rows.map((r) => `| ${r.section} | ${r.metric} | ${r.value} | ${r.target}${r.ok === undefined ? "" : r.ok ? " ✓" : " ✗"} |`)].join("\n");
  const load = `Load average when the run started: ${startLoad.map((l) => l.toFixed(2)).join(", ")} (1, 5, 15 min); on ${os.cpus().length} cores, anything near or above that count means other work shared the machine and the latencies are inflated.`;
  const how =
    `API figures: autocannon on loopback against the production server (\`dist/server.mjs\`, which embeds Next), corpus payload (testdrivenio django-on-docker, dev vs prod). \`POST /api/comparisons\` is answered by our server itself (lib/http/serve-create-comparison.ts, its only handler), which analyses each upload on a worker thread (ANALYSIS_WORKERS, default ${defaultAnalysisWorkers(os.availableParallelism())} here) while its main thread reads requests and runs the database (PGlite runs in that thread); pages and the other routes go through Next, but for replays of the result page. The GET figures read one comparison repeatedly, measured after 100 unmeasured views of it: the "(page cache)" rows are views replayed from the rendered-page cache (PAGE_CACHE_MB, lib/http/serve-result-page.ts: each still runs the capability check and the page statement against the database and gets a fresh nonce), the "(PAGE_CACHE_MB=0)" rows the same views rendered by Next every time (its stored result from the revision cache, RESULT_CACHE_MB; its review state read on every request).`;
  const parity = `Parity figures: scripts/bench-parity.ts in child processes, two alternating rounds per configuration: with the CLI's Node flags (bin/node-flags.mjs: ${CLI_NODE_FLAGS.join(" ")}), as \`compose-parity diff\` runs, and with Node's defaults.`;
  const entry = `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC\n\nMachine: ${machine}\n\n${load}\n\n${parity}\n\n${how}\n\n${table}\n`;
  const file = path.join(root, "BENCHMARKS.md");
  const head = "# Benchmarks\n\nWritten by `npm run bench` (scripts/bench.ts); newest first. Targets come from the issues; ✗ marks a missed target.\n\n";
  const old = existsSync(file) ? readFileSync(file, "utf8").replace(/^# Benchmarks[\s\S]*?(?=^## )/m, "") : "";
  writeFileSync(file, `${head}${entry}\n${old.startsWith("## ") ? old : ""}`);
  console.log(`\nrecorded in BENCHMARKS.md`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
