/**
 * The edge of the review API, on top of lib/http (the app's one error → status
 * map, JSON body reader and API headers): reads the presented capability,
 * authorizes it, parses input with zod, and answers a conflict with the finding's
 * current state. Never logs request bodies.
 */
import type { z } from "zod";
import { InvalidInputError } from "@/lib/comparisons/errors";
import { getDb, type Database } from "@/lib/db/client";
import { errorResponse as apiErrorResponse, jsonResponse } from "@/lib/http/error-response";
import { RequestError } from "@/lib/http/errors";
import { readJsonBody as readJson } from "@/lib/http/read-json-body";
import { getLogger, routeOf } from "@/lib/log";
import { authorizeCapability, type Authorization } from "./authorize-capability";
import { REVIEW_ERROR_STATUS, ReviewError } from "./errors";
import type { Capability } from "./schemas";

/** Largest JSON body of a review action (a comment is at most 10,000 characters). */
export const MAX_ACTION_BODY_BYTES = 64 * 1024;

/**
 * The secret the client presented: `Authorization: Bearer <review key or owner
 * token>`, else the `key` query parameter (as in the review link `/c/<id>?key=…`).
 */
export function presentedSecret(req: Request): string | null {
  const auth = req.headers.get("authorization");
  const bearer = auth && /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  if (bearer) return bearer;
  return new URL(req.url).searchParams.get("key");
}

/** Reads a JSON body (400 INVALID_JSON, 413, 415) and parses it with `schema` (422 INVALID_INPUT naming the path). */
export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = MAX_ACTION_BODY_BYTES): Promise<z.infer<S>> {
  return parseOrThrow(schema, await readJson({ request: req, maxBytes }), "body");
}

/** Parses a body (422 INVALID_INPUT) or, by default, query parameters / path segments (400 INVALID_QUERY). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: "body" | "query" = "query"): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const path = (first?.path ?? []).map(String).join(".");
  const message = `${path || what}: ${first?.message ?? "is invalid"}`;
  if (what === "body") throw new InvalidInputError(message, path);
  throw new RequestError("INVALID_QUERY", message);
}

export function json(body: unknown, status = 200): Response {
  return jsonResponse(body, status);
}

/** A conflict carries the finding as it is now; everything else goes through the app's one error map. */
export function errorResponse(err: unknown, req: Request): Response {
  if (err instanceof ReviewError && err.current) {
    return jsonResponse({ error: { code: err.code, message: err.message, file: null, line: null, col: null, current: err.current } }, REVIEW_ERROR_STATUS[err.code]);
  }
  return apiErrorResponse({ error: err, log: getLogger(), route: `${req.method} ${routeOf(new URL(req.url).pathname)}` });
}

export interface ReviewContext {
  db: Database;
  auth: Authorization;
}

/** Authorizes `need` on comparison `id`, runs `fn`, and maps whatever it throws. */
export async function handleReviewRequest(req: Request, id: string, need: Capability, fn: (ctx: ReviewContext) => Promise<Response>): Promise<Response> {
  try {
    const db = await getDb();
    const auth = await authorizeCapability({ prisma: db.prisma, comparisonId: id, secret: presentedSecret(req), need });
    return await fn({ db, auth });
  } catch (err) {
    return errorResponse(err, req);
  }
}
