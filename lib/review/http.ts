/**
 * The edge of the review API: reads the presented capability, parses JSON bodies
 * with zod, and maps errors to responses once — known errors → 4xx
 * `{ error: { code, message, file, line, col } }` (a conflict also carries
 * `current`), anything else → logged + generic 500. Never logs request bodies.
 */
import { z } from "zod";
import { getDb, type Database } from "@/lib/db/client";
import { getLogger, routeOf } from "@/lib/log";
import { authorizeCapability, type Authorization } from "./authorize-capability";
import { REVIEW_ERROR_STATUS, ReviewError } from "./errors";
import type { Capability } from "./schemas";

/** Largest JSON body of a review action (a comment is at most 10,000 characters). */
export const MAX_ACTION_BODY_BYTES = 64 * 1024;

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer" } as const;

/**
 * A request that cannot be read: not JSON / bad query (400), a body that does not
 * fit its schema (422, with the offending path), too large (413). Same codes and
 * statuses as POST /api/comparisons.
 */
export class RequestError extends Error {
  constructor(
    readonly code: "INVALID_JSON" | "INVALID_QUERY" | "INVALID_INPUT" | "BODY_TOO_LARGE",
    message: string,
    readonly path: string | null = null,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

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

export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = MAX_ACTION_BODY_BYTES): Promise<z.infer<S>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new RequestError("BODY_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`);
  const text = await req.text();
  if (Buffer.byteLength(text, "utf8") > maxBytes) throw new RequestError("BODY_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`);
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new RequestError("INVALID_JSON", "The request body is not valid JSON.");
  }
  return parseOrThrow(schema, json, "body");
}

/** Parses a body (422 INVALID_INPUT) or, with `what: "query"`, query parameters / path segments (400 INVALID_QUERY). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: "body" | "query" = "query"): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const path = (first?.path ?? []).map(String).join(".");
  throw new RequestError(what === "body" ? "INVALID_INPUT" : "INVALID_QUERY", `${path || what}: ${first?.message ?? "is invalid"}`, path || null);
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, file: null, line: null, col: null, ...extra } };
}

/** Known errors → 4xx (once, here); anything else → logged + generic 500. */
export function errorResponse(err: unknown, req: Request): Response {
  if (err instanceof ReviewError) {
    return json(errorBody(err.code, err.message, err.current ? { current: err.current } : {}), REVIEW_ERROR_STATUS[err.code]);
  }
  if (err instanceof RequestError) {
    const status = err.code === "BODY_TOO_LARGE" ? 413 : err.code === "INVALID_INPUT" ? 422 : 400;
    return json(errorBody(err.code, err.message, err.path ? { path: err.path } : {}), status);
  }
  // errors of lib/comparisons (analysis of a new revision) carry their own code and position
  if (err instanceof Error && (err.name === "InvalidInputError" || err.name === "AnalysisError")) {
    const e = err as Error & { code?: string; file?: string | null; line?: number | null; col?: number | null; path?: string };
    return json(
      { error: { code: e.code ?? "INVALID_INPUT", message: e.message, file: e.file ?? null, line: e.line ?? null, col: e.col ?? null, ...(e.path ? { path: e.path } : {}) } },
      422,
    );
  }
  getLogger().error({ err, method: req.method, route: routeOf(new URL(req.url).pathname) }, "review request failed");
  return json(errorBody("INTERNAL", "Something went wrong on our side."), 500);
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
