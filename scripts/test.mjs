// npm test — every test level, in order:
//   typecheck, lint, unit (vitest), build, integration on PGlite, integration on
//   PostgreSQL (when TEST_DATABASE_URL is set), e2e in Chromium (Playwright).
// Prints one closing line `tests: N passed, N failed` over all levels.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const results = [];
let passed = 0;
let failed = 0;
let skipped = 0;
mkdirSync("test-results", { recursive: true });

function step(name, cmd, args, { env = {}, report } = {}) {
  console.log(`\n━━ ${name} ━━ ${cmd} ${args.join(" ")}`);
  if (report) rmSync(report, { force: true });
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = r.status === 0;
  if (report && existsSync(report)) {
    const j = JSON.parse(readFileSync(report, "utf8"));
    if (j.stats) {
      // Playwright
      passed += (j.stats.expected ?? 0) + (j.stats.flaky ?? 0);
      failed += j.stats.unexpected ?? 0;
      skipped += j.stats.skipped ?? 0;
    } else {
      // Vitest
      passed += j.numPassedTests ?? 0;
      failed += (j.numFailedTests ?? 0) + (j.numFailedTestSuites && !j.numFailedTests ? j.numFailedTestSuites : 0);
      skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    }
  } else if (!ok && report) {
    failed += 1;
  }
  results.push({ name, ok, s: Math.round((Date.now() - started) / 1000) });
  return ok;
}

const vitestJson = (file) => ["--reporter=default", "--reporter=json", `--outputFile.json=${file}`];

step("typecheck", "npx", ["tsc", "--noEmit"]);
step("lint", "npx", ["eslint", "."]);
step("unit", "npx", ["vitest", "run", ...vitestJson("test-results/unit.json")], { report: "test-results/unit.json" });
const built = step("build", "npm", ["run", "build"]);
if (built) {
  step("integration (PGlite)", "npx", ["vitest", "run", "-c", "vitest.integration.config.ts", ...vitestJson("test-results/integration-pglite.json")], {
    env: { TEST_DB: "pglite" },
    report: "test-results/integration-pglite.json",
  });
  if (process.env.TEST_DATABASE_URL) {
    step("integration (PostgreSQL)", "npx", ["vitest", "run", "-c", "vitest.integration.config.ts", ...vitestJson("test-results/integration-postgres.json")], {
      env: { TEST_DB: "postgres" },
      report: "test-results/integration-postgres.json",
    });
  } else {
    console.log("\n(integration on PostgreSQL not run: set TEST_DATABASE_URL=postgres://... to run it; .ci/run does)");
  }
  step("e2e (Chromium)", "node", ["scripts/e2e.mjs"], { report: "test-results/e2e-report.json" });
}

console.log("\n━━ summary ━━");
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name} (${r.s}s)`);
const allOk = results.every((r) => r.ok);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(allOk ? 0 : 1);
