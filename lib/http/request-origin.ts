/**
 * The origin a client used to reach us (for share links when PUBLIC_URL is unset).
 * Next's `request.url` behind our custom server names its own bind address, so the
 * Host header (or X-Forwarded-Host/-Proto from a proxy) is used; malformed values
 * fall back to `request.url`'s origin.
 */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function requestOrigin({ request }: { request: Request }): string {
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || undefined;
  const fallback = new URL(request.url);
  const host = first("x-forwarded-host") ?? first("host");
  const proto = first("x-forwarded-proto") ?? fallback.protocol.replace(/:$/, "");
  if (!host || !HOST.test(host) || (proto !== "http" && proto !== "https")) return fallback.origin;
  return `${proto}://${host}`;
}
