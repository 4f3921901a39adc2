/**
 * The App Router cannot answer a page with 410 Gone (only 404/401/403). The proxy
 * marks such a response with this header; our server (server.ts) turns a 200 that
 * carries it into a 410 and drops the header before it is sent.
 */
import type { ServerResponse } from "node:http";

export const STATUS_OVERRIDE_HEADER = "x-compose-parity-status";
const ALLOWED = new Set([410]);

export function applyStatusOverride(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const raw = this.getHeader(STATUS_OVERRIDE_HEADER);
    if (raw !== undefined) {
      this.removeHeader(STATUS_OVERRIDE_HEADER);
      const wanted = Number(raw);
      if (statusCode === 200 && ALLOWED.has(wanted)) statusCode = wanted;
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
  } as typeof res.writeHead;
}
