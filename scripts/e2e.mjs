// npm run test:e2e — Playwright specs in e2e/ against the built server, in Debian's
// Chromium (`npx playwright install` cannot download browsers on these machines).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `e2e: Chromium not found at ${chromium}.\n` +
      "Install it with: sudo apt-get update && sudo apt-get install -y chromium\n" +
      "or point CHROMIUM_PATH at a Chromium/Chrome binary. The e2e tests do not skip.",
  );
  process.exit(1);
}
if (!existsSync("dist/server.mjs") || !existsSync(".next/BUILD_ID")) {
  console.error("e2e: the app is not built; run `npm run build` first (npm test does).");
  process.exit(1);
}
const r = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, CHROMIUM_PATH: chromium } });
process.exit(r.status ?? 1);
