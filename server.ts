/**
 * The app's process: validates config, opens and migrates the database, serves
 * Next.js on PORT, logs one JSON line per request, and shuts down gracefully on
 * SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the database,
 * exit 0 within 10 s). Built to dist/server.mjs by `npm run build`.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { getBotType } from "next/dist/shared/lib/router/utils/is-bot.js";
import { createAnalysisPool, type AnalysisPool, type AnalysisPoolOptions } from "@/lib/comparisons/analysis-pool";
import { setProcessAnalyzer } from "@/lib/comparisons/analyzer";
import { ConfigError, defaultAnalysisWorkers, loadConfig } from "@/lib/config";
import { setProcessDatabase, type Database } from "@/lib/db/client";
import { openAndMigrate } from "@/lib/db/open-and-migrate";
import { MigrationError } from "@/lib/db/migrate";
import { ensureFingerprintKey } from "@/lib/fingerprint-key";
import { PageCache } from "@/lib/http/page-cache";
import { RENDER_TOKEN_HEADER } from "@/lib/http/render-report";
import { isCreateComparisonRequest, serveCreateComparison } from "@/lib/http/serve-create-comparison";
import { resultPageId, serveResultPage } from "@/lib/http/serve-result-page";
import { applyStatusOverride } from "@/lib/http/status-override";
import { getLogger, routeOf } from "@/lib/log";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";

const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * The analysis worker's module: dist/analysis-worker.mjs beside the built server
 * (scripts/build-server.mjs), else (tsx: `npm run dev`) the TypeScript module, started
 * through scripts/tsx-worker.mjs.
 */
function analysisWorkerModule(): AnalysisPoolOptions["worker"] {
  const bundled = new URL("./analysis-worker.mjs", import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return { url: bundled };
  return {
    url: new URL("./scripts/tsx-worker.mjs", import.meta.url),
    workerData: { entry: new URL("./lib/comparisons/analysis-worker.ts", import.meta.url).href },
  };
}

async function main(): Promise<void> {
  const log = getLogger();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      // one clear line naming the variable, then exit
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const dev = process.argv.includes("--dev");
  const dir = process.cwd();

  const key = ensureFingerprintKey({ config });
  if (!key.ok) {
    console.error(key.message);
    process.exit(1);
  }
  if (key.warning) log.warn(key.warning);
  process.env.FINGERPRINT_KEY = key.key;

  let db: Database;
  try {
    const opened = await openAndMigrate({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
    db = opened.db;
    for (const m of opened.report.modified) log.warn({ migration: m }, "applied migration was modified since it was applied");
    log.info({ db: db.location, applied: opened.report.applied }, "database ready");
  } catch (err) {
    if (err instanceof MigrationError) console.error(`start-up stopped: ${err.message}`);
    else console.error(`start-up stopped: cannot open the database: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  setProcessDatabase(db);

  // uploads are analysed beside this thread (ANALYSIS_WORKERS; 0 = in the request's thread)
  const workers = config.ANALYSIS_WORKERS ?? defaultAnalysisWorkers(availableParallelism());
  let pool: AnalysisPool | undefined;
  if (workers > 0) {
    pool = createAnalysisPool({
      size: workers,
      worker: analysisWorkerModule(),
      onWorkerExit: ({ code, error }) => log.error({ err: error, code }, "an analysis worker stopped; started a new one"),
    });
    setProcessAnalyzer(pool.analyze);
  }
  log.info({ workers }, "analysis workers");

  // In a standalone build the Next config is frozen into required-server-files.json.
  const requiredFiles = path.join(dir, ".next", "required-server-files.json");
  // Using it (as Next's own standalone server.js does) also keeps Next from
  // compiling next.config.ts at start-up.
  if (!dev && existsSync(requiredFiles)) {
    const { config: built } = JSON.parse(readFileSync(requiredFiles, "utf8")) as { config: Record<string, unknown> };
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify({ ...built, output: undefined });
  }

  let inFlight = 0;
  let shuttingDown = false;
  const server = createServer();
  const app = next({ dev, dir, hostname: config.HOST, port: config.PORT, httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();
  // rendered result pages, replayed only to requests with identical inputs (PAGE_CACHE_MB; 0 = off);
  // never under `next dev`, whose code (an input of every page) changes while it runs
  const pageCache = new PageCache(dev ? 0 : config.PAGE_CACHE_MB * 1024 * 1024);
  // Next renders the page's metadata differently for bots: their class is an input of the render
  const clientClass = (userAgent: string) => getBotType(userAgent) ?? "browser";

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    inFlight++;
    applyStatusOverride(res);
    // the TCP peer, for the rate limit in proxy.ts; overwrites anything the client sent
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "unknown";
    // only serveResultPage names a render token (lib/http/render-report.ts)
    delete req.headers[RENDER_TOKEN_HEADER];
    if (shuttingDown) res.setHeader("Connection", "close");
    res.on("close", () => {
      inFlight--;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, route: routeOf(req.url), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
      if (shuttingDown && inFlight === 0) server.closeIdleConnections();
    });
    // the write the app exists for is served without Next's per-request machinery (same checks, same answers)
    if (isCreateComparisonRequest(req)) {
      serveCreateComparison({ req, res, log }).catch((err: unknown) => {
        log.error({ err, route: routeOf(req.url) }, "unhandled request error");
        res.destroy();
      });
      return;
    }
    const failed = (err: unknown) => {
      log.error({ err, route: routeOf(req.url) }, "unhandled request error");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }));
      }
    };
    // a result page identical to one already rendered is replayed (same checks first; lib/http/serve-result-page.ts)
    const pageId = pageCache.enabled ? resultPageId(req) : null;
    if (pageId) {
      serveResultPage({ req, res, id: pageId, cache: pageCache, handle, clientClass }).catch(failed);
      return;
    }
    handle(req, res).catch(failed);
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.PORT;
  log.info({ url: `http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${port}`, dev }, "listening");

  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal, inFlight }, "shutting down");
    const force = setTimeout(() => {
      log.warn({ inFlight }, "shutdown deadline reached; closing remaining connections");
      server.closeAllConnections();
    }, SHUTDOWN_DEADLINE_MS);
    force.unref();
    server.close(() => {
      void (async () => {
        clearTimeout(force);
        await pool?.close();
        await db.close().catch((err: unknown) => log.error({ err }, "closing the database failed"));
        log.info("stopped");
        process.exit(0);
      })();
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  getLogger().fatal({ err }, "start-up failed");
  process.exit(1);
});
