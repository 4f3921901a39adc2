/**
 * Cross-origin write protection (CSRF): a browser always says where a write comes
 * from (`Sec-Fetch-Site`, `Origin`); a write from another site is refused. Clients
 * that are not browsers (curl, the CLI) send neither header and are let through:
 * they carry no ambient credentials an attacker could ride on.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface CheckSameOriginOptions {
  method: string;
  /** request headers (`Headers` or any `get(name)` lookup) */
  headers: { get(name: string): string | null };
  /** PUBLIC_URL when configured: its origin is accepted too */
  publicUrl?: string;
}

export type SameOriginCheck = { ok: true } | { ok: false; reason: string };

function hostOf(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    return u.host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether a request may change state: safe methods always, writes only from our own origin. */
export function checkSameOrigin({ method, headers, publicUrl }: CheckSameOriginOptions): SameOriginCheck {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };

  const site = headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site && site !== "same-origin" && site !== "none") {
    return { ok: false, reason: `Sec-Fetch-Site is ${site}` };
  }

  const origin = headers.get("origin");
  if (origin === null) return { ok: true };
  const from = hostOf(origin.trim());
  if (!from) return { ok: false, reason: "Origin is opaque or not http(s)" };

  const allowed = new Set<string>();
  const host = headers.get("host")?.trim().toLowerCase();
  if (host) allowed.add(host);
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) allowed.add(forwarded);
  const pub = publicUrl ? hostOf(publicUrl) : undefined;
  if (pub) allowed.add(pub);

  return allowed.has(from) ? { ok: true } : { ok: false, reason: "Origin is another site" };
}
