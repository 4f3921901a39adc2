/**
 * The analysis worker's module (see analysis-pool.ts): answers each `AnalysisRequest`
 * from its parent with `answerAnalysisRequest`. Bundled to dist/analysis-worker.mjs by
 * `npm run build`; under tsx (dev server, tests) it is started through
 * scripts/tsx-worker.mjs.
 */
import { parentPort } from "node:worker_threads";
import { answerAnalysisRequest, type AnalysisRequest } from "./analysis-messages";

if (!parentPort) throw new Error("analysis-worker.ts runs as a worker thread (analysis-pool.ts starts it)");
const port = parentPort;
port.on("message", (request: AnalysisRequest) => port.postMessage(answerAnalysisRequest(request)));
