/** A Finding row as the review API shows it. */
import { findingStatusSchema, type FindingReview } from "./schemas";

export const FINDING_REVIEW_SELECT = {
  fingerprint: true,
  rule: true,
  severity: true,
  service: true,
  key: true,
  message: true,
  status: true,
  statusReason: true,
  statusBy: true,
  statusAt: true,
  version: true,
  revision: { select: { number: true } },
} as const;

export interface FindingReviewRow {
  fingerprint: string;
  rule: string;
  severity: string;
  service: string | null;
  key: string | null;
  message: string;
  status: string;
  statusReason: string | null;
  statusBy: string | null;
  statusAt: Date | null;
  version: number;
  revision: { number: number };
}

export function toFindingReview(row: FindingReviewRow): FindingReview {
  const status = findingStatusSchema.safeParse(row.status);
  return {
    fingerprint: row.fingerprint,
    revision: row.revision.number,
    rule: row.rule,
    severity: row.severity,
    service: row.service,
    key: row.key,
    message: row.message,
    status: status.success ? status.data : "open",
    statusReason: row.statusReason,
    statusBy: row.statusBy,
    statusAt: row.statusAt ? row.statusAt.toISOString() : null,
    version: row.version,
  };
}
