/**
 * Review errors are data: a closed set of codes, each with one HTTP status
 * (mapped once, at the edge). A conflict carries the finding's current state.
 */
import type { FindingReview } from "./schemas";

export type ReviewErrorCode =
  | "NOT_FOUND" // no such comparison, revision or finding (404)
  | "GONE" // the link expired or was revoked (410)
  | "FORBIDDEN" // the link does not grant this action (403)
  | "CONFLICT" // someone changed the finding first (409)
  | "INVALID"; // input that does not fit (422)

export const REVIEW_ERROR_STATUS: Record<ReviewErrorCode, number> = {
  NOT_FOUND: 404,
  GONE: 410,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID: 422,
};

export class ReviewError extends Error {
  readonly code: ReviewErrorCode;
  /** CONFLICT: the finding as it is now, so the client can show it */
  readonly current?: FindingReview;

  constructor(code: ReviewErrorCode, message: string, extra: { current?: FindingReview } = {}) {
    super(message);
    this.name = "ReviewError";
    this.code = code;
    this.current = extra.current;
  }
}

export function isReviewError(err: unknown): err is ReviewError {
  return err instanceof ReviewError;
}
