/**
 * The result page /c/<id>: a comparison of a real-world dev/prod pair (django-on-docker
 * from the corpus) is created through the API, then read the way a reviewer reads it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const SET = "testdrivenio__django-on-docker__devprod";
const ROOT = join(process.cwd(), "test/fixtures/corpus");

interface ManifestEnv {
  role: string;
  files: (string | { file: string; as: string })[];
  profiles?: string[];
}
const manifest = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as { sets: Record<string, { environments: Record<string, ManifestEnv> }> };

function corpusUpload(set: string, title = "django-on-docker dev vs prod") {
  const envs = manifest.sets[set]?.environments ?? {};
  return {
    title,
    environments: Object.entries(envs).map(([name, e]) => ({
      name,
      role: e.role,
      ...(e.profiles ? { profiles: e.profiles } : {}),
      files: e.files.map((f) =>
        typeof f === "string" ? { name: f, content: readFileSync(join(ROOT, set, f), "utf8") } : { name: f.file, as: f.as, content: readFileSync(join(ROOT, set, f.file), "utf8") },
      ),
    })),
  };
}

async function createComparison(request: APIRequestContext): Promise<{ id: string; ownerToken?: string; reviewUrl?: string }> {
  const res = await request.post("/api/comparisons", { data: corpusUpload(SET) });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; ownerToken?: string; reviewUrl?: string };
}

const finding = (page: Page, rule: string, text?: string) => {
  const all = page.locator(`[data-rule="${rule}"]`);
  return text ? all.filter({ hasText: text }) : all;
};

/**
 * The graph, the files and the model diff load when the reader gets to them: scrolls
 * to each and waits until it has loaded, so that what follows sees the whole page.
 */
async function loadLazySections(page: Page): Promise<void> {
  for (const section of ["graph", "files", "diff"]) {
    const el = page.locator(`#${section}`);
    if ((await el.count()) === 0) continue;
    await el.scrollIntoViewIfNeeded();
  }
  if ((await page.locator("#graph").count()) > 0) await expect(page.locator("#graph .react-flow")).toBeVisible();
  await expect(page.locator("#files")).toHaveAttribute("data-state", "ok");
  await expect(page.locator("#files [aria-busy]")).toHaveCount(0);
  if ((await page.locator("#diff").count()) > 0) await expect(page.locator("#diff table[data-testid='model-diff']")).toBeVisible();
}

let id = "";
test.beforeAll(async ({ request }) => {
  ({ id } = await createComparison(request));
});

