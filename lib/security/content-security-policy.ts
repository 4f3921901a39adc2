/**
 * The Content-Security-Policy the app sends: scripts only from our origin or with
 * the per-request nonce (Next.js puts it on its own scripts when it finds it in the
 * request's CSP header), never `unsafe-eval` in production, never framed.
 */
import { randomBytes } from "node:crypto";

/** 128 random bits, base64: unguessable and fresh for every request. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export interface BuildContentSecurityPolicyOptions {
  /** the request's nonce; pages only (API answers get the locked-down policy) */
  nonce?: string;
  /** `next dev` needs eval for React's debugging; production never gets it */
  dev?: boolean;
}

/** Policy for pages (with a nonce) or for anything else (API, files): nothing may run. */
export function buildContentSecurityPolicy({ nonce, dev = false }: BuildContentSecurityPolicyOptions = {}): string {
  if (nonce === undefined) {
    return ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"].join("; ");
  }
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error("a CSP nonce must be base64 and at least 16 characters");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and the service graph set style attributes; styles cannot run code
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every answer carries besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};
