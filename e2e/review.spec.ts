/**
 * Team review on the result page (issue #6): two reviewers on the review link, the
 * read-only view link, optimistic concurrency, sign-off, a new revision that keeps
 * the reviews of persisting findings, and revoked links (gone page + 410 on the API).
 * The comparison is the corpus's django-on-docker dev/prod pair, created through the API.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";

const SET = "testdrivenio__django-on-docker__devprod";
const DIR = join(process.cwd(), "test/fixtures/corpus", SET);
const read = (f: string) => readFileSync(join(DIR, f), "utf8");

const ENVIRONMENTS = [
  { name: "dev", role: "development", files: [{ name: "docker-compose.yml", content: read("docker-compose.yml") }, { name: ".env.dev", content: read(".env.dev-sample") }] },
  {
    name: "prod",
    role: "production",
    files: [
      { name: "docker-compose.prod.yml", content: read("docker-compose.prod.yml") },
      { name: ".env.prod", content: read(".env.prod-sample") },
      { name: ".env.prod.db", content: read(".env.prod.db-sample") },
    ],
  },
];

interface Created {
  id: string;
  ownerToken: string;
  reviewKey: string;
}

async function createComparison(request: APIRequestContext, title: string): Promise<Created> {
  const res = await request.post("/api/comparisons", { data: { title, environments: ENVIRONMENTS } });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { id: string; ownerToken: string; reviewUrl: string };
  const reviewKey = new URL(body.reviewUrl, "http://x").searchParams.get("key");
  expect(reviewKey).toBeTruthy();
  return { id: body.id, ownerToken: body.ownerToken, reviewKey: reviewKey ?? "" };
}

const nginxCard = (page: Page) => page.locator('[data-rule="service-missing"]').filter({ hasText: "nginx" });

async function openAs(browser: Browser, url: string, name: string | null): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  if (name) {
    await page.getByLabel("Your name (shown with your changes)").fill(name);
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByTestId("reviewer-name")).toContainText(`Reviewing as ${name}`);
  }
  return page;
}

async function expand(page: Page) {
  const card = nginxCard(page);
  await card.locator("summary").click();
  await expect(card).toHaveAttribute("open", "");
  return card;
}

test("two reviewers: one comments and sets a status, the other sees it after reload; the second change of a stale page is not lost", async ({ browser, request }, testInfo) => {
  const c = await createComparison(request, "review: two reviewers");
  const reviewUrl = `/c/${c.id}?key=${c.reviewKey}`;
  const ana = await openAs(browser, reviewUrl, "Ana");
  const ben = await openAs(browser, reviewUrl, "Ben");

  // Ana: status + reason, then a comment with markdown and an HTML tag that must stay text
  const card = await expand(ana);
  await card.getByRole("combobox", { name: "Status", exact: true }).selectOption("accepted_risk");
  await card.getByLabel("Reason (optional)").fill("nginx only fronts prod");
  await card.getByRole("button", { name: "Save", exact: true }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  await expect(card.locator("summary")).toContainText("Accepted risk");
  await card.getByRole("textbox", { name: "Comment", exact: true }).fill("Checked with **ops**: <b>prod-only</b> on purpose");
  await card.getByRole("button", { name: "Comment", exact: true }).click();
  const thread = card.getByTestId("comment-thread");
  await expect(thread.locator("strong", { hasText: "ops" })).toBeVisible();
  await expect(thread).toContainText("<b>prod-only</b> on purpose");
  await expect(thread.locator("b")).toHaveCount(0);
  // the activity log names who did what
  const log = ana.getByTestId("activity-log");
  await expect(log).toContainText("Ana set service-missing (nginx");
  await expect(log).toContainText("to Accepted risk: nginx only fronts prod");
  await expect(log).toContainText("Ana commented on service-missing (nginx");
  await card.screenshot({ path: testInfo.outputPath("review-finding-ana.png") });

  // Ben's page was loaded before: it still shows "open" until he reloads
  await expect(nginxCard(ben).locator("summary")).toContainText("Open");
  await ben.reload();
  const benCard = await expand(ben);
  await expect(benCard.locator("summary")).toContainText("Accepted risk");
  await expect(benCard.getByRole("combobox", { name: "Status", exact: true })).toHaveValue("accepted_risk");
  await expect(benCard.getByText("Accepted risk · set by Ana")).toBeVisible();
  await expect(benCard.getByTestId("comment-thread")).toContainText("Ana");
  await expect(benCard.getByTestId("comment-thread")).toContainText("<b>prod-only</b> on purpose");

  // concurrency: Ana changes it again; Ben, still on the version he loaded, is told and sees hers
  await card.getByRole("combobox", { name: "Status", exact: true }).selectOption("will_fix");
  await card.getByRole("button", { name: "Save", exact: true }).click();
  await expect(card.locator("summary")).toContainText("Will fix");
  await benCard.getByRole("combobox", { name: "Status", exact: true }).selectOption("false_positive");
  await benCard.getByRole("button", { name: "Save", exact: true }).click();
  await expect(benCard.getByRole("alert")).toContainText("Ana changed this finding first");
  await expect(benCard.getByRole("alert")).toContainText("it is now Will fix");
  await expect(benCard.getByRole("combobox", { name: "Status", exact: true })).toHaveValue("will_fix");
  await expect(benCard.locator("summary")).toContainText("Will fix");
  await benCard.screenshot({ path: testInfo.outputPath("review-conflict-ben.png") });
  const fingerprint = await benCard.getAttribute("data-finding");
  const state = await request.get(`/api/comparisons/${c.id}/findings`);
  const { findings } = (await state.json()) as { findings: { fingerprint: string; status: string; statusBy: string; version: number }[] };
  expect(findings.find((f) => f.fingerprint === fingerprint)).toMatchObject({ status: "will_fix", statusBy: "Ana", version: 2 });

  // Ben signs off despite the warning about open high/critical findings
  const signOff = ben.getByTestId("sign-off-panel");
  await expect(signOff).toContainText("Not approved yet.");
  await expect(signOff).toContainText(/open findings? of high or critical severity/);
  await signOff.getByLabel("Note (optional)").fill("ok for 4.2");
  await signOff.getByRole("button", { name: "Approve anyway" }).click();
  await expect(signOff).toContainText("Approved by Ben");
  await expect(ben.getByTestId("activity-log")).toContainText("Ben approved revision 1 for release with");
  await ana.reload();
  await expect(ana.getByTestId("release-state")).toHaveText("✓ Revision 1 approved for release by Ben");
  await ben.getByTestId("sign-off-panel").screenshot({ path: testInfo.outputPath("review-sign-off.png") });
  await ben.locator("#activity").screenshot({ path: testInfo.outputPath("review-activity.png") });
  await ana.context().close();
  await ben.context().close();
});

test("the view link is read-only: statuses, comments, sign-off and activity are shown, no controls", async ({ browser, request }, testInfo) => {
  const c = await createComparison(request, "review: view link");
  const ana = await openAs(browser, `/c/${c.id}?key=${c.reviewKey}`, "Ana");
  const card = await expand(ana);
  await card.getByRole("combobox", { name: "Status", exact: true }).selectOption("accepted_risk");
  await card.getByRole("button", { name: "Save", exact: true }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  await card.getByRole("textbox", { name: "Comment", exact: true }).fill("seen");
  await card.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(card.getByTestId("comment-thread")).toContainText("seen");
  await ana.context().close();

  const viewer = await openAs(browser, `/c/${c.id}`, null);
  const viewCard = await expand(viewer);
  await expect(viewCard.locator("summary")).toContainText("Accepted risk");
  await expect(viewCard).toContainText("Status set by Ana");
  await expect(viewCard.getByTestId("comment-thread")).toContainText("seen");
  await expect(viewer.getByTestId("finding-review-controls")).toHaveCount(0);
  await expect(viewer.getByRole("textbox", { name: "Comment", exact: true })).toHaveCount(0);
  await expect(viewer.getByTestId("review-bar")).toHaveCount(0);
  await expect(viewer.getByTestId("upload-revision")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await expect(viewer.getByTestId("sign-off-panel")).toContainText("Not approved yet.");
  await expect(viewer.getByTestId("release-state")).toHaveText("Revision 1 not approved for release yet");
  await expect(viewer.getByTestId("activity-log")).toContainText("Ana set service-missing (nginx");

  // a made-up key is not a review key: still read-only, and the page says so
  await viewer.goto(`/c/${c.id}?key=not-the-key`);
  await expect(viewer.getByText("is not this comparison's review key")).toBeVisible();
  // (a card's details are rendered when it is opened)
  await expect(await expand(viewer)).toContainText("Status set by Ana");
  await expect(viewer.getByTestId("finding-review-controls")).toHaveCount(0);
  await viewer.screenshot({ path: testInfo.outputPath("review-view-link.png"), fullPage: true });
  await viewer.context().close();
});

test("a new revision keeps the accepted status of a persisting finding, resolves the gone ones and marks the new ones", async ({ page, request }, testInfo) => {
  const c = await createComparison(request, "review: revisions");
  await page.goto(`/c/${c.id}?key=${c.reviewKey}`);
  await page.getByLabel("Your name (shown with your changes)").fill("Ana");
  await page.getByRole("button", { name: "Save name" }).click();
  const card = await expand(page);
  await card.getByRole("combobox", { name: "Status", exact: true }).selectOption("accepted_risk");
  await card.getByLabel("Reason (optional)").fill("nginx only fronts prod");
  await card.getByRole("button", { name: "Save", exact: true }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  await card.getByRole("textbox", { name: "Comment", exact: true }).fill("keep an eye on it");
  await card.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(card.getByTestId("comment-thread")).toContainText("keep an eye on it");
  await expect(page.locator('[data-rule="command-drift"]')).not.toHaveCount(0);

  // revision 2: dev now runs gunicorn like prod (the command drift goes), prod moves to postgres 16 (a new gap)
  const file = (name: string, content: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(content) });
  const upload = page.getByTestId("upload-revision");
  await upload.getByLabel("Choose files for dev").setInputFiles([
    file("docker-compose.yml", read("docker-compose.yml").replace("python manage.py runserver 0.0.0.0:8000", "gunicorn hello_django.wsgi:application --bind 0.0.0.0:8000")),
    file(".env.dev", read(".env.dev-sample")),
  ]);
  await upload.getByLabel("Choose files for prod").setInputFiles([
    file("docker-compose.prod.yml", read("docker-compose.prod.yml").replace("postgres:15", "postgres:16")),
    file(".env.prod", read(".env.prod-sample")),
    file(".env.prod.db", read(".env.prod.db-sample")),
  ]);
  await expect(upload.locator('[data-env="prod"] [data-testid="file-row"]')).toHaveCount(3);
  await upload.screenshot({ path: testInfo.outputPath("review-upload-revision.png") });
  await upload.getByRole("button", { name: "Upload revision" }).click();

  // the page opens revision 2 with what changed since revision 1
  await expect(page).toHaveURL(/revision=2/);
  expect(new URL(page.url()).searchParams.get("compare")).toBe("1");
  expect(new URL(page.url()).searchParams.get("key")).toBe(c.reviewKey);
  await expect(page.getByText("Revision 2 of 2")).toBeVisible();
  const kept = nginxCard(page);
  await expect(kept).toHaveAttribute("data-status", "accepted_risk");
  await expect(kept.locator("summary")).toContainText("Accepted risk");
  await expect(kept).not.toHaveAttribute("data-new", "true");
  await kept.locator("summary").click();
  await expect(kept.getByTestId("comment-thread")).toContainText("keep an eye on it");
  await expect(page.locator('[data-rule="command-drift"]')).toHaveCount(0);
  const fresh = page.locator('#findings [data-new="true"]');
  await expect(fresh.first()).toBeVisible();
  await expect(fresh.filter({ hasText: "postgres" }).first()).toContainText("New");
  await expect(page.getByTestId("since-previous")).toContainText(/Since revision 1: \d+ new findings? \(marked New below\), \d+ resolved/);
  const diff = page.getByTestId("revision-diff");
  await expect(diff).toContainText("Changes from revision 1 to 2");
  await expect(diff).toContainText(/\d+ new · \d+ resolved/);
  await expect(diff).toContainText("command-drift");
  await expect(page.getByTestId("activity-log")).toContainText("Ana uploaded revision 2");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath("review-revision-2.png") });
  await page.locator("#findings").screenshot({ path: testInfo.outputPath("review-revision-2-findings.png") });

  // without the full diff, revision 2 lists what was resolved since revision 1
  await page.getByTestId("revision-switcher").getByRole("link", { name: "2 (latest)" }).click();
  await expect(page.getByTestId("revision-diff")).toHaveCount(0);
  await expect(page.getByTestId("since-previous").getByRole("list", { name: "Resolved since revision 1" })).toContainText("command-drift");

  // the switcher goes back to revision 1 (keeping the key): the drift there is now resolved as fixed
  await page.getByTestId("revision-switcher").getByRole("link", { name: "1", exact: true }).click();
  await expect(page.getByText("Revision 1 of 2")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("key")).toBe(c.reviewKey);
  await expect(page.locator('[data-rule="command-drift"]').first()).toHaveAttribute("data-status", "fixed");
  await expect(page.getByTestId("sign-off-panel")).toContainText("not the latest");

  // compare any two revisions with the form
  await page.getByLabel("From revision").selectOption("2");
  await page.getByLabel("To revision").selectOption("1");
  await page.getByRole("button", { name: "Show changes" }).click();
  await expect(page.getByTestId("revision-diff")).toContainText("Changes from revision 2 to 1");
});

test("the owner revokes links: the page shows the gone page, the API answers 410", async ({ page, request, browser }, testInfo) => {
  const c = await createComparison(request, "review: revoke");
  // the upload page hands the owner token over in sessionStorage; the result page shows it once and unlocks the owner panel
  await page.goto("/");
  await page.evaluate(([k, v]) => window.sessionStorage.setItem(k as string, v as string), [`cp-owner-${c.id}`, c.ownerToken]);
  await page.goto(`/c/${c.id}?key=${c.reviewKey}`);
  await expect(page.getByTestId("owner-token")).toHaveText(c.ownerToken);
  expect(page.url()).not.toContain(c.ownerToken);
  const owner = page.getByTestId("owner-panel");
  await expect(owner.getByRole("button", { name: "Revoke review link" })).toBeVisible();
  await owner.getByLabel("Links expire").selectOption("7d");
  await owner.getByRole("button", { name: "Set expiry" }).click();
  await expect(owner).toContainText("Links now expire on");
  page.once("dialog", (d) => void d.accept());
  await owner.getByRole("button", { name: "Revoke review link" }).click();
  await expect(owner).toContainText("Review link revoked on");
  await owner.screenshot({ path: testInfo.outputPath("review-owner-panel.png") });

  await page.goto(`/c/${c.id}?key=${c.reviewKey}`);
  await expect(page.getByRole("heading", { name: "This comparison is gone" })).toBeVisible();
  await expect(page.getByText("Its owner revoked this link.")).toBeVisible();
  await expect(page.locator("[data-finding]")).toHaveCount(0);
  const revoked = await request.get(`/api/comparisons/${c.id}/findings`, { headers: { authorization: `Bearer ${c.reviewKey}` } });
  expect(revoked.status()).toBe(410);
  // the view link still works, read-only
  await page.goto(`/c/${c.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "review: revoke" })).toBeVisible();

  // another browser: the owner pastes the token and revokes the view link
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(`/c/${c.id}`);
  await other.getByTestId("owner-section").locator("summary").click();
  await other.getByLabel("Owner token (given once when the comparison was created)").fill(c.ownerToken);
  await other.getByRole("button", { name: "Unlock" }).click();
  other.once("dialog", (d) => void d.accept());
  await other.getByRole("button", { name: "Revoke view link" }).click();
  await expect(other.getByTestId("owner-panel")).toContainText("View link revoked on");
  await other.reload();
  await expect(other.getByRole("heading", { name: "This comparison is gone" })).toBeVisible();
  await other.screenshot({ path: testInfo.outputPath("review-gone.png") });
  await context.close();
  const gone = await request.get(`/api/comparisons/${c.id}`);
  expect(gone.status()).toBe(410);
  expect(((await gone.json()) as { error: { code: string } }).error.code).toBe("GONE");
});

test("a revoked view link does not lock out the review link", async ({ page, request }) => {
  const c = await createComparison(request, "review: view revoked");
  const res = await request.post(`/api/comparisons/${c.id}/revoke`, { headers: { authorization: `Bearer ${c.ownerToken}` }, data: { link: "view" } });
  expect(res.status(), await res.text()).toBe(200);
  const gone = await page.goto(`/c/${c.id}`);
  expect(gone?.status()).toBe(410);
  await expect(page.getByText("Its owner revoked this link.")).toBeVisible();
  const ok = await page.goto(`/c/${c.id}?key=${c.reviewKey}`);
  expect(ok?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "review: view revoked" })).toBeVisible();
  await expect(nginxCard(page)).toBeVisible();
});

test("the review link works on a phone-sized screen in dark mode", async ({ page, request }, testInfo) => {
  const c = await createComparison(request, "review: phone");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/c/${c.id}?key=${c.reviewKey}`);
  await page.getByLabel("Your name (shown with your changes)").fill("Ana");
  await page.getByRole("button", { name: "Save name" }).click();
  const card = await expand(page);
  await expect(card.getByRole("combobox", { name: "Status", exact: true })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await card.screenshot({ path: testInfo.outputPath("review-phone-finding.png") });
  await page.getByTestId("upload-revision").screenshot({ path: testInfo.outputPath("review-phone-upload.png") });
  await page.getByTestId("owner-section").locator("summary").click();
  await expect(page.getByLabel("Owner token (given once when the comparison was created)")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.getByTestId("owner-section").screenshot({ path: testInfo.outputPath("review-phone-owner.png") });
});