test("shows the score, the environments and the gaps a reviewer expects", async ({ page }, testInfo) => {
  const res = await page.goto(`/c/${id}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "django-on-docker dev vs prod" })).toBeVisible();
  await expect(page.getByTestId("parity-score")).toContainText(/\d+/);
  await expect(page.getByTestId("env-dev")).toContainText("development");
  await expect(page.getByTestId("env-dev")).toContainText(".env.dev-sample as .env.dev");
  await expect(page.getByTestId("env-prod")).toContainText("production");
  await expect(page.getByTestId("env-prod")).toContainText("docker-compose.prod.yml");

  // nginx only in prod; the dev server in dev against gunicorn in prod; secrets found
  await expect(finding(page, "service-missing", "nginx")).toHaveCount(1);
  await expect(finding(page, "command-drift").first()).toContainText("web");
  await expect(finding(page, "hardcoded-secret", "SECRET_KEY")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: /Config/ }).first()).toBeVisible();

  // the loader's warnings are there, folded
  const notes = page.getByTestId("loader-issues");
  await expect(notes).toContainText("Loader notes: 2 warnings");
  await notes.locator("summary").click();
  await expect(notes).toContainText("docker-compose.prod.yml:1 · OBSOLETE_ATTRIBUTE");

  // services matrix: nginx is not everywhere, web's command differs
  const services = page.getByTestId("services-matrix");
  await expect(services.locator('[data-service="nginx"]')).toContainText("not everywhere");
  const command = services.locator('[data-service="web"] [data-field="command"]');
  await expect(command).toHaveAttribute("data-differs", "true");
  await expect(command).toContainText("python manage.py runserver 0.0.0.0:8000");
  await expect(command).toContainText("gunicorn");

  // env matrix: DEBUG 1 in dev, 0 in prod; SECRET_KEY masked, never in clear
  const debug = page.locator('[data-env-service="web"] tr[data-key="DEBUG"]');
  await expect(debug).toHaveAttribute("data-differs", "true");
  await expect(debug.locator("td")).toHaveText(["1", "0"]);
  await expect(page.locator('[data-env-service="web"] tr[data-key="SECRET_KEY"] td[data-state="secret"]')).toHaveCount(2);
  await loadLazySections(page);
  expect(await page.content()).not.toContain("change_me");

  await page.screenshot({ path: testInfo.outputPath("result-summary.png") });
  await page.locator("#services").screenshot({ path: testInfo.outputPath("result-services.png") });
  await page.locator("#env").screenshot({ path: testInfo.outputPath("result-env.png") });
  await page.screenshot({ path: testInfo.outputPath("result-full.png"), fullPage: true });
});

test("filters findings by severity, keeps the filter in the link, and clears it", async ({ page }, testInfo) => {
  await page.goto(`/c/${id}`);
  const count = page.getByTestId("findings-count");
  const total = Number((await count.textContent())?.match(/of (\d+)/)?.[1]);
  expect(total).toBeGreaterThan(5);

  await page.getByRole("group", { name: "Severity" }).getByRole("button", { name: /^high/ }).click();
  await expect(page).toHaveURL(/[?&]severity=high\b/);
  const highs = page.locator("#findings [data-finding]");
  const n = await highs.count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(total);
  for (const text of await highs.locator("summary").allTextContents()) expect(text).toMatch(/high/);
  await expect(finding(page, "service-missing")).toHaveCount(0);
  await page.locator("#findings").screenshot({ path: testInfo.outputPath("result-findings-high.png") });

  // the link is shareable: a reload shows the same filtered view
  await page.reload();
  await expect(page.getByRole("group", { name: "Severity" }).getByRole("button", { name: /^high/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("#findings [data-finding]")).toHaveCount(n);

  await page.getByRole("combobox", { name: "Service" }).selectOption("db");
  await expect(page).toHaveURL(/service=db/);
  for (const text of await page.locator("#findings [data-finding] summary").allTextContents()) expect(text).toContain("db");

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.locator("#findings [data-finding]")).toHaveCount(total);
  expect(new URL(page.url()).search).toBe("");
});

test("a finding expands to its values per environment and links to the exact line", async ({ page }, testInfo) => {
  await page.goto(`/c/${id}`);
  const card = finding(page, "command-drift").first();
  await card.locator("summary").click();
  await expect(card).toHaveAttribute("open", "");
  await expect(card.getByRole("columnheader")).toHaveText(["dev", "prod"]);
  await expect(card.getByRole("cell").first()).toHaveText("python manage.py runserver 0.0.0.0:8000");
  await expect(card.getByRole("cell").nth(1)).toContainText("gunicorn");
  await expect(card).toContainText("Fix:");

  // masked secrets stay masked in the expanded values
  const secret = finding(page, "hardcoded-secret", "SECRET_KEY");
  await secret.locator("summary").press("Enter");
  await expect(secret.locator('[data-state="secret"]').first()).toContainText("••••");
  await card.screenshot({ path: testInfo.outputPath("result-finding-expanded.png") });

  await card.getByRole("link", { name: "prod: docker-compose.prod.yml:8" }).click();
  await expect(page).toHaveURL(/#file-prod-docker-compose\.prod\.yml-L8$/);
  const line = page.locator("#file-prod-docker-compose\\.prod\\.yml-L8");
  await expect(line).toBeInViewport();
  await expect(line).toContainText("command: gunicorn");
  const targeted = await page.evaluate(() => document.querySelector(":target")?.id);
  expect(targeted).toBe("file-prod-docker-compose.prod.yml-L8");
  await page.screenshot({ path: testInfo.outputPath("result-file-line.png") });
});

test("a link to a file line opens the page at that line, highlighted, before the files were scrolled to", async ({ page }, testInfo) => {
  const res = await page.goto(`/c/${id}#file-prod-docker-compose.prod.yml-L8`);
  expect(res?.status()).toBe(200);
  const line = page.locator("#file-prod-docker-compose\\.prod\\.yml-L8");
  await expect(line).toContainText("command: gunicorn");
  await expect(line).toBeInViewport();
  await expect.poll(() => page.evaluate(() => document.querySelector(":target")?.id)).toBe("file-prod-docker-compose.prod.yml-L8");
  await expect(page).toHaveURL(/#file-prod-docker-compose\.prod\.yml-L8$/);
  await page.screenshot({ path: testInfo.outputPath("result-file-line-deep-link.png") });

  // from the keyboard: a finding's file link, followed with Enter, targets its line
  await page.goto(`/c/${id}`);
  const card = finding(page, "command-drift").first();
  await card.locator("summary").press("Enter");
  const link = card.getByRole("link", { name: "prod: docker-compose.prod.yml:8" });
  await link.focus();
  await link.press("Enter");
  await expect(line).toBeInViewport();
  await expect.poll(() => page.evaluate(() => document.querySelector(":target")?.id)).toBe("file-prod-docker-compose.prod.yml-L8");
});

test("the service graph overlays two environments", async ({ page }, testInfo) => {
  await page.goto(`/c/${id}`);
  const graph = page.getByTestId("service-graph");
  await graph.scrollIntoViewIfNeeded();
  await expect(graph).toHaveAttribute("data-envs", "dev");
  await expect(graph.locator('[data-node="web"]')).toBeVisible();
  await expect(graph.locator('[data-node="db"]')).toBeVisible();
  await expect(graph.locator('[data-node="nginx"]')).toHaveCount(0);
  // depends_on and the SQL_HOST env URL between web and db are drawn as one labelled edge
  await expect(graph.locator(".react-flow__edge")).toHaveCount(1);
  await expect(graph.locator(".react-flow__edge")).toContainText("depends on · SQL_HOST");
  // edge kinds can be switched off
  await page.getByRole("checkbox", { name: /^env URLs/ }).uncheck();
  await expect(graph.locator(".react-flow__edge")).toHaveCount(1);
  await expect(graph.locator(".react-flow__edge")).not.toContainText("SQL_HOST");
  await page.getByRole("checkbox", { name: /^env URLs/ }).check();
  await expect(graph.locator(".react-flow__edge")).toContainText("SQL_HOST");
  await page.locator("#graph").screenshot({ path: testInfo.outputPath("result-graph-dev.png") });

  await page.getByRole("checkbox", { name: "Overlay with" }).check();
  await expect(graph).toHaveAttribute("data-envs", "dev,prod");
  await expect(graph.locator('[data-node="nginx"]')).toHaveAttribute("data-presence", "b");
  await expect(graph.locator('[data-node="web"]')).toHaveAttribute("data-presence", "both");
  await page.locator("#graph").getByText("Graph as a list").click();
  await expect(page.getByTestId("graph-edges")).toContainText("nginx → web [depends on] — in prod");
  await page.locator("#graph").screenshot({ path: testInfo.outputPath("result-graph-overlay.png") });

  await page.getByRole("combobox", { name: "Environment", exact: true }).selectOption("prod");
  await page.getByRole("checkbox", { name: "Overlay with" }).uncheck();
  await expect(graph.locator('[data-node="nginx"]')).toBeVisible();
});

test("the canonical models of two environments are diffed side by side", async ({ page }, testInfo) => {
  await page.goto(`/c/${id}`);
  const diff = page.getByTestId("model-diff");
  await diff.scrollIntoViewIfNeeded();
  await page.getByRole("combobox", { name: "Left" }).selectOption("dev");
  await page.getByRole("combobox", { name: "Right" }).selectOption("prod");
  await expect(diff.locator('tr[data-kind="changed"], tr[data-kind="removed"]').filter({ hasText: "runserver" }).first()).toBeVisible();
  await expect(diff.locator('tr[data-kind="changed"], tr[data-kind="added"]').filter({ hasText: "gunicorn" }).first()).toBeAttached();
  await page.getByRole("checkbox", { name: "Changes only" }).check();
  await expect(diff.locator('tr[data-kind="same"]')).toHaveCount(0);
  await page.locator("#diff").screenshot({ path: testInfo.outputPath("result-diff.png") });

  await page.getByRole("combobox", { name: "Right" }).selectOption("dev");
  await expect(diff).toContainText("Pick two different environments.");
});

test("export links point at the report routes as downloads", async ({ page, request }) => {
  await page.goto(`/c/${id}`);
  const exportNav = page.getByRole("navigation", { name: "Export" });
  for (const [label, ext] of [["JSON", "json"], ["Markdown", "md"], ["SARIF", "sarif"]] as const) {
    const link = exportNav.getByRole("link", { name: label });
    await expect(link).toHaveAttribute("href", `/api/comparisons/${id}/report.${ext}`);
    await expect(link).toHaveAttribute("download", `compose-parity-${id}.${ext}`);
  }
  const md = await request.get(`/api/comparisons/${id}/report.md`);
  expect(md.status()).toBe(200);
  expect(await md.text()).toContain("nginx");
});

test("the same link shows the same result in a fresh browser context", async ({ page, browser }) => {
  await page.goto(`/c/${id}`);
  const score = await page.getByTestId("parity-score").textContent();
  const count = await page.getByTestId("findings-count").textContent();
  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await other.goto(`/c/${id}`);
    await expect(other.getByTestId("parity-score")).toHaveText(score ?? "");
    await expect(other.getByTestId("findings-count")).toHaveText(count ?? "");
    await expect(other.locator('[data-rule="service-missing"]').filter({ hasText: "nginx" })).toHaveCount(1);
  } finally {
    await context.close();
  }
});

test("the owner token left by the upload page is shown once, then removed", async ({ page, request }) => {
  const created = await createComparison(request);
  expect(created.ownerToken).toBeTruthy();
  await page.goto("/");
  await page.evaluate(([k, v]) => window.sessionStorage.setItem(k as string, v as string), [`cp-owner-${created.id}`, created.ownerToken]);
  await page.goto(`/c/${created.id}`);
  await expect(page.getByText("Save this owner token; it is shown only once.")).toBeVisible();
  await expect(page.getByTestId("owner-token")).toHaveText(created.ownerToken ?? "");
  expect(await page.evaluate((k) => window.sessionStorage.getItem(k), `cp-owner-${created.id}`)).toBeNull();
  await page.getByRole("button", { name: "I saved it" }).click();
  await expect(page.getByTestId("owner-token")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("owner-token")).toHaveCount(0);
});

test("review statuses show on findings and filter them", async ({ page, request }) => {
  const created = await createComparison(request);
  const reviewKey = new URL(created.reviewUrl ?? "", "http://x").searchParams.get("key");
  expect(reviewKey).toBeTruthy();
  await page.goto(`/c/${created.id}`);
  const nginx = finding(page, "service-missing", "nginx");
  const fingerprint = await nginx.getAttribute("data-finding");
  const res = await request.patch(`/api/comparisons/${created.id}/findings/${fingerprint}`, {
    headers: { authorization: `Bearer ${reviewKey}` },
    data: { status: "accepted_risk", reason: "nginx only fronts prod", by: "e2e", expectedVersion: 0 },
  });
  expect(res.status(), await res.text()).toBe(200);

  await page.goto(`/c/${created.id}?status=accepted_risk`);
  await expect(page.locator("#findings [data-finding]")).toHaveCount(1);
  await expect(nginx.locator("summary")).toContainText("Accepted risk");
  await page.getByRole("group", { name: "Review status" }).getByRole("button", { name: /^Accepted risk/ }).click();
  await page.getByRole("group", { name: "Review status" }).getByRole("button", { name: /^Open/ }).click();
  await expect(page).toHaveURL(/status=open/);
  await expect(finding(page, "service-missing")).toHaveCount(0);
  await expect(page.locator("#findings [data-finding]").first()).toBeVisible();
});

test("a comparison whose view link was revoked shows the gone page", async ({ page, request }, testInfo) => {
  const created = await createComparison(request);
  const res = await request.post(`/api/comparisons/${created.id}/revoke`, { headers: { authorization: `Bearer ${created.ownerToken}` }, data: { link: "view" } });
  expect(res.status(), await res.text()).toBe(200);
  await page.goto(`/c/${created.id}`);
  await expect(page.getByRole("heading", { name: "This comparison is gone" })).toBeVisible();
  await expect(page.getByText("Its owner revoked this link.")).toBeVisible();
  await expect(page.locator("[data-finding]")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("result-gone.png") });
});

