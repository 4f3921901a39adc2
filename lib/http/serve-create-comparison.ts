/**
 * POST /api/comparisons served by our server (server.ts) straight from Node, without
 * Next's request machinery (Request/Response objects, web streams, routing, the
 * proxy's NextRequest): for the write the app exists for, that machinery cost about
 * as much CPU as storing the comparison. It answers exactly as proxy.ts + the route
 * handler (app/api/comparisons/route.ts) do, with the same functions:
 * cross-origin writes 403, the per-client rate limit 429, then body (415/413/400),
 * createComparison (422/201), errors mapped once (describeError), and the same
 * headers (security headers and locked-down CSP, no-store, no-referrer, noindex).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { createComparison } from "@/lib/comparisons/create-comparison";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { checkSameOrigin } from "@/lib/security/check-same-origin";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";
import { buildContentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security/content-security-policy";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { API_HEADERS, apiErrorBody, describeError } from "./error-response";
import { readNodeJsonBody } from "./read-json-body";
import { originFromHeaders } from "./request-origin";

const ROUTE = "POST /api/comparisons";

/** Every answer's headers but the body's own (as proxy.ts and the route set them). */
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
    if (!checkSameOrigin({ method: "POST", headers, publicUrl: config.PUBLIC_URL }).ok) {
      send(res, 403, apiErrorBody("CROSS_ORIGIN", "Writes are only accepted from this site's own pages."));
      return;
    }
    const decision = await consumeRateLimit({ name: "create", key: headers.get(CLIENT_IP_HEADER) ?? "unknown", perMinute: config.RATE_LIMIT_CREATE_PER_MINUTE });
    if (!decision.ok) {
      send(res, 429, apiErrorBody("RATE_LIMITED", `Too many new comparisons from your address; try again in ${decision.retryAfterSeconds} s.`), {
        "retry-after": String(decision.retryAfterSeconds),
      });
      return;
    }
    const input = await readNodeJsonBody({ req, maxBytes: config.MAX_UPLOAD_BYTES });
    const fingerprintKey = process.env.FINGERPRINT_KEY;
    if (!fingerprintKey) throw new Error("FINGERPRINT_KEY is not set (the server sets it at start-up)");
    const local = `http://${req.socket.localAddress?.includes(":") ? `[${req.socket.localAddress}]` : (req.socket.localAddress ?? "localhost")}:${req.socket.localPort ?? 80}`;
    const created = await createComparison({
      db: await getDb(),
      input,
      fingerprintKey,
      publicUrl: config.PUBLIC_URL ?? originFromHeaders({ headers, fallback: local }),
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
