/**
 * Analyses uploads on worker threads (ANALYSIS_WORKERS), so that the CPU-bound part of a
 * creation or a new revision (load every environment, compare, mask: `analyzeUpload`)
 * runs beside the event loop instead of on it. The server's thread keeps parsing
 * requests, running the database (PGlite runs in that thread) and answering views
 * while an upload is analysed; a large upload no longer holds every other request up.
 *
 * Each worker runs one analysis at a time (the work is CPU-bound: a second one at once
 * would only share the core); requests wait in arrival order for a free worker. A
 * worker that dies (an error escaped the analysis, or it ran out of memory) fails only
 * the analysis it was running, with an `AnalysisWorkerError`, and is replaced when the
 * next analysis needs it (so a worker module that cannot start fails analyses instead of
 * restarting in a loop). `close()` ends the workers; analyses asked for afterwards fail.
 */
import { Worker } from "node:worker_threads";
import type { Analysis } from "./analyze-upload";
import { AnalysisWorkerError, settleAnalysisReply, type AnalysisReply, type AnalysisRequest } from "./analysis-messages";
import type { Analyze } from "./analyzer";

export interface AnalysisPoolOptions {
  /** number of worker threads (at least 1) */
  size: number;
  /** the worker's module (it answers `AnalysisRequest`s: analysis-worker.ts) and its workerData */
  worker: { url: URL; workerData?: unknown };
  /** where a worker's unexpected exit is reported */
  onWorkerExit?: (info: { code: number; error?: Error }) => void;
}

export interface AnalysisPool {
  analyze: Analyze;
  readonly size: number;
  /** analyses waiting for a free worker */
  readonly queued: number;
  /** ends the workers: running and waiting analyses fail */
  close(): Promise<void>;
}

interface Job {
  request: AnalysisRequest;
  resolve: (analysis: Analysis) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export function createAnalysisPool({ size, worker, onWorkerExit }: AnalysisPoolOptions): AnalysisPool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`an analysis pool needs at least one worker (got ${size})`);
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    while (waiting.length > 0) {
      let slot = slots.find((s) => !s.job);
      if (!slot) {
        if (slots.length >= size) return;
        slot = spawn();
      }
      const job = waiting.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(worker.url, { workerData: worker.workerData }), job: null };
    let failure: Error | undefined;
    slot.worker.on("message", (reply: AnalysisReply) => {
      const job = slot.job;
      if (!job || job.request.id !== reply.id) return;
      slot.job = null;
      slot.worker.unref();
      const settled = settleAnalysisReply(reply);
      if ("analysis" in settled) job.resolve(settled.analysis);
      else job.reject(settled.error);
      dispatch();
    });
    slot.worker.on("error", (error) => (failure = error));
    slot.worker.on("exit", (code) => {
      const job = slot.job;
      slot.job = null;
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      if (closed) {
        job?.reject(new AnalysisWorkerError("the analysis pool was closed"));
        return;
      }
      onWorkerExit?.({ code, ...(failure ? { error: failure } : {}) });
      job?.reject(new AnalysisWorkerError(`the analysis worker stopped (exit code ${code})${failure ? `: ${failure.message}` : ""}`, failure?.stack));
      // its replacement starts when an analysis needs it: a worker that cannot start fails analyses, it does not spin
      dispatch();
    });
    // only a worker with an analysis to finish keeps the process alive
    slot.worker.unref();
    slots.push(slot);
    return slot;
  };

  // started at once, so that the first analyses do not wait for the workers' start-up
  for (let i = 0; i < size; i++) spawn();

  return {
    size,
    get queued() {
      return waiting.length;
    },
    analyze(input) {
      if (closed) return Promise.reject(new AnalysisWorkerError("the analysis pool was closed"));
      return new Promise<Analysis>((resolve, reject) => {
        waiting.push({ request: { id: nextId++, input }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new AnalysisWorkerError("the analysis pool was closed"));
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
    },
  };
}