/** Literal secret values written in the corpus files (as in test/parity/corpus.test.ts). */
const CORPUS_SECRETS: Record<string, string[]> = {
  "testdrivenio__django-on-docker__devprod": ["hello_django", "change_me"],
  "testdrivenio__flask-on-docker__devprod": ["hello_flask"],
  "testdrivenio__django-docker-traefik__devprod": ["django_traefik"],
  "fastapi__full-stack-fastapi-template__override-vs-deploy": ["changethis"],
  "briancaffey__django-step-by-step__local-vs-ec2": ["sk-proj-ABCD", "nvapi-ABC-123"],
  "rcpch__epilepsy12__2023-08-dev-vs-prod": ["mysecretkey"],
  "rcpch__epilepsy12__2023-10-localdev-vs-devvps": ["mysecretkey"],
  "netbox-community__netbox-docker__prod-vs-test": ["J5brHrAXFLQSif0K", "H733Kdjndks81", "t4Ph722qJ5QHeQ1qfu36", "r(m)9nLGnz$(_q3N4z1k"],
  "mattermost__docker__nginx-vs-without-nginx": ["mmuser_password"],
  "getsentry__self-hosted__profiles-errors-only-vs-feature-complete": ["supersecret"],
  "wemake-services__wemake-django-template__override-vs-prod": ["__CHANGEME__"],
};

