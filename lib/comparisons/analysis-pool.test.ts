import { afterEach, describe, expect, it } from "vitest";
import type { AnalyzeUploadInput } from "./analyze-upload";
import { analyzeUpload } from "./analyze-upload";
import { AnalysisWorkerError } from "./analysis-messages";
import { createAnalysisPool, type AnalysisPool } from "./analysis-pool";
import { AnalysisError } from "./errors";
import { sampleUpload } from "./testing/django-sample";

const KEY = "k".repeat(40);
/** the real worker module, under tsx as `npm run dev` starts it */
const REAL_WORKER = {
  url: new URL("../../scripts/tsx-worker.mjs", import.meta.url),
  workerData: { entry: new URL("./analysis-worker.ts", import.meta.url).href },
};
const STUB_WORKER = { url: new URL("./testing/stub-analysis-worker.mjs", import.meta.url) };
/** for the stub: the first environment's name is its instruction */
const job = (name: string): AnalyzeUploadInput => ({ environments: [{ name, files: [] }], fingerprintKey: KEY });
type StubAnswer = { name: string; threadId: number };

let pool: AnalysisPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("createAnalysisPool with the real worker", () => {
  it("gives the analysis analyzeUpload gives in this thread, and its AnalysisError with the place", async () => {
    pool = createAnalysisPool({ size: 1, worker: REAL_WORKER });
    const input: AnalyzeUploadInput = { environments: sampleUpload().environments, fingerprintKey: KEY };
    expect(await pool.analyze(input)).toEqual(analyzeUpload(input));

    const broken = structuredClone(input);
    const devFiles = broken.environments[0]?.files;
    if (!devFiles?.[0]) throw new Error("sample changed");
    devFiles[0] = { ...devFiles[0], content: "services:\n  web:\n    image: nginx\n    image: nginx\n" };
    const error = await pool.analyze(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalysisError);
    expect(error).toMatchObject({ code: "DUPLICATE_KEY", file: "docker-compose.yml", line: 4, environment: "dev" });
  }, 60_000);
});

describe("createAnalysisPool mechanics (stub worker)", () => {
  it("runs one analysis per worker at a time and queues the rest in order", async () => {
    pool = createAnalysisPool({ size: 2, worker: STUB_WORKER });
    const names = ["slow:150", "slow:150", "a", "b", "c"];
    const started = names.map((n) => pool?.analyze(job(n)) as Promise<unknown>);
    expect(pool.queued).toBe(3);
    const answers = (await Promise.all(started)) as StubAnswer[];
    expect(answers.map((a) => a.name)).toEqual(names);
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(2);
    expect(pool.queued).toBe(0);
  });

  it("fails only the analysis of a worker that exits or throws, and replaces the worker", async () => {
    const exits: { code: number; error?: Error }[] = [];
    pool = createAnalysisPool({ size: 1, worker: STUB_WORKER, onWorkerExit: (e) => exits.push(e) });
    const first = (await pool.analyze(job("a"))) as unknown as StubAnswer;

    const exited = await pool.analyze(job("exit:3")).catch((e: unknown) => e);
    expect(exited).toBeInstanceOf(AnalysisWorkerError);
    expect((exited as Error).message).toMatch(/exit code 3/);

    const thrown = await pool.analyze(job("throw")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AnalysisWorkerError);
    expect((thrown as Error).message).toMatch(/boom in the worker/);

    const after = (await pool.analyze(job("b"))) as unknown as StubAnswer;
    expect(after.name).toBe("b");
    expect(after.threadId).not.toBe(first.threadId);
    expect(exits.map((e) => e.code)).toEqual([3, 1]);
    expect(exits[1]?.error?.message).toMatch(/boom/);
  });

  it("a worker module that cannot start fails each analysis once, without restarting in a loop", async () => {
    const exits: { code: number; error?: Error }[] = [];
    pool = createAnalysisPool({ size: 1, worker: { url: new URL("./testing/no-such-worker.mjs", import.meta.url) }, onWorkerExit: (e) => exits.push(e) });
    await new Promise((r) => setTimeout(r, 500));
    expect(exits).toHaveLength(1);
    const failed = await pool.analyze(job("a")).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AnalysisWorkerError);
    expect((failed as Error).message).toMatch(/no-such-worker/);
    await new Promise((r) => setTimeout(r, 500));
    expect(exits).toHaveLength(2);
  });

  it("close() fails the running and waiting analyses and refuses new ones", async () => {
    pool = createAnalysisPool({ size: 1, worker: STUB_WORKER });
    const running = pool.analyze(job("slow:5000")).catch((e: unknown) => e);
    const waiting = pool.analyze(job("a")).catch((e: unknown) => e);
    await pool.close();
    for (const outcome of [await running, await waiting, await pool.analyze(job("b")).catch((e: unknown) => e)]) {
      expect(outcome).toBeInstanceOf(AnalysisWorkerError);
      expect((outcome as Error).message).toMatch(/closed/);
    }
  });

  it("needs at least one worker", () => {
    expect(() => createAnalysisPool({ size: 0, worker: STUB_WORKER })).toThrow(RangeError);
  });
});
