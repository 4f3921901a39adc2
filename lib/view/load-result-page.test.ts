import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComparison } from "@/lib/comparisons/create-comparison";
import { getComparison } from "@/lib/comparisons/get-comparison";
import type { Database } from "@/lib/db/client";
import { addComment } from "@/lib/review/add-comment";
import { listActivity } from "@/lib/review/list-activity";
import { listComments } from "@/lib/review/list-comments";
import { listFindingReviews } from "@/lib/review/list-finding-reviews";
import { listSignOffs } from "@/lib/review/list-sign-offs";
import { signOffRevision } from "@/lib/review/sign-off-revision";
import { setFindingStatus } from "@/lib/review/set-finding-status";
import { compareRevisions } from "@/lib/review/compare-revisions";
import { fp, openTestDatabase, seedComparison } from "@/lib/review/testing/review-db";
import { loadResultPage } from "./load-result-page";
import { readPageStateHead, readResultPageState } from "./read-result-page-state";

const DIR = join(process.cwd(), "test/fixtures/corpus/testdrivenio__django-on-docker__devprod");
const read = (f: string) => readFileSync(join(DIR, f), "utf8");
const upload = {
  title: "django",
  environments: [
    { name: "dev", files: [{ name: "docker-compose.yml", content: read("docker-compose.yml") }, { name: ".env.dev-sample", as: ".env.dev", content: read(".env.dev-sample") }] },
    { name: "prod", files: [{ name: "docker-compose.prod.yml", content: read("docker-compose.prod.yml") }, { name: ".env.prod-sample", as: ".env.prod", content: read(".env.prod-sample") }, { name: ".env.prod.db-sample", as: ".env.prod.db", content: read(".env.prod.db-sample") }] },
  ],
};

let db: Database;
let id = "";
beforeAll(async () => {
  db = await openTestDatabase();
  ({ id } = await createComparison({ db, input: upload, fingerprintKey: "f".repeat(40) }));
}, 60_000);
afterAll(async () => {
  await db?.close();
});