test("every comparable corpus set renders without showing a secret in clear", async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  // sets with a single environment cannot be compared (the API needs two or more)
  const sets = Object.entries(manifest.sets).filter(([, s]) => Object.keys(s.environments).length >= 2);
  expect(sets.length).toBeGreaterThan(10);
  let rendered = 0;
  let pagedDiffs = 0;
  for (const [set] of sets) {
    const res = await request.post("/api/comparisons", { data: corpusUpload(set, set) });
    if (res.status() !== 201) {
      // an environment that does not load is refused with the error's file and line
      expect(res.status(), `${set}: ${await res.text()}`).toBe(422);
      const body = (await res.json()) as { error: { code: string; file?: string } };
      expect(body.error.code, set).toBeTruthy();
      continue;
    }
    const { id: setId } = (await res.json()) as { id: string };
    const answer = await page.goto(`/c/${setId}`);
    expect(answer?.status(), set).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: set })).toBeVisible();
    await expect(page.getByTestId("parity-score")).toBeVisible();
    await loadLazySections(page);
    // a large model diff is shown a page at a time; "Show all" renders every line
    const more = page.getByTestId("diff-more");
    if ((await more.count()) > 0) {
      pagedDiffs++;
      await expect(page.locator("#diff tbody tr")).toHaveCount(500);
      await more.getByRole("button", { name: "Show all" }).click();
      await expect(more).toHaveCount(0);
      expect(await page.locator("#diff tbody tr").count(), set).toBeGreaterThan(500);
    }
    const html = await page.content();
    for (const secret of CORPUS_SECRETS[set] ?? []) expect(html.includes(secret), `${set}: "${secret}" shown in clear`).toBe(false);
    await page.locator("#graph").screenshot({ path: testInfo.outputPath(`corpus-${set}-graph.png`) });
    rendered++;
  }
  expect(rendered).toBeGreaterThan(8);
  // the sentry set's models differ by thousands of lines
  expect(pagedDiffs).toBeGreaterThan(0);
});

test("an unknown id is a 404 page", async ({ page }, testInfo) => {
  const res = await page.goto("/c/no-such-comparison-id");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Comparison not found" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("result-404.png") });
});

test("the result page works on a phone-sized screen and in dark mode", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/c/${id}`);
  // the class-based dark variant (app/globals.css)
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await expect(page.getByTestId("parity-score")).toBeVisible();
  // the graph loads when scrolled to
  await page.locator("#graph").scrollIntoViewIfNeeded();
  await expect(page.locator(".react-flow")).toHaveClass(/\bdark\b/);
  await page.evaluate(() => window.scrollTo(0, 0));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath("result-phone-dark.png"), fullPage: true });
  for (const section of ["findings", "services", "env", "graph", "files"]) {
    await page.evaluate((s) => document.getElementById(s)?.scrollIntoView(), section);
    await page.screenshot({ path: testInfo.outputPath(`result-phone-${section}.png`) });
  }
});
