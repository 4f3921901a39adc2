/**
 * Loader benchmark: a synthetic environment of 300 services in 3 files (base,
 * override, env file). Prints the median time of `loadEnvironment` and the ratio to
 * bare `yaml.parseDocument` on the same files, measured in the same run.
 * Targets: < 100 ms median, ≤ 3x bare parsing.
 *
 *   npx tsx scripts/bench-engine.ts [--runs 30] [--services 300]
 */
import { parseDocument } from "yaml";
import { loadEnvironment } from "@/lib/compose/load-environment";
import type { EnvironmentInput } from "@/lib/compose/model";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function syntheticEnvironment(count: number): EnvironmentInput {
  const base: string[] = ["name: bench", "x-common: &common", "  restart: unless-stopped", "  logging:", "    driver: json-file", "services:"];
  const override: string[] = ["services:"];
  const env: string[] = ["TAG=1.2.3", "REGISTRY=registry.example.com", "DB_PASSWORD=secret"];
  for (let i = 0; i < count; i++) {
    const name = `svc-${i}`;
    const dep = i > 0 ? `svc-${i - 1}` : undefined;
    base.push(
      `  ${name}:`,
      "    <<: *common",
      `    image: \${REGISTRY}/${name}:\${TAG:-latest}`,
      `    command: ["serve", "--port", "${8000 + (i % 1000)}"]`,
      "    environment:",
      `      SERVICE_NAME: ${name}`,
      `      DATABASE_URL: postgres://app:\${DB_PASSWORD}@svc-0:5432/app`,
      ...(dep ? [`      UPSTREAM: http://${dep}:8000/`] : []),
      "    ports:",
      `      - "${10000 + i}:8000"`,
      "    volumes:",
      `      - ./data/${name}:/data`,
      "    networks: [backend]",
      ...(dep ? ["    depends_on:", `      ${dep}:`, "        condition: service_started"] : []),
      ...(i % 10 === 0 ? ["    profiles: [extra]"] : []),
    );
    override.push(`  ${name}:`, "    environment:", `      - DEBUG=${i % 2}`, "    labels:", `      com.example.tier: "${i % 3}"`);
  }
  base.push("networks:", "  backend: {}");
  for (let i = 0; i < count; i++) env.push(`SVC_${i}_TOKEN=t${i}`);
  return {
    name: "bench",
    profiles: ["extra"],
    files: [
      { name: "compose.yaml", content: `${base.join("\n")}\n` },
      { name: "compose.override.yaml", content: `${override.join("\n")}\n` },
      { name: ".env", content: `${env.join("\n")}\n` },
    ],
  };
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The wall-clock ms of each of `runs` calls of `fn`. */
export function timeRuns(fn: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

function main() {
  const runs = arg("runs", 30);
  const count = arg("services", 300);
  const input = syntheticEnvironment(count);
  const yamlFiles = input.files.filter((f) => f.name.endsWith(".yaml"));

  // warm up both (JIT, schema compilation)
  for (let i = 0; i < 3; i++) {
    loadEnvironment(input);
    for (const f of yamlFiles) parseDocument(f.content, { merge: true });
  }
  const check = loadEnvironment(input);
  const errors = check.issues.filter((i) => i.severity === "error");
  if (errors.length > 0 || Object.keys(check.project.services).length !== count) {
    console.error(`bench environment did not load cleanly: ${errors.length} errors, ${Object.keys(check.project.services).length} services`);
    for (const e of errors.slice(0, 5)) console.error(`  ${e.file}:${e.line}:${e.col} ${e.message}`);
    process.exitCode = 1;
  }

  const loadMs = median(timeRuns(() => loadEnvironment(input), runs));
  const parseMs = median(
    timeRuns(() => {
      for (const f of yamlFiles) parseDocument(f.content, { merge: true });
    }, runs),
  );
  const ratio = loadMs / parseMs;
  const bytes = input.files.reduce((n, f) => n + f.content.length, 0);
  console.log(`services: ${count}, files: ${input.files.length}, bytes: ${bytes}, runs: ${runs}`);
  console.log(`loadEnvironment median: ${loadMs.toFixed(1)} ms (target < 100 ms)`);
  console.log(`yaml.parseDocument median: ${parseMs.toFixed(1)} ms`);
  console.log(`ratio: ${ratio.toFixed(2)}x (target <= 3x)`);
  console.log(loadMs < 100 && ratio <= 3 ? "OK" : "OVER TARGET");
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) main();
