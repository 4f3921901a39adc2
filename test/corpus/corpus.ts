/**
 * Reads test/fixtures/corpus/manifest.json into `EnvironmentInput`s (files in order,
 * with their `as` paths and profiles), for the corpus golden tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EnvironmentInput } from "@/lib/compose/model";

export const CORPUS_DIR = fileURLToPath(new URL("../fixtures/corpus/", import.meta.url));

type ManifestFile = string | { file: string; as?: string };

interface ManifestEnvironment {
  role: string;
  files: ManifestFile[];
  profiles?: string[];
  expect?: string;
  note?: string;
}

interface Manifest {
  sets: Record<string, { environments: Record<string, ManifestEnvironment> }>;
}

export interface CorpusEnvironment {
  set: string;
  env: string;
  role: string;
  expect?: string;
  input: EnvironmentInput;
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(CORPUS_DIR, "manifest.json"), "utf8")) as Manifest;
}

export function corpusEnvironments(): CorpusEnvironment[] {
  const out: CorpusEnvironment[] = [];
  for (const [set, { environments }] of Object.entries(readManifest().sets)) {
    for (const [env, spec] of Object.entries(environments)) {
      const files = spec.files.map((f) => {
        const file = typeof f === "string" ? f : f.file;
        const as = typeof f === "string" ? f : (f.as ?? f.file);
        return { name: file, as, content: readFileSync(join(CORPUS_DIR, set, file), "utf8") };
      });
      out.push({
        set,
        env,
        role: spec.role,
        ...(spec.expect ? { expect: spec.expect } : {}),
        input: { name: env, files, ...(spec.profiles ? { profiles: spec.profiles } : {}) },
      });
    }
  }
  return out;
}
