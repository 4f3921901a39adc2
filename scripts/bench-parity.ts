/**
 * The parity benchmark (issue #4): compareEnvironments on three environments of the
 * synthetic 300-service stack (scripts/bench-engine.ts), alone and end to end (load
 * the three environments, then compare). `npm run bench` runs this file in child
 * processes — with the CLI's Node flags (bin/node-flags.mjs), as `compose-parity diff`
 * runs, and with Node's defaults — and records both.
 *
 *   node [flags] --import tsx scripts/bench-parity.ts [--runs 15]   (prints one JSON line)
 */
import { randomBytes } from "node:crypto";
import { loadEnvironment } from "@/lib/compose/load-environment";
import type { EnvironmentInput } from "@/lib/compose/model";
import { compareEnvironments } from "@/lib/parity/compare-environments";
import { median, syntheticEnvironment, timeRuns } from "./bench-engine";

export interface ParityBench {
  findings: number;
  /** median ms: compare three loaded environments */
  compareMs: number;
  /** median ms: load three environments and compare them */
  endToEndMs: number;
  /** every run's ms, in order */
  compareRuns: number[];
  endToEndRuns: number[];
}

function variant(base: EnvironmentInput, name: string, edit: (s: string) => string): EnvironmentInput {
  return { ...base, name, files: base.files.map((f) => ({ ...f, content: edit(f.content) })) };
}


export function benchParity(runs: number): ParityBench {
  const base = syntheticEnvironment(300);
  const inputs = [
    variant(base, "dev", (s) => s),
    variant(base, "staging", (s) => s.replace(/TAG=1\.2\.3/, "TAG=1.3.0").replace(/DEBUG=1/g, "DEBUG=0")),
    variant(base, "prod", (s) => s.replace(/TAG=1\.2\.3/, "TAG=2.0.0").replace(/"1(\d{4}):8000"/g, '"127.0.0.1:1$1:8000"')),
  ];
  const key = randomBytes(32);
  const loaded = inputs.map((i) => ({ env: loadEnvironment(i) }));
  const endToEnd = () => compareEnvironments({ environments: inputs.map((i) => ({ env: loadEnvironment(i) })), fingerprintKey: key });
  const compareOnly = () => compareEnvironments({ environments: loaded, fingerprintKey: key });
  for (let i = 0; i < 3; i++) endToEnd();
  const findings = compareOnly().findings.length;
  // interleaved, so that machine load affects both alike
  const compare: number[] = [];
  const e2e: number[] = [];
  for (let i = 0; i < runs; i++) {
    compare.push(...timeRuns(compareOnly, 1));
    e2e.push(...timeRuns(endToEnd, 1));
  }
  return { findings, compareMs: median(compare), endToEndMs: median(e2e), compareRuns: compare, endToEndRuns: e2e };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  const i = process.argv.indexOf("--runs");
  const runs = i >= 0 && Number(process.argv[i + 1]) > 0 ? Number(process.argv[i + 1]) : 15;
  console.log(JSON.stringify(benchParity(runs)));
}
