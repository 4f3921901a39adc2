/**
 * The data the result page renders: a stored comparison revision, as
 * `getComparison` returns it (files redacted, models secret-masked).
 */
import type { ParityResult } from "@/lib/parity/result-schema";

export type FindingStatus = "open" | "accepted_risk" | "will_fix" | "fixed" | "false_positive";
export const FINDING_STATUSES: readonly FindingStatus[] = ["open", "accepted_risk", "will_fix", "fixed", "false_positive"];
export const STATUS_LABELS: Record<FindingStatus, string> = {
  open: "Open",
  accepted_risk: "Accepted risk",
  will_fix: "Will fix",
  fixed: "Fixed",
  false_positive: "False positive",
};

export interface ViewFile {
  name: string;
  path: string;
  kind: string;
  /** redacted content */
  content: string;
  size: number;
  sha256: string;
}

export interface ViewEnvironment {
  name: string;
  role: string;
  position: number;
  files: ViewFile[];
}

export interface ViewFindingReview {
  fingerprint: string;
  status: string;
  statusReason: string | null;
}

export interface ViewComparison {
  id: string;
  title: string;
  createdAt: Date | string;
  expiresAt: Date | string | null;
  revisionNumber: number;
  revisionCount: number;
  result: ParityResult;
  /** per environment name: the canonical compose model (secret-masked) */
  models: Record<string, unknown>;
  environments: ViewEnvironment[];
  reviews: ViewFindingReview[];
}
