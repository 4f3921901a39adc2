/**
 * Known failures of comparison domain functions, as data. The HTTP edge maps each
 * to a status once (lib/http/error-response.ts); anything else is a 500.
 */
import type { Issue } from "@/lib/compose/issues";

/** Where an error points, in the terms the user gave (file name as uploaded, 1-based line/col). */
export interface ErrorLocation {
  file: string | null;
  line: number | null;
  col: number | null;
}

/** The input does not match its schema (unknown field, too many files, duplicate environment name...). */
export class InvalidInputError extends Error {
  readonly code = "INVALID_INPUT";
  constructor(
    message: string,
    /** the path of the offending value, e.g. `environments.0.files` */
    public readonly path: string,
  ) {
    super(message);
    this.name = "InvalidInputError";
  }
}

/** An environment did not load (YAML syntax, schema...): nothing was stored. */
export class AnalysisError extends Error implements ErrorLocation {
  /** the issue code of the first error, e.g. `YAML_SYNTAX` */
  readonly code: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly col: number | null;
  constructor(
    /** the first error, as the loader reported it (file name as uploaded) */
    public readonly first: Issue,
    /** the environment the first error is in */
    public readonly environment: string,
    /** every issue of every environment, as the loader reported them (file names as uploaded) */
    public readonly issues: (Issue & { env: string })[],
  ) {
    super(first.message);
    this.name = "AnalysisError";
    this.code = first.code;
    this.file = first.file ?? null;
    this.line = first.line ?? null;
    this.col = first.col ?? null;
  }
}
