/**
 * Capability URLs (W3C TAG guidance): the comparison id is the view capability,
 * a review key grants review, the owner token grants everything. Only sha256
 * hashes of the key and token are stored; they are compared in constant time.
 *
 * Order of checks: unknown id → NOT_FOUND; the owner token always works (so an
 * owner can extend or delete an expired comparison); expired → GONE; a review key
 * whose link was revoked → GONE; no (or an unknown) key with the view link revoked
 * → GONE; a capability below the one needed → FORBIDDEN.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/lib/db/client";
import { ReviewError } from "./errors";
import type { Capability } from "./schemas";

export interface AuthorizeCapabilityOptions {
  prisma: PrismaClient;
  comparisonId: string;
  /** the secret the client presented (review key or owner token), if any */
  secret?: string | null;
  need: Capability;
  now?: Date;
}

export interface Authorization {
  comparisonId: string;
  capability: Capability;
  expiresAt: Date | null;
  viewRevokedAt: Date | null;
  reviewRevokedAt: Date | null;
}

const RANK: Record<Capability, number> = { view: 0, review: 1, owner: 2 };

/** sha256 (hex) of a capability secret, as stored in `reviewKeyHash` / `ownerTokenHash`. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function matchesHash(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "utf8");
  const b = Buffer.from(storedHash.toLowerCase(), "utf8");
  // equal-length buffers always; a stored hash of another length simply never matches
  const same = a.length === b.length;
  return timingSafeEqual(a, same ? b : a) && same;
}

export async function authorizeCapability({ prisma, comparisonId, secret, need, now = new Date() }: AuthorizeCapabilityOptions): Promise<Authorization> {
  const row = await prisma.comparison.findUnique({
    where: { id: comparisonId },
    select: { id: true, reviewKeyHash: true, ownerTokenHash: true, expiresAt: true, viewRevokedAt: true, reviewRevokedAt: true },
  });
  if (!row) throw new ReviewError("NOT_FOUND", "No comparison with this id.");
  const base = { comparisonId: row.id, expiresAt: row.expiresAt, viewRevokedAt: row.viewRevokedAt, reviewRevokedAt: row.reviewRevokedAt };

  const presented = secret ? secret.trim() : "";
  // both comparisons always run, so timing does not tell which secret matched
  const isOwner = presented !== "" && matchesHash(presented, row.ownerTokenHash);
  const isReviewer = presented !== "" && matchesHash(presented, row.reviewKeyHash);

  let capability: Capability;
  if (isOwner) {
    capability = "owner";
  } else {
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) throw new ReviewError("GONE", "This link has expired.");
    if (isReviewer) {
      if (row.reviewRevokedAt) throw new ReviewError("GONE", "This review link was revoked.");
      capability = "review";
    } else {
      if (row.viewRevokedAt) throw new ReviewError("GONE", "This link was revoked.");
      capability = "view";
    }
  }
  if (RANK[capability] < RANK[need]) {
    throw new ReviewError("FORBIDDEN", need === "owner" ? "Only the owner token can do this." : "This is a view-only link: use the review link to make changes.");
  }
  return { ...base, capability };
}
