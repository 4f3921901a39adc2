/**
 * The review vocabulary: statuses, capabilities, activity actions and the zod
 * schemas every review input is parsed with (docs/api.md "Review API").
 */
import { z } from "zod";

export const FINDING_STATUSES = ["open", "accepted_risk", "will_fix", "fixed", "false_positive"] as const;
export const findingStatusSchema = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof findingStatusSchema>;

export const STATUS_LABELS: Record<FindingStatus, string> = {
  open: "Open",
  accepted_risk: "Accepted risk",
  will_fix: "Will fix",
  fixed: "Fixed",
  false_positive: "False positive",
};

/** view ⊂ review ⊂ owner */
export const CAPABILITIES = ["view", "review", "owner"] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const MAX_NAME_LENGTH = 80;
export const MAX_COMMENT_LENGTH = 10_000;
export const MAX_REASON_LENGTH = 1_000;
export const MAX_NOTE_LENGTH = 2_000;

/** A reviewer's display name: trimmed, 1-80 characters, no control characters. */
export const reviewerNameSchema = z
  .string()
  .trim()
  .min(1, "a name is required")
  .max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "no control characters");

export const fingerprintSchema = z.string().regex(/^[0-9a-f]{16}$/, "a finding id (16 hex characters)");
export const revisionNumberSchema = z.coerce.number().int().min(1).max(1_000_000);

export const setFindingStatusInputSchema = z.object({
  status: findingStatusSchema,
  reason: z.string().trim().max(MAX_REASON_LENGTH).optional().nullable(),
  by: reviewerNameSchema,
  /** the `version` the client last saw (optimistic concurrency) */
  expectedVersion: z.number().int().min(0),
});
export type SetFindingStatusInput = z.infer<typeof setFindingStatusInputSchema>;

export const addCommentInputSchema = z.object({
  author: reviewerNameSchema,
  body: z.string().trim().min(1, "a comment is required").max(MAX_COMMENT_LENGTH, `at most ${MAX_COMMENT_LENGTH} characters`),
});
export type AddCommentInput = z.infer<typeof addCommentInputSchema>;

export const signOffInputSchema = z.object({
  name: reviewerNameSchema,
  note: z.string().trim().max(MAX_NOTE_LENGTH).default(""),
  /** the revision approved; the latest when absent */
  revision: revisionNumberSchema.optional(),
});
export type SignOffInput = z.infer<typeof signOffInputSchema>;

export const EXPIRY_CHOICES = ["1d", "7d", "30d", "never"] as const;
export const expiryChoiceSchema = z.enum(EXPIRY_CHOICES);
export type ExpiryChoice = z.infer<typeof expiryChoiceSchema>;
export const EXPIRY_LABELS: Record<ExpiryChoice, string> = { "1d": "1 day", "7d": "7 days", "30d": "30 days", never: "Never" };

export const setExpiryInputSchema = z.object({ expiresIn: expiryChoiceSchema });
export const LINK_KINDS = ["view", "review"] as const;
export const revokeLinkInputSchema = z.object({ link: z.enum(LINK_KINDS) });
export type LinkKind = (typeof LINK_KINDS)[number];

/** Activity actions, a closed set (shown in the activity log). */
export const ACTIVITY_ACTIONS = [
  "status.set",
  "comment.add",
  "signoff.add",
  "revision.add",
  "finding.resolved",
  "expiry.set",
  "link.revoke",
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/** The review state of one finding of one revision. */
export const findingReviewSchema = z.object({
  fingerprint: z.string(),
  revision: z.number().int(),
  rule: z.string(),
  severity: z.string(),
  service: z.string().nullable(),
  key: z.string().nullable(),
  message: z.string(),
  status: findingStatusSchema,
  statusReason: z.string().nullable(),
  statusBy: z.string().nullable(),
  statusAt: z.string().nullable(),
  version: z.number().int(),
});
export type FindingReview = z.infer<typeof findingReviewSchema>;

export const commentSchema = z.object({
  id: z.string(),
  fingerprint: z.string(),
  author: z.string(),
  body: z.string(),
  /** the body rendered by renderMarkdownSafe (escaped HTML subset) */
  html: z.string(),
  createdAt: z.string(),
});
export type ReviewComment = z.infer<typeof commentSchema>;

export const signOffSchema = z.object({
  id: z.string(),
  revision: z.number().int(),
  name: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type SignOff = z.infer<typeof signOffSchema>;

export const activitySchema = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.enum(ACTIVITY_ACTIONS),
  fingerprint: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type ActivityEntry = z.infer<typeof activitySchema>;
