/**
 * The origin a client used to reach us (for share links when PUBLIC_URL is unset):
 * the Host header (or X-Forwarded-Host/-Proto from a proxy); malformed values fall
 * back to the address we serve on.
 */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** `fallback` (a URL: the address we serve on) when the headers do not say. */
export function originFromHeaders({ headers, fallback }: { headers: { get(name: string): string | null }; fallback: string }): string {
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || undefined;
  const fallbackUrl = new URL(fallback);
  const host = first("x-forwarded-host") ?? first("host");
  const proto = first("x-forwarded-proto") ?? fallbackUrl.protocol.replace(/:$/, "");
  if (!host || !HOST.test(host) || (proto !== "http" && proto !== "https")) return fallbackUrl.origin;
  return `${proto}://${host}`;
}
