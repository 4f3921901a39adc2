/**
 * Runs before every page and API request (Next 16 proxy):
 * - a Content-Security-Policy with a fresh nonce for pages (Next reads the nonce
 *   from the request's CSP header and puts it on its own scripts), a locked-down
 *   policy for everything else, plus nosniff / no-referrer / no framing;
 * - refuses cross-origin writes (API and Server Actions) with 403 CROSS_ORIGIN;
 * - rate-limits creating comparisons per client (RATE_LIMIT_CREATE_PER_MINUTE),
 *   429 RATE_LIMITED with Retry-After;
 * - marks the page of an expired or revoked link for a 410 Gone status (the App
 *   Router cannot set it from a page; server.ts applies it, the page renders the text),
 *   and hands the capability it checked to the page (lib/review/page-capability.ts)
 *   so that the page does not check it again.
 * A plain GET of `/c/<id>` whose page was rendered before for identical inputs is
 * answered by server.ts without reaching Next (lib/http/serve-result-page.ts): it
 * decides the capability as this proxy does, replays the headers this proxy set
 * with a fresh nonce, and leaves every link that no longer works to this proxy.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { buildContentSecurityPolicy, createNonce, SECURITY_HEADERS } from "@/lib/security/content-security-policy";
import { getDb } from "@/lib/db/client";
import { checkPageCapability, encodePageCapability, PAGE_CAPABILITY_HEADER, readPageKey } from "@/lib/review/page-capability";
import { checkWriteGuards } from "@/lib/http/check-write-guards";
import { STATUS_OVERRIDE_HEADER } from "@/lib/http/status-override";

/** API answers and files: nothing may run (the same policy every time). */
const LOCKED_DOWN_CSP = buildContentSecurityPolicy();

function withSecurityHeaders(res: NextResponse, csp: string): NextResponse {
  res.headers.set("content-security-policy", csp);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
  return res;
}

function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}): NextResponse {
  const res = NextResponse.json(
    { error: { code, message, file: null, line: null, col: null } },
    { status, headers: { "cache-control": "no-store", ...headers } },
  );
  return withSecurityHeaders(res, LOCKED_DOWN_CSP);
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  const config = getConfig();

  const refusal = await checkWriteGuards({ method: request.method, pathname, headers: request.headers, config });
  if (refusal) return apiError(refusal.status, refusal.code, refusal.message, refusal.headers);

  if (isApi) return withSecurityHeaders(NextResponse.next(), LOCKED_DOWN_CSP);

  const nonce = createNonce();
  const csp = buildContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  // only this proxy speaks for the capability: whatever a client sent under that name goes
  requestHeaders.delete(PAGE_CAPABILITY_HEADER);
  const comparisonId = request.method === "GET" ? /^\/c\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname)?.[1] : undefined;
  let gone = false;
  if (comparisonId) {
    // `/c/<id>`: an expired or revoked link is answered 410 (the page decides everything else)
    const key = readPageKey(request.nextUrl.searchParams.getAll("key"));
    // a failed check (the database) leaves the header unset: the page checks again and reports the error
    const verdict = await checkPageCapability({ prisma: (await getDb()).prisma, comparisonId, key }).catch(() => null);
    if (verdict) requestHeaders.set(PAGE_CAPABILITY_HEADER, encodePageCapability(comparisonId, verdict));
    gone = verdict?.kind === "gone";
  }
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  if (gone) res.headers.set(STATUS_OVERRIDE_HEADER, "410");
  return withSecurityHeaders(res, csp);
}

export const config = {
  // everything but build assets (immutable files; they still get nosniff from Next's static handler)
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
