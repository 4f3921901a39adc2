/**
 * What the page sends to `POST /api/comparisons` and what it reads back. The server
 * validates the body with its own schema; these mirror its limits so the page can say
 * what is wrong before sending, and parse the answers at the boundary.
 */
import { z } from "zod";
import { ROLES } from "@/lib/parity/roles";

export const MAX_ENVIRONMENTS = 12;
export const MIN_ENVIRONMENTS = 2;
export const MAX_FILES_PER_ENVIRONMENT = 50;
export const MAX_ENVIRONMENT_NAME = 64;
export const MAX_TITLE = 200;

export const comparisonRequestSchema = z.strictObject({
  title: z.string().max(MAX_TITLE).optional(),
  environments: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(MAX_ENVIRONMENT_NAME),
        role: z.enum(ROLES),
        files: z
          .array(z.strictObject({ name: z.string().min(1).max(255), as: z.string().min(1).max(255).optional(), content: z.string() }))
          .min(1)
          .max(MAX_FILES_PER_ENVIRONMENT),
      }),
    )
    .min(MIN_ENVIRONMENTS)
    .max(MAX_ENVIRONMENTS),
});
export type ComparisonRequest = z.infer<typeof comparisonRequestSchema>;

/** 201 answer: the comparison's capability id and links; `ownerToken` is shown once. */
export const createdComparisonSchema = z.looseObject({
  id: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/),
  url: z.string().optional(),
  reviewUrl: z.string().optional(),
  ownerToken: z.string().optional(),
});
export type CreatedComparison = z.infer<typeof createdComparisonSchema>;

/** 4xx answer: `{ error: { code, message, file, line, col } }`. */
export const apiErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    file: z.string().nullish(),
    line: z.number().int().nullish(),
    col: z.number().int().nullish(),
    path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).nullish(),
    /** analysis errors: the environment the file belongs to */
    environment: z.string().nullish(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>["error"];

/** sessionStorage key under which the result page finds the owner token (shown once, then removed). */
export function ownerTokenKey(id: string): string {
  return `cp-owner-${id}`;
}

/** Reads a `POST /api/comparisons` answer into created / error, never throwing. */
export function readCreateResponse({ status, body }: { status: number; body: unknown }):
  | { ok: true; created: CreatedComparison }
  | { ok: false; error: ApiError } {
  if (status === 201 || status === 200) {
    const created = createdComparisonSchema.safeParse(body);
    if (created.success) return { ok: true, created: created.data };
    return { ok: false, error: { code: "BAD_RESPONSE", message: "The server answered without a comparison id." } };
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) return { ok: false, error: parsed.data.error };
  if (status === 413) return { ok: false, error: { code: "PAYLOAD_TOO_LARGE", message: "The upload is larger than the server accepts." } };
  return { ok: false, error: { code: "HTTP_" + status, message: `The server could not create the comparison (HTTP ${status}). Try again in a moment.` } };
}
