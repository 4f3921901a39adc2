/** The compose-go loader vectors (test/fixtures/conformance/compose-go/loader.json; see its README). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface LoaderAssertion {
  path: string[];
  equals?: unknown;
  length?: number;
  absent?: boolean;
  falsy?: boolean;
}

export interface LoaderVector {
  name: string;
  source: string;
  files: string[];
  env: Record<string, string>;
  options?: { skipNormalization?: boolean; skipConsistencyCheck?: boolean };
  assertions?: LoaderAssertion[] | null;
  expectedError?: string;
}

export function readLoaderVectors(): LoaderVector[] {
  return JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/conformance/compose-go/loader.json", import.meta.url)), "utf8")) as LoaderVector[];
}
