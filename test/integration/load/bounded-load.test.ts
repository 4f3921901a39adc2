/**
 * Bounded load on PostgreSQL (issue #7.5): 2,000 creations over 20 loopback
 * connections with autocannon (stops by itself after `amount`), rate limit off.
 * No answer but 201 (deliberate 429s aside), no connection error, and the database
 * holds exactly as many comparisons as there were 201 answers, all whole.
 */
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";
import { startServer, type RunningServer } from "../helpers/server";
import { checkWholeComparisons } from "../helpers/stored-comparisons";
import { uploadWith } from "../hardening/http";

const AMOUNT = 2_000;
const CONNECTIONS = 20;

describe.runIf(testDbKind() === "postgres")("bounded load on postgres", () => {
  let tdb: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    tdb = await createTestDatabase("postgres");
    server = await startServer({ ...tdb.env, FINGERPRINT_KEY: "l".repeat(40), RATE_LIMIT_CREATE_PER_MINUTE: "0" });
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await tdb?.drop();
  });

  it(`creates ${AMOUNT} comparisons over ${CONNECTIONS} connections: only 201s (or 429s), and one stored comparison per 201`, { timeout: 600_000 }, async () => {
    const url = new URL("/api/comparisons", server.url);
    if (url.hostname !== "127.0.0.1") throw new Error(`load runs on loopback only, not ${url.hostname}`);
    const result = await autocannon({
      url: url.toString(),
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(uploadWith()),
      connections: CONNECTIONS,
      amount: AMOUNT,
      timeout: 30,
    });
    const byStatus = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
    console.log(
      `load: ${AMOUNT} creations, ${CONNECTIONS} connections, ${result.duration.toFixed(1)} s, ` +
        `${result.requests.average.toFixed(1)} req/s, latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms, statuses ${JSON.stringify(byStatus)}`,
    );
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    const created = byStatus["201"] ?? 0;
    const limited = byStatus["429"] ?? 0;
    for (const code of Object.keys(byStatus)) expect(["201", "429"], `status ${code}`).toContain(code);
    expect(created + limited).toBe(AMOUNT);
    expect(limited).toBe(0); // the limit is off for this run
    expect(server.logs.filter((l) => typeof l.level === "number" && l.level >= 50)).toEqual([]);

    const db = await openDatabase(tdb.options);
    try {
      const check = await checkWholeComparisons(db, 2);
      expect(check.comparisons.length).toBe(created);
      expect(check.partial).toEqual([]);
    } finally {
      await db.close();
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
