import { describe, expect, it } from "vitest";
import { authorizeCapability, hashSecret, matchesHash } from "./authorize-capability";
import { ReviewError } from "./errors";
import { withTestDatabase, seedComparison } from "./testing/review-db";

const db = withTestDatabase();

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof ReviewError) return e.code;
    throw e;
  }
}

describe("matchesHash", () => {
  it("matches only the secret whose sha256 is stored", () => {
    const h = hashSecret("s3cret");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(matchesHash("s3cret", h)).toBe(true);
    expect(matchesHash("s3cret", h.toUpperCase())).toBe(true);
    expect(matchesHash("s3creT", h)).toBe(false);
    expect(matchesHash("s3cret", "abc")).toBe(false);
  });
});

describe("authorizeCapability", () => {
  it("grants view without a key, review with the review key, owner with the owner token", async () => {
    const c = await seedComparison({ prisma: db().prisma });
    expect((await authorizeCapability({ prisma: db().prisma, comparisonId: c.id, need: "view" })).capability).toBe("view");
    expect((await authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.reviewKey, need: "review" })).capability).toBe("review");
    expect((await authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.ownerToken, need: "owner" })).capability).toBe("owner");
    expect((await authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.ownerToken, need: "review" })).capability).toBe("owner");
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: "nope", need: "view" }))).toBe("NOT_FOUND");
  });

  it("answers FORBIDDEN when the link does not grant the action", async () => {
    const c = await seedComparison({ prisma: db().prisma });
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, need: "review" }))).toBe("FORBIDDEN");
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: "wrong", need: "review" }))).toBe("FORBIDDEN");
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.reviewKey, need: "owner" }))).toBe("FORBIDDEN");
  });

  it("answers GONE once expired, except to the owner", async () => {
    const now = new Date("2026-01-10T00:00:00Z");
    const c = await seedComparison({ prisma: db().prisma, expiresAt: new Date("2026-01-09T00:00:00Z") });
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, need: "view", now }))).toBe("GONE");
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.reviewKey, need: "view", now }))).toBe("GONE");
    expect((await authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.ownerToken, need: "owner", now })).capability).toBe("owner");
    // not yet expired the day before
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, need: "view", now: new Date("2026-01-08T00:00:00Z") }))).toBe("ok");
  });

  it("answers GONE for a revoked link while the other link keeps working", async () => {
    const c = await seedComparison({ prisma: db().prisma });
    await db().prisma.comparison.update({ where: { id: c.id }, data: { viewRevokedAt: new Date() }, select: { id: true } });
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, need: "view" }))).toBe("GONE");
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.reviewKey, need: "review" }))).toBe("ok");
    await db().prisma.comparison.update({ where: { id: c.id }, data: { reviewRevokedAt: new Date() }, select: { id: true } });
    expect(await codeOf(authorizeCapability({ prisma: db().prisma, comparisonId: c.id, secret: c.reviewKey, need: "view" }))).toBe("GONE");
  });
});
