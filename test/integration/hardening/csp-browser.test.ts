/**
 * The CSP in a real browser (Debian Chromium through Playwright): the app's own
 * scripts run (the pages hydrate, no CSP violation is reported) while a script
 * without the nonce — what an injection would add — is blocked, and the pages
 * refuse to be framed.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";
import { startServer, type RunningServer } from "../helpers/server";
import { postJson } from "./http";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

describe.runIf(existsSync(CHROMIUM))(`CSP in the browser on ${testDbKind()}`, () => {
  let tdb: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let id = "";

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startServer({ ...tdb.env, FINGERPRINT_KEY: "b".repeat(40) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
    const created = await postJson(server.url, {
      environments: [
        { name: "dev", files: [{ name: "compose.yaml", content: "services:\n  web:\n    image: app:dev\n  db:\n    image: postgres:13\n" }] },
        { name: "prod", files: [{ name: "compose.prod.yaml", content: "services:\n  web:\n    image: app:1.2\n    depends_on: [db]\n  db:\n    image: postgres:16\n" }] },
      ],
    });
    expect(created.status, created.text).toBe(201);
    ({ id } = created.json() as { id: string });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop("SIGKILL");
    await tdb?.drop();
  });

  it("runs the app's own scripts on / and /c/:id with no CSP violation, and blocks a script without the nonce", async () => {
    for (const path of ["/", `/c/${id}`]) {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
        });
      });
      const res = await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
      expect(res?.status()).toBe(200);
      // hydrated: React attached to the DOM (only possible if Next's scripts ran)
      // (hydration may finish after the network is idle on a slow machine: wait for it, up to 15 s)
      const hydrated = await page
        .waitForFunction(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__react")), undefined, { timeout: 15_000 })
        .then(() => true, () => false);
      expect(hydrated, path).toBe(true);
      if (path !== "/") {
        // the sections loaded on demand (graph, files, model diff): their chunks and data load under the same policy
        for (const section of ["graph", "files", "diff"]) await page.locator(`#${section}`).scrollIntoViewIfNeeded();
        await page.locator("#graph .react-flow").waitFor();
        await page.locator("#files[data-state='ok']").waitFor();
        await page.locator("#diff table[data-testid='model-diff']").waitFor();
        await page.waitForLoadState("networkidle");
      }
      // nothing may be blocked (zod runs jitless in the browser: components/zod-jitless.tsx)
      expect(violations, path).toEqual([]);

      // markup injected into the HTML (what an escaping bug would let through): an inline script
      // and an event handler without the nonce must not run, under the same response headers
      const injected = await browser.newPage();
      const blocked: string[] = [];
      injected.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      await injected.route(`${server.url}${path}`, async (route) => {
        const original = await route.fetch();
        const html = (await original.text()).replace("<body", '<body data-x="1"><script>window.__injected = true</script><img src="/nope" onerror="window.__handler = true"');
        await route.fulfill({ response: original, body: html });
      });
      await injected.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
      const ran = await injected.evaluate(() => {
        const w = window as unknown as { __injected?: boolean; __handler?: boolean };
        return { script: w.__injected === true, handler: w.__handler === true };
      });
      expect(ran, path).toEqual({ script: false, handler: false });
      expect(blocked.length, path).toBeGreaterThanOrEqual(2);
      await injected.close();
      await page.close();
    }
  });

  it("refuses to be framed by another page", async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on("console", (m) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) blocked.push(m.text());
    });
    await page.setContent(`<iframe src="${server.url}/c/${id}" width="400" height="300"></iframe>`);
    await page.waitForTimeout(1_500);
    const frame = page.frames().find((f) => f.url().includes(`/c/${id}`));
    const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
    expect(framedText).not.toContain("compose-parity");
    expect(blocked.length).toBeGreaterThan(0);
    await page.close();
  });
});
