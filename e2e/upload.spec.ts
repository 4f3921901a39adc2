import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";

const CORPUS = path.join(process.cwd(), "test", "fixtures", "corpus");

interface GivenFile {
  name: string;
  content: string;
}

function corpusFiles(set: string, names: string[]): GivenFile[] {
  return names.map((name) => ({ name, content: readFileSync(path.join(CORPUS, set, name), "utf8") }));
}

/** Drops files on a zone the way a browser does: a DataTransfer holding File objects built in the page. */
async function dropFiles(page: Page, target: Locator, files: GivenFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((given) => {
    const dt = new DataTransfer();
    for (const f of given) dt.items.add(new File([f.content], f.name, { type: "text/plain" }));
    return dt;
  }, files);
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

const environment = (page: Page, name: string) => page.locator(`[data-testid="environment"][data-env="${name}"]`);
const fileNames = (env: Locator) => env.locator('[data-testid="file-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-file")));

interface ApiComparison {
  result: { findings: { rule: string; severity: string; service: string | null; message: string }[]; environments: { name: string; files: { name: string; as: string }[] }[] };
}

test("the example in one click: progress while it runs, then the result with the sqlite-vs-PostgreSQL gap", async ({ page, request }, testInfo) => {
  await page.goto("/");
  // hold the request a moment so the progress state can be seen
  await page.route("**/api/comparisons", async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  const posted = page.waitForResponse((r) => r.url().endsWith("/api/comparisons") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Try an example" }).click();
  await expect(page.getByRole("button", { name: "Comparing…" })).toBeDisabled();
  await expect(page.getByRole("status")).toHaveText("Loading and comparing 2 environments…");
  await page.screenshot({ path: testInfo.outputPath("example-sending.png"), fullPage: true });

  const response = await posted;
  expect(response.status()).toBe(201);
  const created = (await response.json()) as { id: string; ownerToken: string };
  await page.waitForURL(`**/c/${created.id}`);
  expect(page.url()).not.toContain(created.ownerToken);
  await expect(page.getByText("SQLite in development, PostgreSQL in production").first()).toBeVisible();
  // the owner token travelled through sessionStorage, is shown once, and is gone after a reload
  await expect(page.getByTestId("owner-token")).toHaveText(created.ownerToken);
  expect(await page.evaluate((key) => window.sessionStorage.getItem(key), `cp-owner-${created.id}`)).toBeNull();
  await page.reload();
  await expect(page.getByText("SQLite in development, PostgreSQL in production").first()).toBeVisible();
  await expect(page.getByTestId("owner-token")).toHaveCount(0);

  const stored = (await (await request.get(`/api/comparisons/${created.id}`)).json()) as ApiComparison;
  const gap = stored.result.findings.find((f) => f.rule === "backing-service-kind");
  expect(gap).toMatchObject({ severity: "high" });
  expect(stored.result.findings.some((f) => f.rule === "dev-pattern-in-prod")).toBe(false);
  expect(stored.result.environments.map((e) => [e.name, e.files.map((f) => f.as)])).toEqual([
    ["development", ["docker-compose.yml", "docker-compose.override.yml", ".env"]],
    ["production", ["docker-compose.yml", "docker-compose.prod.yml", ".env"]],
  ]);
  await page.screenshot({ path: testInfo.outputPath("example-result.png"), fullPage: true });
});

test("a corpus set dropped at once gets a suggested assignment the user can change, then compares", async ({ page, request }, testInfo) => {
  const set = "testdrivenio__django-on-docker__devprod";
  await page.goto("/");
  await dropFiles(page, page.getByTestId("global-dropzone"), corpusFiles(set, ["docker-compose.yml", "docker-compose.prod.yml", ".env.dev-sample", ".env.prod-sample", ".env.prod.db-sample"]));

  const review = page.getByTestId("assignment-review");
  await expect(review.getByRole("heading", { name: "Where should these 5 files go?" })).toBeFocused();
  // production's compose file stands alone, so the base file is suggested for development only
  await expect(review.getByLabel("Environment for docker-compose.yml")).toHaveValue("env:development");
  await expect(review.getByLabel("Environment for docker-compose.prod.yml")).toHaveValue("env:production");
  await expect(review.getByLabel("Environment for .env.dev-sample")).toHaveValue("env:development");
  await expect(review.getByLabel("Environment for .env.prod.db-sample")).toHaveValue("env:production");
  await expect(review.getByLabel("Compose path for .env.prod-sample")).toHaveValue(".env.prod");
  await expect(review.getByLabel("Compose path for .env.prod.db-sample")).toHaveValue(".env.prod.db");
  await page.screenshot({ path: testInfo.outputPath("drop-suggestion.png"), fullPage: true });

  // the user changes one suggestion before applying: leave the db env file out, then add it back by hand below
  await review.getByLabel("Environment for .env.prod.db-sample").selectOption("skip");
  await review.getByRole("button", { name: "Apply" }).click();
  await expect(review).toBeHidden();
  await expect.poll(() => fileNames(environment(page, "development"))).toEqual(["docker-compose.yml", ".env.dev-sample"]);
  await expect.poll(() => fileNames(environment(page, "production"))).toEqual(["docker-compose.prod.yml", ".env.prod-sample"]);

  // dropping on one environment adds straight to it
  await dropFiles(page, environment(page, "production").getByTestId("environment-dropzone"), corpusFiles(set, [".env.prod.db-sample"]));
  await expect.poll(() => fileNames(environment(page, "production"))).toEqual(["docker-compose.prod.yml", ".env.prod-sample", ".env.prod.db-sample"]);
  await expect(page.getByLabel("Path compose uses for .env.prod.db-sample in production")).toHaveValue(".env.prod.db");
  await page.screenshot({ path: testInfo.outputPath("drop-applied.png"), fullPage: true });

  await page.getByRole("button", { name: "Compare 2 environments" }).click();
  await page.waitForURL(/\/c\/[A-Za-z0-9_-]+$/);
  const id = page.url().split("/c/")[1] ?? "";
  const stored = (await (await request.get(`/api/comparisons/${id}`)).json()) as ApiComparison;
  expect(stored.result.environments.map((e) => [e.name, e.files.map((f) => f.as)])).toEqual([
    ["development", ["docker-compose.yml", ".env.dev"]],
    ["production", ["docker-compose.prod.yml", ".env.prod", ".env.prod.db"]],
  ]);
  const rules = stored.result.findings.map((f) => `${f.rule}:${f.service}`);
  expect(rules).toContain("command-drift:web");
  expect(rules).toContain("service-missing:nginx");
});

test("files chosen with the file picker, reordered from the keyboard, then compared", async ({ page, request }, testInfo) => {
  const set = "testdrivenio__flask-on-docker__devprod";
  const asPayload = (files: GivenFile[]) => files.map((f) => ({ name: f.name, mimeType: "text/plain", buffer: Buffer.from(f.content) }));
  await page.goto("/");
  await page.getByLabel("Choose files for development").setInputFiles(asPayload(corpusFiles(set, [".env.dev-sample", "docker-compose.yml"])));
  await page.getByLabel("Choose files for production").setInputFiles(asPayload(corpusFiles(set, [".env.prod.db-sample", ".env.prod-sample", "docker-compose.prod.yml"])));
  const prod = environment(page, "production");
  // added in load order: compose first, env files after, in the order given
  await expect.poll(() => fileNames(prod)).toEqual(["docker-compose.prod.yml", ".env.prod.db-sample", ".env.prod-sample"]);

  // keyboard: move .env.prod-sample up one place; focus stays on the button
  const up = page.getByRole("button", { name: "Move .env.prod-sample up in production" });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => fileNames(prod)).toEqual(["docker-compose.prod.yml", ".env.prod-sample", ".env.prod.db-sample"]);
  await expect(up).toBeFocused();
  await expect(page.getByRole("status")).toHaveText(".env.prod-sample moved to position 2 of 3 in production.");
  // the first file cannot move further up
  await expect(page.getByRole("button", { name: "Move docker-compose.prod.yml up in production" })).toHaveAttribute("aria-disabled", "true");

  // a third environment can be added and removed
  await page.getByRole("button", { name: "+ Add environment" }).click();
  await expect(environment(page, "staging")).toBeVisible();
  await expect(environment(page, "staging").getByLabel("Role")).toHaveValue("staging");
  await page.screenshot({ path: testInfo.outputPath("picker-three-envs.png"), fullPage: true });
  await page.getByRole("button", { name: "Remove environment staging" }).click();
  await expect(environment(page, "staging")).toHaveCount(0);

  await page.getByRole("button", { name: "Compare 2 environments" }).click();
  await page.waitForURL(/\/c\/[A-Za-z0-9_-]+$/);
  const id = page.url().split("/c/")[1] ?? "";
  const stored = (await (await request.get(`/api/comparisons/${id}`)).json()) as ApiComparison;
  expect(stored.result.environments.map((e) => [e.name, e.files.map((f) => f.as)])).toEqual([
    ["development", ["docker-compose.yml", ".env.dev"]],
    ["production", ["docker-compose.prod.yml", ".env.prod", ".env.prod.db"]],
  ]);
  expect(stored.result.findings.map((f) => `${f.rule}:${f.service}`)).toContain("command-drift:web");
});

test("an invalid YAML file shows the server's line and column next to it", async ({ page }, testInfo) => {
  await page.goto("/");
  const dev = environment(page, "development");
  await dev.getByRole("button", { name: "paste text into development" }).click();
  await dev.getByLabel("File name").fill("docker-compose.yml");
  await dev.getByLabel("Content").fill('services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n     environment:\n      A: 1\n');
  await dev.getByRole("button", { name: "Add file" }).click();
  await page.getByLabel("Choose files for production").setInputFiles({ name: "compose.yaml", mimeType: "text/yaml", buffer: Buffer.from("services:\n  web:\n    image: nginx:1.27\n") });

  await page.getByRole("button", { name: "Compare 2 environments" }).click();
  const row = dev.locator('[data-testid="file-row"][data-file="docker-compose.yml"]');
  await expect(row.getByTestId("file-error")).toHaveText(/^line 6, column 1: .+/);
  await expect(page.getByRole("status")).toHaveText("The comparison could not be made: docker-compose.yml has a problem, shown next to it.");
  await expect(page).toHaveURL(/\/$/);
  await page.screenshot({ path: testInfo.outputPath("yaml-error.png"), fullPage: true });

  // fixing the file (dropping a corrected one with the same name) replaces it and clears the error
  await dropFiles(page, dev.getByTestId("environment-dropzone"), [{ name: "docker-compose.yml", content: "services:\n  web:\n    image: nginx:1.27\n" }]);
  await expect(row.getByTestId("file-error")).toHaveCount(0);
});

test("files the browser can tell are unusable are refused inline before anything is sent", async ({ page }, testInfo) => {
  await page.goto("/");
  let posted = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/comparisons") && r.method() === "POST") posted++;
  });
  await page.getByLabel("Choose files for development").setInputFiles([
    { name: "big.env", mimeType: "text/plain", buffer: Buffer.alloc(2 * 1024 * 1024 + 200 * 1024, "A") },
    { name: "logo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    { name: "latin1.env", mimeType: "text/plain", buffer: Buffer.from([0x4e, 0x41, 0x4d, 0x45, 0x3d, 0x63, 0x61, 0x66, 0xe9, 0x0a]) },
  ]);
  const dev = environment(page, "development");
  await expect(dev.locator('[data-file="big.env"]').getByTestId("file-error")).toHaveText("File too large: 2.2 MB, the limit is 2 MB.");
  await expect(dev.locator('[data-file="logo.png"]').getByTestId("file-error")).toContainText("binary file");
  await expect(dev.locator('[data-file="latin1.env"]').getByTestId("file-error")).toContainText("Not UTF-8");

  await page.getByRole("button", { name: "Compare 2 environments" }).click();
  await expect(dev.getByTestId("environment-problems")).toContainText("Remove big.env, latin1.env, logo.png from development");
  await expect(environment(page, "production").getByTestId("environment-problems")).toHaveText("production has no files yet.");
  await page.screenshot({ path: testInfo.outputPath("client-errors.png"), fullPage: true });
  expect(posted).toBe(0);
});

test("loading the example over files already in the form asks first", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Choose files for development").setInputFiles({ name: "compose.yaml", mimeType: "text/yaml", buffer: Buffer.from("services:\n  web:\n    image: nginx:1.27\n") });
  page.once("dialog", (d) => void d.dismiss());
  await page.getByRole("button", { name: "Load it into the form" }).click();
  await expect.poll(() => fileNames(environment(page, "development"))).toEqual(["compose.yaml"]);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Load it into the form" }).click();
  await expect.poll(() => fileNames(environment(page, "development"))).toEqual(["docker-compose.yml", "docker-compose.override.yml", ".env.dev"]);
});

test("the form works on a phone and in dark mode", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.getByRole("button", { name: "Load it into the form" }).click();
  await expect(environment(page, "production").locator('[data-testid="file-row"]')).toHaveCount(3);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath("form-phone.png"), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: testInfo.outputPath("form-dark.png"), fullPage: true });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
  await page.screenshot({ path: testInfo.outputPath("form-1280.png"), fullPage: true });
});
