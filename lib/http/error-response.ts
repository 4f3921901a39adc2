/**
 * The one place errors become HTTP answers: known errors (data with a code) map to a
 * 4xx `{ error: { code, message, file, line, col } }`; anything else is logged and
 * answered with a generic 500 that reveals nothing.
 */
import type { Logger } from "pino";
import { AnalysisError, InvalidInputError } from "@/lib/comparisons/errors";
import { ReviewError, REVIEW_ERROR_STATUS } from "@/lib/review/errors";
import { RequestError, type RequestErrorCode } from "./errors";

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    file: string | null;
    line: number | null;
    col: number | null;
    /** INVALID_INPUT: where in the body (`environments.0.files`) */
    path?: string;
    /** analysis errors: the environment the file belongs to */
    environment?: string;
  };
}

export const REQUEST_ERROR_STATUS: Record<RequestErrorCode, number> = {
  INVALID_JSON: 400,
  INVALID_QUERY: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/** Headers every /api/comparisons answer carries (next.config.ts sets them too). */
export const API_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex",
};

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...API_HEADERS, ...headers } });
}

export function apiErrorBody(code: string, message: string, extra: Partial<ApiErrorBody["error"]> = {}): ApiErrorBody {
  return { error: { code, message, file: null, line: null, col: null, ...extra } };
}

export function apiError(status: number, code: string, message: string, extra: Partial<ApiErrorBody["error"]> = {}): Response {
  return jsonResponse(apiErrorBody(code, message, extra), status);
}

export interface ErrorResponseOptions {
  error: unknown;
  log: Pick<Logger, "error">;
  /** route pattern for the log line (never the capability id) */
  route: string;
}

/** The status and body of the answer to `error` (unknown errors are logged here). */
export function describeError({ error, log, route }: ErrorResponseOptions): { status: number; body: ApiErrorBody } {
  if (error instanceof RequestError) return { status: REQUEST_ERROR_STATUS[error.code], body: apiErrorBody(error.code, error.message) };
  if (error instanceof InvalidInputError) return { status: 422, body: apiErrorBody(error.code, error.message, { path: error.path }) };
  if (error instanceof AnalysisError) {
    return { status: 422, body: apiErrorBody(error.code, error.message, { file: error.file, line: error.line, col: error.col, environment: error.environment }) };
  }
  if (error instanceof ReviewError) return { status: REVIEW_ERROR_STATUS[error.code], body: apiErrorBody(error.code, error.message) };
  // unknown: log the error (never the request body), answer without details
  log.error({ err: error, route }, "request failed");
  return { status: 500, body: apiErrorBody("INTERNAL", "Something went wrong on our side.") };
}

export function errorResponse(options: ErrorResponseOptions): Response {
  const { status, body } = describeError(options);
  return jsonResponse(body, status);
}
