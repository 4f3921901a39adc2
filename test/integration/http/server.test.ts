import http from "node:http";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { createTestDatabase, testDbKind } from "../helpers/test-db";
import { withAppServer } from "../helpers/app";
import { exitOf, spawnServer, startServer } from "../helpers/server";

describe(`server on ${testDbKind()}`, () => {
  const app = withAppServer({ FINGERPRINT_KEY: "k".repeat(40) });

  it("answers GET /api/health with 200 when the database answers", async () => {
    const res = await fetch(`${app.server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("serves the home page with the product name", async () => {
    const res = await fetch(`${app.server.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("compose-parity");
  });

  it("logs one JSON line per request with method, route, status and ms", async () => {
    await fetch(`${app.server.url}/api/health?probe=1`);
    await new Promise((r) => setTimeout(r, 100));
    const line = app.server.logs.find((l) => l.msg === "request" && l.route === "/api/health" && l.method === "GET");
    expect(line).toMatchObject({ method: "GET", route: "/api/health", status: 200, level: "info" });
    expect(typeof line?.ms).toBe("number");
    // every stdout line the app.server itself writes is JSON
    const own = app.server.stdout().split("\n").filter((l) => l.trim() && !l.includes("Running next.config"));
    for (const l of own) expect(() => JSON.parse(l)).not.toThrow();
  });

  it("never logs a capability id in a route", async () => {
    // the line is written when the answer is done: read it to the end
    await (await fetch(`${app.server.url}/c/SECRETCAPABILITYID123456`)).text();
    await new Promise((r) => setTimeout(r, 100));
    expect(app.server.stdout()).not.toContain("SECRETCAPABILITYID123456");
    expect(app.server.logs.some((l) => l.route === "/c/:id")).toBe(true);
  });
});

describe(`graceful shutdown on ${testDbKind()}`, () => {
  it("stops on SIGTERM within 10 s with exit code 0, closing idle keep-alive connections and the database", async () => {
    const tdb = await createTestDatabase();
    try {
      const server = await startServer({ ...tdb.env, FINGERPRINT_KEY: "k".repeat(40) });
      // an idle keep-alive connection must not hold the shutdown up
      const agent = new http.Agent({ keepAlive: true });
      await new Promise<void>((resolve, reject) => {
        http.get(`${server.url}/api/health`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve());
        }).on("error", reject);
      });
      const { code, ms } = await server.stop("SIGTERM");
      agent.destroy();
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
      // the database was closed cleanly: it opens again right away
      const db = await openDatabase(tdb.options);
      expect(await db.sql.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
      await db.close();
    } finally {
      await tdb.drop();
    }
  });
});

describe("start-up failures", () => {
  it("stops with one clear line naming a bad config variable", async () => {
    const { proc, out } = spawnServer({ PORT: "not-a-port", PGLITE_DIR: "memory://" });
    expect(await exitOf(proc)).toBe(1);
    const lines = out.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^invalid configuration: PORT /);
  });

  it("refuses to start in production with DATABASE_URL but no FINGERPRINT_KEY", async () => {
    const { proc, out } = spawnServer({ NODE_ENV: "production", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(await exitOf(proc)).toBe(1);
    expect(out.stderr).toMatch(/FINGERPRINT_KEY is required in production/);
  });

  it("stops with a clear message when the database cannot be reached", async () => {
    const { proc, out } = spawnServer({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", FINGERPRINT_KEY: "k".repeat(40) });
    expect(await exitOf(proc)).toBe(1);
    expect(out.stderr).toMatch(/start-up stopped: cannot open the database/);
    expect(out.stderr).not.toContain("nobody@");
  });
});

describe.runIf(testDbKind() === "postgres")("health when the database goes away", () => {
  it("answers 503 once the database is gone, without crashing", async () => {
    const tdb = await createTestDatabase();
    const server = await startServer({ ...tdb.env, FINGERPRINT_KEY: "k".repeat(40) });
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      await tdb.drop(); // DROP DATABASE ... WITH (FORCE) kills the server's connections
      const res = await fetch(`${server.url}/api/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "error", db: "unavailable" });
      expect(server.proc.exitCode).toBeNull();
    } finally {
      await server.stop("SIGKILL");
    }
  });
});
