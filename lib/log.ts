/** JSON logs to stdout (twelve-factor XI). One logger per process. */
import pino, { type Logger } from "pino";

const g = globalThis as typeof globalThis & { __composeParityLogger?: Logger };

export function getLogger(): Logger {
  g.__composeParityLogger ??= pino({
    level: process.env.LOG_LEVEL || "info",
    base: { app: "compose-parity" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  return g.__composeParityLogger;
}

/**
 * The route a request hit, with capability ids replaced by `:id` so that
 * logs never hold a working link (W3C TAG capability URL guidance).
 */
export function routeOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path
    .replace(/^\/c\/[^/]+/, "/c/:id")
    .replace(/^\/r\/[^/]+/, "/r/:id")
    .replace(/^\/api\/comparisons\/[^/]+/, "/api/comparisons/:id");
}
