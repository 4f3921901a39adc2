import { describe, expect, it } from "vitest";
import { analyzeUpload, type AnalyzeUploadInput } from "./analyze-upload";
import { AnalysisWorkerError, answerAnalysisRequest, settleAnalysisReply } from "./analysis-messages";
import { AnalysisError } from "./errors";
import { sampleUpload } from "./testing/django-sample";

const KEY = "k".repeat(40);
const sample = (): AnalyzeUploadInput => ({ environments: sampleUpload().environments, fingerprintKey: KEY });
/** what crosses a thread: a structured clone */
const overTheWire = <T>(value: T): T => structuredClone(value);

describe("analysis requests and replies", () => {
  it("answers with the analysis analyzeUpload gives, and the caller gets it back", () => {
    const reply = overTheWire(answerAnalysisRequest({ id: 7, input: sample() }));
    expect(reply).toMatchObject({ id: 7, ok: true });
    const settled = settleAnalysisReply(reply);
    expect("analysis" in settled && settled.analysis).toEqual(analyzeUpload(sample()));
  });

  it("sends an AnalysisError as data and rebuilds it, location and issues included", () => {
    const input = sample();
    const prod = input.environments[1];
    if (!prod?.files[0]) throw new Error("sample changed");
    prod.files[0] = { ...prod.files[0], content: "services:\n  web:\n    image: [a\n" };
    let thrown: AnalysisError | undefined;
    try {
      analyzeUpload(input);
    } catch (e) {
      thrown = e as AnalysisError;
    }
    expect(thrown).toBeInstanceOf(AnalysisError);

    const reply = overTheWire(answerAnalysisRequest({ id: 1, input }));
    expect(reply).toMatchObject({ ok: false, kind: "analysis", environment: "prod" });
    const settled = settleAnalysisReply(reply);
    if (!("error" in settled)) throw new Error("expected an error");
    expect(settled.error).toBeInstanceOf(AnalysisError);
    const error = settled.error as AnalysisError;
    expect({ code: error.code, message: error.message, file: error.file, line: error.line, col: error.col, environment: error.environment, issues: error.issues }).toEqual({
      code: thrown?.code,
      message: thrown?.message,
      file: "docker-compose.prod.yml",
      line: thrown?.line,
      col: thrown?.col,
      environment: "prod",
      issues: thrown?.issues,
    });
    expect(error.line).toBeGreaterThan(0);
  });

  it("sends any other failure as a message and stack, rebuilt as an AnalysisWorkerError", () => {
    const reply = overTheWire(answerAnalysisRequest({ id: 2, input: { environments: null, fingerprintKey: KEY } as unknown as AnalyzeUploadInput }));
    expect(reply).toMatchObject({ id: 2, ok: false, kind: "unexpected" });
    const settled = settleAnalysisReply(reply);
    if (!("error" in settled)) throw new Error("expected an error");
    expect(settled.error).toBeInstanceOf(AnalysisWorkerError);
    expect(settled.error.message).toMatch(/null/);
    expect(settled.error.stack).toContain("in the analysis worker");
  });
});
