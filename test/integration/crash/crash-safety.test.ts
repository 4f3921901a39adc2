/**
 * Crash safety on PostgreSQL (issue #7.3):
 * - SIGKILL in the middle of a burst of creations: after a restart every comparison
 *   that got a 201 reads back whole, and no partial comparison exists;
 * - SIGTERM with a request whose JSON body is still streaming in: it completes
 *   (201, stored whole) and the process exits 0.
 */
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { parityResultSchema } from "@/lib/parity/result-schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";
import { startServer, type RunningServer } from "../helpers/server";
import type { ChildProcess } from "node:child_process";
import { checkWholeComparisons } from "../helpers/stored-comparisons";
import { uploadWith } from "../hardening/http";

// LOG_LEVEL stays info: startServer waits for the "listening" line
const ENV = { FINGERPRINT_KEY: "c".repeat(40), RATE_LIMIT_CREATE_PER_MINUTE: "0" };

/** Resolves once the process is gone, also when a signal ended it before we asked (exitCode stays null then). */
function goneOf(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve({ code: proc.exitCode, signal: proc.signalCode });
  return new Promise((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));
}

async function readsBackWhole(base: string, id: string): Promise<void> {
  const res = await fetch(`${base}/api/comparisons/${id}`);
  expect(res.status, id).toBe(200);
  const body = (await res.json()) as { result: unknown; environments: { files: unknown[] }[] };
  expect(parityResultSchema.safeParse(body.result).success, id).toBe(true);
  expect(body.environments).toHaveLength(2);
  for (const ext of ["md", "sarif", "json"]) expect((await fetch(`${base}/api/comparisons/${id}/report.${ext}`)).status, `${id} report.${ext}`).toBe(200);
  const page = await fetch(`${base}/c/${id}`);
  expect(page.status).toBe(200);
}

describe.runIf(testDbKind() === "postgres")("crash safety on postgres", () => {
  let tdb: TestDatabase | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop("SIGKILL");
    await tdb?.drop();
    server = undefined;
    tdb = undefined;
  });

  it("keeps every comparison that got a 201 whole, and no partial one, when the server is SIGKILLed mid-burst", async () => {
    tdb = await createTestDatabase("postgres");
    server = await startServer({ ...tdb.env, ...ENV });
    const running = server;
    const created: string[] = [];
    const unexpected: string[] = [];
    let failed = 0;
    let killed = false;
    const killAfter = 12;
    let sent = 0;
    const worker = async (w: number) => {
      while (!killed && sent < 400) {
        const n = sent++;
        try {
          const body = JSON.stringify({ ...(uploadWith() as object), title: `burst ${w}-${n}` });
          const res = await fetch(`${running.url}/api/comparisons`, { method: "POST", headers: { "content-type": "application/json" }, body });
          if (res.status === 201) {
            created.push(((await res.json()) as { id: string }).id);
            if (created.length >= killAfter && !killed) {
              killed = true;
              running.proc.kill("SIGKILL");
            }
          } else {
            unexpected.push(`${res.status}: ${await res.text()}`);
          }
        } catch {
          failed++; // the connection died with the server
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));
    expect(killed).toBe(true);
    expect(unexpected).toEqual([]);
    expect(await goneOf(running.proc)).toEqual({ code: null, signal: "SIGKILL" });
    server = undefined; // nothing left to stop
    expect(failed, "requests in flight when the server died").toBeGreaterThan(0);

    server = await startServer({ ...tdb.env, ...ENV });
    const db = await openDatabase(tdb.options);
    try {
      const check = await checkWholeComparisons(db, 2);
      expect(check.partial).toEqual([]);
      for (const id of created) expect(check.comparisons).toContain(id);
      // at most the in-flight ones committed without their 201 reaching us
      expect(check.comparisons.length).toBeGreaterThanOrEqual(created.length);
      expect(check.comparisons.length).toBeLessThanOrEqual(created.length + 12);
      for (const id of check.comparisons) await readsBackWhole(server.url, id);
    } finally {
      await db.close();
    }
  });

  it("finishes a request whose body is still streaming when SIGTERM arrives, then exits 0", async () => {
    tdb = await createTestDatabase("postgres");
    server = await startServer({ ...tdb.env, ...ENV });
    const running = server;
    const body = Buffer.from(JSON.stringify({ ...(uploadWith() as object), title: "slow upload" }));
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(`${running.url}/api/comparisons`, { method: "POST", headers: { "content-type": "application/json" } });
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      // 20 pieces, 100 ms apart: about 2 s in flight
      const pieces = 20;
      const size = Math.ceil(body.byteLength / pieces);
      let i = 0;
      const next = () => {
        if (i >= pieces) return void req.end();
        req.write(body.subarray(i * size, (i + 1) * size));
        i++;
        setTimeout(next, 100);
      };
      next();
    });
    // the request is in flight (headers and part of the body sent) when SIGTERM arrives
    await new Promise((r) => setTimeout(r, 400));
    const exited = goneOf(running.proc);
    const started = Date.now();
    running.proc.kill("SIGTERM");
    const res = await answer;
    expect(res.status, res.text).toBe(201);
    const { id } = JSON.parse(res.text) as { id: string };
    expect(await exited).toEqual({ code: 0, signal: null });
    server = undefined;
    expect(Date.now() - started).toBeLessThan(10_000);
    const logs = running.logs;
    const shutdown = logs.find((l) => l.msg === "shutting down");
    expect(shutdown?.inFlight).toBeGreaterThanOrEqual(1);
    expect(logs.some((l) => l.msg === "stopped")).toBe(true);

    server = await startServer({ ...tdb.env, ...ENV });
    await readsBackWhole(server.url, id);
    const db = await openDatabase(tdb.options);
    try {
      const check = await checkWholeComparisons(db, 2);
      expect(check).toEqual({ comparisons: [id], partial: [] });
    } finally {
      await db.close();
    }
  });
});
