import { describe, expect, it } from "vitest";
import { addComment } from "./add-comment";
import { ReviewError } from "./errors";
import { listActivity } from "./list-activity";
import { listComments } from "./list-comments";
import { fp, withTestDatabase, seedComparison } from "./testing/review-db";

const db = withTestDatabase();

describe("addComment", () => {
  it("stores the comment, renders it safely and logs it", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }]] });
    const out = await addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), author: " Ana ", body: "use **secrets** <b>x</b>" });
    expect(out).toMatchObject({ author: "Ana", body: "use **secrets** <b>x</b>", html: "<p>use <strong>secrets</strong> &lt;b&gt;x&lt;/b&gt;</p>" });
    expect(await listComments({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a") })).toEqual([out]);
    expect((await listActivity({ prisma: db().prisma, comparisonId: c.id }))[0]).toMatchObject({ actor: "Ana", action: "comment.add", fingerprint: fp("a") });
  });

  it("keeps the thread in order across revisions (keyed by fingerprint)", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }], [{ fingerprint: fp("a") }]] });
    await addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), author: "Ana", body: "first", now: new Date("2026-01-01T00:00:00Z") });
    await addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), author: "Bo", body: "second", now: new Date("2026-01-02T00:00:00Z") });
    expect((await listComments({ prisma: db().prisma, comparisonId: c.id })).map((x) => x.body)).toEqual(["first", "second"]);
  });

  it("refuses bodies over 10,000 characters, names over 80 and empty bodies", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }]] });
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e as ReviewError).code);
    expect(await code(addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), author: "Ana", body: "x".repeat(10_001) }))).toBe("INVALID");
    expect(await code(addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), author: "A".repeat(81), body: "x" }))).toBe("INVALID");
    expect(await code(addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), author: "Ana", body: "   " }))).toBe("INVALID");
    expect(await code(addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("a"), author: "Ana", body: "x".repeat(10_000) }))).toBe("ok");
  });

  it("answers NOT_FOUND for a finding the comparison never had", async () => {
    const c = await seedComparison({ prisma: db().prisma, revisions: [[{ fingerprint: fp("a") }]] });
    const err = await addComment({ prisma: db().prisma, comparisonId: c.id, fingerprint: fp("b"), author: "Ana", body: "hi" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReviewError);
    expect((err as ReviewError).code).toBe("NOT_FOUND");
  });
});
