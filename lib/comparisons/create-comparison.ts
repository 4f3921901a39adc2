/**
 * Analyses an upload (two or more environments) and stores it as a new comparison
 * with revision 1, in one transaction (one SQL statement, sent once the analysis
 * is done). Only redacted file contents, the (masked) parity result and masked
 * canonical models are stored; capabilities are stored as sha256 hashes. When an environment does not load, nothing is stored and an
 * `AnalysisError` names the first error (file as uploaded, line, col).
 */
import { nanoid } from "nanoid";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { ROLES } from "@/lib/parity/roles";
import { sha256Hex } from "./analyze-upload";
import { analyzeInProcess, type Analyze } from "./analyzer";
import { InvalidInputError } from "./errors";
import { storeRevision } from "./store-revision";

export const MAX_ENVIRONMENTS = 12;
export const MAX_FILES_PER_ENVIRONMENT = 50;

export const uploadedFileSchema = z.strictObject({
  name: z.string().min(1).max(255),
  /** the path compose files refer to it by (defaults to `name`) */
  as: z.string().min(1).max(255).optional(),
  content: z.string(),
});

export const environmentInputSchema = z.strictObject({
  name: z.string().min(1).max(64),
  role: z.enum(ROLES).optional(),
  profiles: z.array(z.string().min(1).max(64)).max(64).optional(),
  files: z.array(uploadedFileSchema).min(1).max(MAX_FILES_PER_ENVIRONMENT),
});

export const createComparisonInputSchema = z.strictObject({
  title: z.string().max(200).optional(),
  environments: z
    .array(environmentInputSchema)
    .min(2)
    .max(MAX_ENVIRONMENTS)
    .superRefine((envs, ctx) => {
      const seen = new Set<string>();
      envs.forEach((e, i) => {
        if (seen.has(e.name)) ctx.addIssue({ code: "custom", message: `environment name "${e.name}" is used twice`, path: [i, "name"] });
        seen.add(e.name);
      });
    }),
});
export type CreateComparisonInput = z.infer<typeof createComparisonInputSchema>;

export interface CreateComparisonOptions {
  /** the statement goes through the SQL driver (see store-revision.ts) */
  db: Pick<Database, "sql">;
  /** validated here with `createComparisonInputSchema` */
  input: unknown;
  /** HMAC key of secret fingerprints (FINGERPRINT_KEY) */
  fingerprintKey: string;
  /** base of the returned links (PUBLIC_URL or the request origin); relative links when absent */
  publicUrl?: string;
  /** runs the analysis (the server's worker pool: analyzer.ts); default: in this thread */
  analyze?: Analyze;
}

export interface CreatedComparison {
  /** the view capability (URL id) */
  id: string;
  /** review capability; only its hash is stored */
  reviewKey: string;
  /** owner token (expiry, revocation, deletion); only its hash is stored */
  ownerToken: string;
  /** `${publicUrl}/c/${id}` */
  url: string;
  /** `/c/${id}?key=${reviewKey}` (relative, for now) */
  reviewUrl: string;
}

export { sha256Hex };

/** Parses `input`; throws `InvalidInputError` naming the first offending path. */
export function parseCreateComparisonInput(input: unknown): CreateComparisonInput {
  const parsed = createComparisonInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const path = (first?.path ?? []).map(String).join(".");
  throw new InvalidInputError(`${path || "body"}: ${first?.message ?? "is invalid"}`, path);
}

export async function createComparison({ db, input, fingerprintKey, publicUrl, analyze = analyzeInProcess }: CreateComparisonOptions): Promise<CreatedComparison> {
  const data = parseCreateComparisonInput(input);

  const analysis = await analyze({ environments: data.environments, fingerprintKey });
  const id = nanoid(24);
  const reviewKey = nanoid(24);
  const ownerToken = nanoid(32);

  // one statement: the comparison, revision 1 and its rows are stored together or not at all
  await storeRevision({
    tx: db.sql,
    comparisonId: id,
    number: 1,
    analysis,
    comparison: { title: data.title ?? "", reviewKeyHash: sha256Hex(reviewKey), ownerTokenHash: sha256Hex(ownerToken) },
  });

  const base = (publicUrl ?? "").replace(/\/+$/, "");
  return { id, reviewKey, ownerToken, url: `${base}/c/${id}`, reviewUrl: `/c/${id}?key=${reviewKey}` };
}
