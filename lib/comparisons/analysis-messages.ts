/**
 * What the analysis workers (analysis-pool.ts) and the server say to each other, and
 * the worker's side of it: one request (an upload's environments and the fingerprint
 * key) in, one reply out. Errors cross the thread as data, because a structured clone
 * keeps an Error's message but not its class: an `AnalysisError` is sent as its
 * environment and issues and rebuilt on the other side, anything else as a message
 * and stack (logged there, never shown to a client).
 */
import type { Issue } from "@/lib/compose/issues";
import { analyzeUpload, type Analysis, type AnalyzeUploadInput } from "./analyze-upload";
import { AnalysisError } from "./errors";

export interface AnalysisRequest {
  id: number;
  input: AnalyzeUploadInput;
}

export type AnalysisReply =
  | { id: number; ok: true; analysis: Analysis }
  | { id: number; ok: false; kind: "analysis"; first: Issue; environment: string; issues: (Issue & { env: string })[] }
  | { id: number; ok: false; kind: "unexpected"; message: string; stack?: string };

/** Runs one request (in a worker): the analysis, or its failure as data. */
export function answerAnalysisRequest({ id, input }: AnalysisRequest): AnalysisReply {
  try {
    return { id, ok: true, analysis: analyzeUpload(input) };
  } catch (error) {
    if (error instanceof AnalysisError) return { id, ok: false, kind: "analysis", first: error.first, environment: error.environment, issues: error.issues };
    const e = error instanceof Error ? error : new Error(String(error));
    return { id, ok: false, kind: "unexpected", message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  }
}

/** An unexpected failure inside a worker, rebuilt on the server's side (its message is for the log only). */
export class AnalysisWorkerError extends Error {
  constructor(message: string, workerStack?: string) {
    super(message);
    this.name = "AnalysisWorkerError";
    if (workerStack) this.stack = `${this.name}: ${message}\n(in the analysis worker)\n${workerStack}`;
  }
}

/** The reply as the caller sees it: the analysis, or the error the analysis threw. */
export function settleAnalysisReply(reply: AnalysisReply): { analysis: Analysis } | { error: Error } {
  if (reply.ok) return { analysis: reply.analysis };
  if (reply.kind === "analysis") return { error: new AnalysisError(reply.first, reply.environment, reply.issues) };
  return { error: new AnalysisWorkerError(reply.message, reply.stack) };
}
