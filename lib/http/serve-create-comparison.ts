/**
 * POST /api/comparisons, served by our server (server.ts) straight from Node: it is
 * the only handler of this route (there is no Next route handler for it), because for
 * the write the app exists for Next's request machinery (Request/Response objects, web
 * streams, routing, the proxy's NextRequest) cost about as much CPU as storing the
 * comparison. It applies the same guards as proxy.ts does for every other write, with
 * the same function: cross-origin writes 403, the per-client rate limit 429; then the
 * body (415/413/400), createComparison (422/201; its analysis on the server's worker
 * pool, lib/comparisons/analyzer.ts), errors mapped once (describeError),
 * and the API's headers (security headers and locked-down CSP, no-store, no-referrer,
 * noindex).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { getProcessAnalyzer } from "@/lib/comparisons/analyzer";
import { createComparison } from "@/lib/comparisons/create-comparison";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { buildContentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security/content-security-policy";
import { checkWriteGuards } from "./check-write-guards";
import { API_HEADERS, apiErrorBody, describeError } from "./error-response";
import { readNodeJsonBody } from "./read-json-body";
import { originFromHeaders } from "./request-origin";
import { requireFingerprintKey } from "@/lib/fingerprint-key";

const ROUTE = "POST /api/comparisons";

/** Every answer's headers but the body's own (those proxy.ts and next.config.ts give the other API routes). */
const ANSWER_HEADERS: Readonly<Record<string, string>> = {
  ...API_HEADERS,
  ...SECURITY_HEADERS,
  "content-security-policy": buildContentSecurityPolicy(),
  "content-type": "application/json",
};

/** Whether server.ts serves this request here: POST to exactly /api/comparisons (any query). */
export function isCreateComparisonRequest(req: Pick<IncomingMessage, "method" | "url">): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const q = req.url.indexOf("?");
  return (q < 0 ? req.url : req.url.slice(0, q)) === "/api/comparisons";
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...ANSWER_HEADERS, ...headers, "content-length": String(Buffer.byteLength(text)) });
  res.end(text);
}

function headerLookup(req: IncomingMessage): { get(name: string): string | null } {
  return {
    get: (name) => {
      const v = req.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
  };
}

export async function serveCreateComparison({ req, res, log }: { req: IncomingMessage; res: ServerResponse; log: Pick<Logger, "error"> }): Promise<void> {
  try {
    const config = getConfig();
    const headers = headerLookup(req);
    const refusal = await checkWriteGuards({ method: "POST", pathname: "/api/comparisons", headers, config });
    if (refusal) {
      send(res, refusal.status, apiErrorBody(refusal.code, refusal.message), refusal.headers);
      return;
    }
    const input = await readNodeJsonBody({ req, maxBytes: config.MAX_UPLOAD_BYTES });
    const fingerprintKey = requireFingerprintKey();
    const local = `http://${req.socket.localAddress?.includes(":") ? `[${req.socket.localAddress}]` : (req.socket.localAddress ?? "localhost")}:${req.socket.localPort ?? 80}`;
    const created = await createComparison({
      db: await getDb(),
      input,
      fingerprintKey,
      publicUrl: config.PUBLIC_URL ?? originFromHeaders({ headers, fallback: local }),
      analyze: getProcessAnalyzer(),
    });
    const { id, url, reviewUrl, ownerToken } = created;
    send(res, 201, { id, url, reviewUrl, ownerToken }, { location: url });
  } catch (error) {
    // the client went away (or an answer is already on its way): nobody to answer
    if (res.headersSent || req.socket.destroyed) {
      res.destroy();
      return;
    }
    const { status, body } = describeError({ error, log, route: ROUTE });
    send(res, status, body);
  }
}
