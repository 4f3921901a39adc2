/**
 * The capability a presented secret grants on a comparison row, decided without
 * the database (authorizeCapability reads the row and calls this; the result
 * page's cache in server.ts decides from the row its page statement read).
 * Only sha256 hashes of the key and token are stored; they are compared in
 * constant time.
 *
 * Order of checks: the owner token always works (so an owner can extend or
 * delete an expired comparison); expired → GONE; a review key whose link was
 * revoked → GONE; no (or an unknown) key with the view link revoked → GONE; a
 * capability below the one needed → FORBIDDEN.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { ReviewError } from "./errors";
import type { Capability } from "./schemas";

/** The columns of a comparison the decision reads. */
export interface CapabilityRow {
  reviewKeyHash: string;
  ownerTokenHash: string;
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

/** The capability `secret` grants on `row` at `now`; throws ReviewError GONE or FORBIDDEN. */
export function decideCapability({ row, secret, need, now }: { row: CapabilityRow; secret?: string | null; need: Capability; now: Date }): Capability {
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
  return capability;
}
