/**
 * The analysis of an upload, shared by comparison creation and new revisions:
 * load each environment as compose would, compare them, and mask everything that
 * will be stored (result, canonical models, file contents). Throws `AnalysisError`
 * (first error, file named as uploaded) when an environment does not load.
 */
import { createHash } from "node:crypto";
import { detectFileKind } from "@/lib/compose/detect-file-kind";
import type { Issue } from "@/lib/compose/issues";
import { loadEnvironment } from "@/lib/compose/load-environment";
import type { FileKind, LoadedEnvironment } from "@/lib/compose/model";
import { compareEnvironments } from "@/lib/parity/compare-environments";
import { redactFileContent, scrubDeep } from "@/lib/parity/redact";
import type { ParityResult } from "@/lib/parity/result-schema";
import type { Role } from "@/lib/parity/roles";
import { AnalysisError } from "./errors";
import { createEnvironmentsScrubber, maskModels } from "./mask-model";

export interface UploadedEnvironment {
  name: string;
  role?: Role;
  profiles?: string[];
  files: { name: string; as?: string; content: string }[];
}

export interface StoredFile {
  position: number;
  name: string;
  path: string;
  kind: FileKind;
  /** redacted */
  content: string;
  size: number;
  sha256: string;
}

export interface Analysis {
  /** secrets masked */
  result: ParityResult;
  /** canonical model per environment, secrets masked */
  models: Record<string, unknown>;
  environments: { name: string; role: string; position: number; files: StoredFile[] }[];
}

export interface AnalyzeUploadInput {
  environments: UploadedEnvironment[];
  /** HMAC key of secret fingerprints (FINGERPRINT_KEY) */
  fingerprintKey: string;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** The loader names files by the path compose refers to them by; errors name them as uploaded. */
function asUploaded(issue: Issue, files: UploadedEnvironment["files"]): Issue {
  if (!issue.file || files.some((f) => f.name === issue.file)) return issue;
  const byPath = files.find((f) => f.as === issue.file);
  return byPath ? { ...issue, file: byPath.name } : issue;
}

function fileKind(env: LoadedEnvironment | undefined, f: UploadedEnvironment["files"][number], i: number): FileKind {
  const as = f.as ?? f.name;
  const same = env?.files[i];
  if (same && same.name === f.name) return same.kind;
  return env?.files.find((l) => l.name === f.name && l.as === as)?.kind ?? detectFileKind({ name: as, content: f.content }).kind ?? "compose";
}

export function analyzeUpload({ environments, fingerprintKey }: AnalyzeUploadInput): Analysis {
  const loaded = environments.map((e) => loadEnvironment({ name: e.name, files: e.files, ...(e.profiles ? { profiles: e.profiles } : {}) }));
  const issues = loaded.flatMap((env, i) => env.issues.map((issue) => ({ ...asUploaded(issue, environments[i]?.files ?? []), env: env.name })));
  const firstError = issues.find((i) => i.severity === "error");
  if (firstError) throw new AnalysisError(firstError, firstError.env, issues);

  const scrub = createEnvironmentsScrubber({ environments: loaded });
  const compared = compareEnvironments({
    environments: loaded.map((env, i) => ({ env, ...(environments[i]?.role ? { role: environments[i].role } : {}) })),
    fingerprintKey,
  });
  // already masked by the parity lib; scrubbed again with the secrets found on command lines too
  const result = scrubDeep(compared, scrub, new Set(["id", "fingerprint"]));
  const models = maskModels({ environments: loaded, fingerprintKey, scrub });
  return {
    result,
    models,
    environments: environments.map((e, position) => ({
      name: e.name,
      role: result.environments[position]?.role ?? e.role ?? "other",
      position,
      files: e.files.map((f, i) => {
        const kind = fileKind(loaded[position], f, i);
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
    })),
  };
}