describe("loadResultPage", () => {
  it("reads in one statement what getComparison and lib/review's list functions read, with the files' line counts instead of their contents", async () => {
    const [first, second] = (await listFindingReviews({ prisma: db.prisma, comparisonId: id })).findings;
    await setFindingStatus({ prisma: db.prisma, comparisonId: id, fingerprint: first!.fingerprint, status: "accepted_risk", reason: "known", by: "Ana", expectedVersion: 0 });
    await addComment({ prisma: db.prisma, comparisonId: id, fingerprint: first!.fingerprint, author: "Ana", body: "**only** in <b>prod</b>" });
    await addComment({ prisma: db.prisma, comparisonId: id, fingerprint: second!.fingerprint, author: "Bo", body: "same time", now: new Date("2026-01-01T00:00:00Z") });
    await addComment({ prisma: db.prisma, comparisonId: id, fingerprint: first!.fingerprint, author: "Cy", body: "same time too", now: new Date("2026-01-01T00:00:00Z") });
    await signOffRevision({ prisma: db.prisma, comparisonId: id, name: "Lead", note: "ok for release" });
    await signOffRevision({ prisma: db.prisma, comparisonId: id, name: "Ops" });

    const page = await loadResultPage({ db, id, access: "view" });
    const stored = await getComparison({ db, id });
    const reviews = await listFindingReviews({ prisma: db.prisma, comparisonId: id });
    if (page?.status !== "ok" || stored?.status !== "ok") throw new Error("not loaded");

    expect({ ...page, stateDigest: undefined, revision: undefined, comments: undefined, activity: undefined }).toEqual({ ...stored, revision: undefined });
    expect(page.revision.number).toBe(stored.revision.number);
    expect(page.revision.createdAt).toEqual(stored.revision.createdAt);
    expect(page.revision.result).toEqual(stored.revision.result);
    expect(page.revision.models).toEqual(stored.revision.models);
    expect(page.revision.environments).toEqual(
      stored.revision.environments.map((e) => ({ ...e, files: e.files.map(({ content, ...f }) => ({ ...f, lines: content.split("\n").length })) })),
    );
    expect(page.revision.findings).toEqual(reviews.findings);
    expect(page.revision.signOffs).toEqual(await listSignOffs({ prisma: db.prisma, comparisonId: id, revision: 1 }));
    expect(page.revision.signOffs.map((o) => o.name)).toEqual(["Ops", "Lead"]);
    expect(page.comments).toEqual(await listComments({ prisma: db.prisma, comparisonId: id }));
    expect(page.comments).toHaveLength(3);
    expect(page.comments.find((c) => c.author === "Ana")?.html).toContain("<strong>only</strong>");
    expect(page.activity).toEqual(await listActivity({ prisma: db.prisma, comparisonId: id, limit: 200 }));
    expect(page.activity.length).toBeGreaterThanOrEqual(5);
    expect(page.revision.findings.find((f) => f.fingerprint === first!.fingerprint)).toMatchObject({ status: "accepted_risk", statusBy: "Ana", version: 1 });
  });

  it("reads the capability columns with the page state", async () => {
    const row = await db.prisma.comparison.findUniqueOrThrow({ where: { id } });
    const head = readPageStateHead((await readResultPageState({ db, id })).raw);
    expect(head).toEqual({
      comparison: { reviewKeyHash: row.reviewKeyHash, ownerTokenHash: row.ownerTokenHash, expiresAt: row.expiresAt, viewRevokedAt: row.viewRevokedAt, reviewRevokedAt: row.reviewRevokedAt },
      hasRevision: true,
    });
    expect(readPageStateHead((await readResultPageState({ db, id, revision: 9 })).raw)).toMatchObject({ hasRevision: false });
    expect(readPageStateHead((await readResultPageState({ db, id: "no-such-id" })).raw)).toEqual({ comparison: null, hasRevision: false });
  });

  it("tells what changed since the previous revision as compareRevisions does", async () => {
    const seeded = await seedComparison({ prisma: db.prisma, revisions: [[{ fingerprint: fp("kept") }, { fingerprint: fp("gone") }], [{ fingerprint: fp("kept") }, { fingerprint: fp("new1") }, { fingerprint: fp("new2") }]] });
    const second = await loadResultPage({ db, id: seeded.id, access: "view" });
    const first = await loadResultPage({ db, id: seeded.id, revision: 1, access: "view" });
    if (second?.status !== "ok" || first?.status !== "ok") throw new Error("not loaded");
    expect(first.revision.sincePrevious).toBeNull();
    const diff = await compareRevisions({ prisma: db.prisma, comparisonId: seeded.id, from: 1, to: 2 });
    const byFp = (xs: { fingerprint: string }[]) => [...xs].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
    expect(second.revision.sincePrevious?.added).toEqual(byFp(diff.added));
    expect(second.revision.sincePrevious?.removed).toEqual(byFp(diff.removed));
    expect(second.revision.sincePrevious?.added.map((f) => f.fingerprint)).toEqual([fp("new1"), fp("new2")]);
    expect(second.revision.sincePrevious?.removed.map((f) => f.fingerprint)).toEqual([fp("gone")]);
    // the previous revision's review state is part of the page's state
    const before = second.stateDigest;
    const rev1 = await db.prisma.revision.findFirstOrThrow({ where: { comparisonId: seeded.id, number: 1 } });
    await db.prisma.finding.updateMany({ where: { revisionId: rev1.id, fingerprint: fp("gone") }, data: { status: "fixed" } });
    const after = await loadResultPage({ db, id: seeded.id, access: "view" });
    if (after?.status !== "ok") throw new Error("not loaded");
    expect(after.stateDigest).not.toBe(before);
    expect(after.revision.sincePrevious?.removed[0]?.status).toBe("fixed");
  });

  it("answers null for an unknown id or revision, and an older revision when asked", async () => {
    expect(await loadResultPage({ db, id: "no-such-id", access: "view" })).toBeNull();
    expect(await loadResultPage({ db, id, revision: 9, access: "view" })).toBeNull();
    expect(await loadResultPage({ db, id, revision: 1, access: "view" })).toMatchObject({ status: "ok", revision: { number: 1 } });
  });

  it("reports a digest of the state it read: the same until something the page shows changes", async () => {
    const digestOf = async (revision?: number) => {
      const page = await loadResultPage({ db, id, access: "view", ...(revision ? { revision } : {}) });
      if (page?.status !== "ok") throw new Error("not loaded");
      return page.stateDigest;
    };
    const before = await digestOf();
    expect(await digestOf()).toBe(before);
    expect((await readResultPageState({ db, id })).digest).toBe(before);
    await addComment({ prisma: db.prisma, comparisonId: id, fingerprint: (await listFindingReviews({ prisma: db.prisma, comparisonId: id })).findings[0]!.fingerprint, author: "Di", body: "again" });
    const afterComment = await digestOf();
    expect(afterComment).not.toBe(before);
    await db.prisma.comparison.update({ where: { id }, data: { reviewRevokedAt: new Date() } });
    expect(await digestOf()).not.toBe(afterComment);
    await db.prisma.comparison.update({ where: { id }, data: { reviewRevokedAt: null } });
    expect(await digestOf()).toBe(afterComment);
  });

  it("is gone once expired, and to the view link once it was revoked (not to the review link)", async () => {
    await db.prisma.comparison.update({ where: { id }, data: { viewRevokedAt: new Date() } });
    expect(await loadResultPage({ db, id, access: "view" })).toEqual({ status: "gone", id, reason: "revoked" });
    expect(await loadResultPage({ db, id, access: "review" })).toMatchObject({ status: "ok" });
    await db.prisma.comparison.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(await loadResultPage({ db, id, access: "review" })).toEqual({ status: "gone", id, reason: "expired" });
  });
});
