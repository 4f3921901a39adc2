/**
 * Capability URLs (W3C TAG guidance): the comparison id is the view capability,
 * a review key grants review, the owner token grants everything. Only sha256
 * hashes of the key and token are stored; they are compared in constant time.
 *
 * Unknown id → NOT_FOUND; the rest is decideCapability's (owner token always works;
 * expired → GONE; revoked link → GONE; a capability below the one needed → FORBIDDEN).
 */
import type { PrismaClient } from "@/lib/db/client";
import { decideCapability } from "./decide-capability";
import { ReviewError } from "./errors";
import type { Capability } from "./schemas";

export { hashSecret, matchesHash } from "./decide-capability";

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

export async function authorizeCapability({ prisma, comparisonId, secret, need, now = new Date() }: AuthorizeCapabilityOptions): Promise<Authorization> {
  const row = await prisma.comparison.findUnique({
    where: { id: comparisonId },
    select: { id: true, reviewKeyHash: true, ownerTokenHash: true, expiresAt: true, viewRevokedAt: true, reviewRevokedAt: true },
  });
  if (!row) throw new ReviewError("NOT_FOUND", "No comparison with this id.");
  const base = { comparisonId: row.id, expiresAt: row.expiresAt, viewRevokedAt: row.viewRevokedAt, reviewRevokedAt: row.reviewRevokedAt };

  const capability = decideCapability({ row, secret, need, now });
  return { ...base, capability };
}
