/**
 * Test helper: loads a corpus set (test/fixtures/corpus/manifest.json) with the real
 * loader and compares it, returning the parity result plus the canonical models and
 * redacted files the result page shows — the shape a stored comparison has.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { InputFile } from "@/lib/compose/model";
import { createEnvironmentsScrubber, maskModels } from "@/lib/comparisons/mask-model";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { compareEnvironments } from "@/lib/parity/compare-environments";
import { redactFileContent } from "@/lib/parity/redact";
import type { ParityResult } from "@/lib/parity/result-schema";
import type { Role } from "@/lib/parity/roles";
import type { ViewEnvironment } from "../view-types";

const ROOT = join(process.cwd(), "test/fixtures/corpus");

interface ManifestEnv {
  role: Role;
  files: (string | { file: string; as: string })[];
  profiles?: string[];
}

export interface CorpusComparison {
  result: ParityResult;
  models: Record<string, unknown>;
  environments: ViewEnvironment[];
}

export function loadCorpusComparison({ set }: { set: string }): CorpusComparison {
  const manifest = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as { sets: Record<string, { environments: Record<string, ManifestEnv> }> };
  const entries = Object.entries(manifest.sets[set]?.environments ?? {});
  const loaded = entries.map(([name, e]) => {
    const files: InputFile[] = e.files.map((f) =>
      typeof f === "string" ? { name: f, content: readFileSync(join(ROOT, set, f), "utf8") } : { name: f.file, as: f.as, content: readFileSync(join(ROOT, set, f.file), "utf8") },
    );
    return { name, role: e.role, files, env: loadEnvironment({ name, files, ...(e.profiles ? { profiles: e.profiles } : {}) }) };
  });
  const result = compareEnvironments({ environments: loaded.map((l) => ({ env: l.env, role: l.role })), fingerprintKey: "view-test-key" });
  // masked and scrubbed the way createComparison stores them
  const models: Record<string, unknown> = maskModels({ environments: loaded.map((l) => l.env), fingerprintKey: "view-test-key" });
  const scrub = createEnvironmentsScrubber({ environments: loaded.map((l) => l.env) });
  const environments: ViewEnvironment[] = loaded.map((l, position) => ({
    name: l.name,
    role: l.role,
    position,
    files: l.env.files.map((f) => {
      const content = l.files.find((x) => x.name === f.name)?.content ?? "";
      return { name: f.name, path: f.as, kind: f.kind, content: scrub(redactFileContent({ name: f.name, kind: f.kind, content })), size: content.length, sha256: "" };
    }),
  }));
  return { result, models, environments };
}

