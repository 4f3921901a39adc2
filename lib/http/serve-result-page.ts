/**
 * GET /c/<id> through the rendered-page cache (lib/http/page-cache.ts), in
 * server.ts before Next. The page is a pure function of: the request URL (path
 * and query: revision, compare, filters, key), the client class Next renders
 * differently for (bots), the host the request named, the capability the link
 * grants, the state the page statement reads (lib/view/read-result-page-state.ts;
 * a revision's stored result is immutable by its id, which that state holds),
 * constants of the process (config, build) and the CSP nonce. The cache key
 * hashes all of them but the nonce (the URL can hold a review key: only its hash
 * is kept), and a replay puts a fresh nonce in.
 *
 * Per request: one SQL statement (the page statement, which also reads the
 * capability's columns) and the capability decided from it exactly as proxy.ts
 * decides it. An unknown id, an expired or revoked link, an unknown revision or an
 * expired comparison go to Next unchanged (it answers 404/410 as always): a
 * cached page is never served to a link that no longer works. A hit is replayed
 * (x-cache: hit), gzip-encoded when the client accepts gzip (as Next would); a
 * miss goes to Next (x-cache: miss) with a render token (lib/http/render-report.ts)
 * through which the page reports the state digest and capability it actually
 * rendered; a complete 200 is stored under the key made of those, so a change
 * between this read and the page's own read can only make a page unreachable,
 * never wrong.
 *
 * Only plain document requests qualify (resultPageId): GET, no RSC/router/prefetch
 * headers or `_rsc`, no draft-mode cookies, no Range.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Database } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { pageCapabilityOf, readPageKey } from "@/lib/review/page-capability";
import { createNonce } from "@/lib/security/content-security-policy";
import { readPageStateHead, readResultPageState } from "@/lib/view/read-result-page-state";
import { replayPageEntry, toPageEntry, type PageCache } from "./page-cache";
import { closeRenderReport, openRenderReport, RENDER_TOKEN_HEADER } from "./render-report";
import { tapResponse } from "./tap-response";

export const CACHE_STATUS_HEADER = "x-cache";

const PAGE_PATH = /^\/c\/([A-Za-z0-9_-]{1,64})$/;
/** request headers that make Next answer something other than the plain HTML document */
const ROUTER_HEADERS = ["rsc", "next-action", "next-url", "x-middleware-prefetch", "x-nextjs-data", "range"];

function headerText(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return v === undefined ? "" : Array.isArray(v) ? v.join(", ") : v;
}

/** The comparison id of a plain GET of a result page, or null for any other request. */
export function resultPageId(req: Pick<IncomingMessage, "method" | "url" | "headers">): string | null {
  if (req.method !== "GET" || !req.url || !req.url.startsWith("/c/")) return null;
  const q = req.url.indexOf("?");
  const id = PAGE_PATH.exec(q < 0 ? req.url : req.url.slice(0, q))?.[1];
  if (!id) return null;
  if (q >= 0 && new URLSearchParams(req.url.slice(q + 1)).has("_rsc")) return null;
  for (const name of Object.keys(req.headers)) {
    if (name.startsWith("next-router-") || ROUTER_HEADERS.includes(name)) return null;
  }
  const purpose = `${headerText(req as IncomingMessage, "purpose")} ${headerText(req as IncomingMessage, "sec-purpose")}`;
  if (/prefetch/i.test(purpose)) return null;
  if (/(^|;\s*)(__prerender_bypass|__next_preview_data)=/.test(headerText(req as IncomingMessage, "cookie"))) return null;
  return id;
}

/** Whether an Accept-Encoding value accepts gzip (a q of 0 refuses it; `*` stands for any coding not listed). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const item of header.split(",")) {
    const [coding = "", ...params] = item.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const ok = q === undefined || Number(q) > 0;
    if (coding.trim() === "gzip" || coding.trim() === "x-gzip") return ok;
    if (coding.trim() === "*") star = ok;
  }
  return star ?? false;
}

export interface PageKeyInputs {
  /** path and query as requested */
  url: string;
  /** the client class the render depends on (server.ts: Next's bot classification of the User-Agent) */
  clientClass: string;
  host: string;
  forwardedHost: string;
  forwardedProto: string;
  /** view, review or owner */
  capability: string;
  /** digest of the page statement's row */
  digest: string;
}

/** The cache key of a page: a hash of every input of its render but the nonce. */
export function pageCacheKey(k: PageKeyInputs): string {
  return createHash("sha256")
    .update(JSON.stringify([k.url, k.clientClass, k.host, k.forwardedHost, k.forwardedProto, k.capability, k.digest]))
    .digest("base64url");
}

/** `?revision=N` as the page reads it (one value of 1 to 9 digits), else the latest. */
function readRevision(params: URLSearchParams): number | undefined {
  const values = params.getAll("revision");
  const n = values.length === 1 && /^\d{1,9}$/.test(values[0] as string) ? Number(values[0]) : 0;
  return n > 0 ? n : undefined;
}

export interface ServeResultPageOptions {
  req: IncomingMessage;
  res: ServerResponse;
  /** the result page's id (resultPageId) */
  id: string;
  cache: PageCache;
  /** Next's request handler: renders on a miss and answers everything this does not */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** the class of a User-Agent the render may depend on */
  clientClass: (userAgent: string) => string;
  db?: Pick<Database, "sql">;
  now?: Date;
}

export async function serveResultPage({ req, res, id, cache, handle, clientClass, db, now = new Date() }: ServeResultPageOptions): Promise<void> {
  const url = req.url as string;
  const q = url.indexOf("?");
  const params = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
  const key = readPageKey(params.getAll("key"));
  let state;
  try {
    state = await readResultPageState({ db: db ?? (await getDb()), id, revision: readRevision(params) });
  } catch {
    // Next reads again and reports the error as it always does
    return handle(req, res);
  }
  const head = readPageStateHead(state.raw);
  const verdict = pageCapabilityOf({ row: head.comparison, key, now });
  const expired = head.comparison?.expiresAt ? head.comparison.expiresAt.getTime() <= now.getTime() : false;
  // not found, gone, expired (the owner token's page says so), unknown revision: Next answers as always
  if (verdict.kind !== "ok" || expired || !head.hasRevision) return handle(req, res);

  const inputs = {
    url,
    clientClass: clientClass(headerText(req, "user-agent")),
    host: headerText(req, "host"),
    forwardedHost: headerText(req, "x-forwarded-host"),
    forwardedProto: headerText(req, "x-forwarded-proto"),
  };
  const hit = cache.get(pageCacheKey({ ...inputs, capability: verdict.capability, digest: state.digest }));
  if (hit) {
    const { headers, chunks } = replayPageEntry(hit, createNonce(), acceptsGzip(headerText(req, "accept-encoding")));
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader(CACHE_STATUS_HEADER, "hit");
    res.writeHead(200);
    for (const c of chunks) res.write(c);
    res.end();
    return;
  }

  const token = openRenderReport();
  req.headers[RENDER_TOKEN_HEADER] = token;
  res.setHeader(CACHE_STATUS_HEADER, "miss");
  tapResponse(res, {
    maxBytes: cache.maxBytes,
    onDone: (page) => {
      const report = closeRenderReport(token);
      if (!page || !report) return;
      const entry = toPageEntry(page);
      if (entry) cache.set(pageCacheKey({ ...inputs, capability: report.capability, digest: report.digest }), entry);
    },
  });
  return handle(req, res);
}
