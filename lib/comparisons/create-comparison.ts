/**
 * Analyses an upload (two or more environments) and stores it as a new comparison
 * with revision 1, in one transaction. Only redacted file contents, the (masked)
 * parity result and masked canonical models are stored; capabilities are stored
 * as sha256 hashes. When an environment does not load, nothing is stored and an
 * `AnalysisError` names the first error (file as uploaded, line, col).
 */
import { createHash } from "node:crypto";
import { nanoid } from "nanoid";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { detectFileKind } from "@/lib/compose/detect-file-kind";
import type { Issue } from "@/lib/compose/issues";
import { loadEnvironment } from "@/lib/compose/load-environment";
import type { FileKind, LoadedEnvironment } from "@/lib/compose/model";
import { compareEnvironments } from "@/lib/parity/compare-environments";
import { redactFileContent, scrubDeep } from "@/lib/parity/redact";
import { ROLES } from "@/lib/parity/roles";
import { AnalysisError, InvalidInputError } from "./errors";
import { createEnvironmentsScrubber, maskModels } from "./mask-model";

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
  db: Pick<Database, "prisma">;
  /** validated here with `createComparisonInputSchema` */
  input: unknown;
  /** HMAC key of secret fingerprints (FINGERPRINT_KEY) */
  fingerprintKey: string;
  /** base of the returned links (PUBLIC_URL or the request origin); relative links when absent */
  publicUrl?: string;
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

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Parses `input`; throws `InvalidInputError` naming the first offending path. */
export function parseCreateComparisonInput(input: unknown): CreateComparisonInput {
  const parsed = createComparisonInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const path = (first?.path ?? []).map(String).join(".");
  throw new InvalidInputError(`${path || "body"}: ${first?.message ?? "is invalid"}`, path);
}

/** The loader names files by the path compose refers to them by; errors name them as uploaded. */
function asUploaded(issue: Issue, files: CreateComparisonInput["environments"][number]["files"]): Issue {
  if (!issue.file) return issue;
  const byName = files.find((f) => f.name === issue.file);
  const byPath = byName ? undefined : files.find((f) => f.as === issue.file);
  return byPath ? { ...issue, file: byPath.name } : issue;
}

function fileKinds(env: LoadedEnvironment, files: CreateComparisonInput["environments"][number]["files"]): FileKind[] {
  return files.map((f, i) => {
    const loaded = env.files[i];
    if (loaded && loaded.name === f.name) return loaded.kind;
    return env.files.find((l) => l.name === f.name && l.as === (f.as ?? f.name))?.kind ?? detectFileKind({ name: f.as ?? f.name, content: f.content }).kind ?? "compose";
  });
}

export async function createComparison({ db, input, fingerprintKey, publicUrl }: CreateComparisonOptions): Promise<CreatedComparison> {
  const data = parseCreateComparisonInput(input);

  const loaded = data.environments.map((e) =>
    loadEnvironment({ name: e.name, files: e.files, ...(e.profiles ? { profiles: e.profiles } : {}) }),
  );
  const issues = loaded.flatMap((env, i) => env.issues.map((issue) => ({ ...asUploaded(issue, data.environments[i]?.files ?? []), env: env.name })));
  const firstError = issues.find((i) => i.severity === "error");
  if (firstError) throw new AnalysisError(firstError, firstError.env, issues);

  const scrub = createEnvironmentsScrubber({ environments: loaded });
  const compared = compareEnvironments({
    environments: loaded.map((env, i) => ({ env, ...(data.environments[i]?.role ? { role: data.environments[i].role } : {}) })),
    fingerprintKey,
  });
  // already masked by the parity lib; scrubbed again with the secrets found on command lines too
  const result = scrubDeep(compared, scrub, new Set(["id", "fingerprint"]));
  const models = maskModels({ environments: loaded, fingerprintKey });

  const id = nanoid(24);
  const reviewKey = nanoid(24);
  const ownerToken = nanoid(32);

  const environments = data.environments.map((e, position) => {
    const kinds = fileKinds(loaded[position] as LoadedEnvironment, e.files);
    return {
      name: e.name,
      role: result.environments[position]?.role ?? e.role ?? "other",
      position,
      files: e.files.map((f, i) => {
        const kind = kinds[i] ?? "compose";
        return {
          position: i,
          name: f.name,
          path: f.as ?? f.name,
          kind,
          content: scrub(redactFileContent({ name: f.name, kind, content: f.content })),
          size: Buffer.byteLength(f.content, "utf8"),
          sha256: sha256Hex(f.content),
        };
      }),
    };
  });

  await db.prisma.$transaction(async (tx) => {
    await tx.comparison.create({
      data: { id, title: data.title ?? "", reviewKeyHash: sha256Hex(reviewKey), ownerTokenHash: sha256Hex(ownerToken) },
      select: { id: true },
    });
    const revision = await tx.revision.create({
      data: { comparisonId: id, number: 1, score: result.summary.score, result, models: models as Prisma.InputJsonObject },
      select: { id: true },
    });
    for (const env of environments) {
      const created = await tx.environment.create({
        data: { revisionId: revision.id, name: env.name, role: env.role, position: env.position },
        select: { id: true },
      });
      await tx.uploadedFile.createMany({ data: env.files.map((f) => ({ ...f, environmentId: created.id })) });
    }
    if (result.findings.length) {
      await tx.finding.createMany({
        data: result.findings.map((f) => ({
          revisionId: revision.id,
          fingerprint: f.id,
          rule: f.rule,
          factor: f.factor,
          severity: f.severity,
          service: f.service,
          key: f.key,
          message: f.message,
        })),
      });
    }
  });

  const base = (publicUrl ?? "").replace(/\/+$/, "");
  return { id, reviewKey, ownerToken, url: `${base}/c/${id}`, reviewUrl: `/c/${id}?key=${reviewKey}` };
}
