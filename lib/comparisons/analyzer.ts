/**
 * Which analyser this process uses for uploads: the server (server.ts) sets its worker
 * pool (analysis-pool.ts, ANALYSIS_WORKERS); everything else — scripts, tests, a server
 * with ANALYSIS_WORKERS=0 — analyses in the calling thread. Route handlers, bundled
 * separately by Next, find the server's pool through globalThis, as they find its
 * database (lib/db/client.ts).
 */
import { analyzeUpload, type Analysis, type AnalyzeUploadInput } from "./analyze-upload";

export type Analyze = (input: AnalyzeUploadInput) => Promise<Analysis>;

/** `analyzeUpload` in the calling thread. */
export const analyzeInProcess: Analyze = async (input) => analyzeUpload(input);

const g = globalThis as typeof globalThis & { __composeParityAnalyze?: Analyze };

export function setProcessAnalyzer(analyze: Analyze | undefined): void {
  g.__composeParityAnalyze = analyze;
}

/** The process's analyser: the server's worker pool, else `analyzeInProcess`. */
export function getProcessAnalyzer(): Analyze {
  return g.__composeParityAnalyze ?? analyzeInProcess;
}
