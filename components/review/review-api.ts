/**
 * Browser client of the review API (docs/api.md "Review API"). The capability
 * (review key or owner token) travels in `Authorization: Bearer`, never in logs.
 */
import type { z } from "zod";
import { readReviewResponse, type ReviewResponse } from "@/lib/review/read-review-response";

export interface ReviewRequest<S extends z.ZodType> {
  comparisonId: string;
  /** path under /api/comparisons/<id>, e.g. `/comments?fingerprint=…` */
  path: string;
  schema: S;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** review key or owner token */
  secret?: string | null;
  signal?: AbortSignal;
}

export async function reviewRequest<S extends z.ZodType>({ comparisonId, path, schema, method = "GET", body, secret, signal }: ReviewRequest<S>): Promise<ReviewResponse<z.infer<S>>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (secret) headers.authorization = `Bearer ${secret}`;
  let res: Response;
  try {
    res = await fetch(`/api/comparisons/${encodeURIComponent(comparisonId)}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      signal,
    });
  } catch {
    return { ok: false, error: { status: 0, code: "NETWORK", message: "The server could not be reached. Check your connection and try again." } };
  }
  const payload: unknown = res.status === 204 ? {} : await res.json().catch(() => undefined);
  return readReviewResponse({ status: res.status, body: payload, schema });
}
