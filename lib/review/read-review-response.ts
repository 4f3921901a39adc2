/**
 * Reads a review API answer in the browser into `{ ok, data }` or `{ ok: false,
 * error }`, never throwing: the body is parsed with the expected schema, a 409
 * keeps the finding's current state, anything unexpected becomes a readable error.
 */
import { z } from "zod";
import { findingReviewSchema, type FindingReview } from "./schemas";

export const reviewApiErrorSchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string(), current: findingReviewSchema.optional() }),
});

export interface ReviewApiError {
  status: number;
  code: string;
  message: string;
  current?: FindingReview;
}

export type ReviewResponse<T> = { ok: true; data: T } | { ok: false; error: ReviewApiError };

export interface ReadReviewResponseOptions<S extends z.ZodType> {
  status: number;
  body: unknown;
  schema: S;
}

const FALLBACK: Record<number, string> = {
  403: "This link is view-only: open the review link to make changes.",
  404: "This comparison no longer exists.",
  410: "This link has expired or was revoked.",
};

export function readReviewResponse<S extends z.ZodType>({ status, body, schema }: ReadReviewResponseOptions<S>): ReviewResponse<z.infer<S>> {
  if (status >= 200 && status < 300) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return { ok: true, data: parsed.data };
    return { ok: false, error: { status, code: "BAD_RESPONSE", message: "The server sent an answer this page does not understand. Reload the page." } };
  }
  const err = reviewApiErrorSchema.safeParse(body);
  if (err.success) return { ok: false, error: { status, code: err.data.error.code, message: err.data.error.message, ...(err.data.error.current ? { current: err.data.error.current } : {}) } };
  return { ok: false, error: { status, code: `HTTP_${status}`, message: FALLBACK[status] ?? `The request failed (HTTP ${status}). Try again in a moment.` } };
}
