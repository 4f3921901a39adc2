/**
 * The checks every write passes before its handler runs, in this order: a
 * cross-origin write is refused (403 CROSS_ORIGIN), then creating a comparison is
 * rate-limited per client (429 RATE_LIMITED with Retry-After). Shared by proxy.ts
 * (requests that reach Next) and lib/http/serve-create-comparison.ts (the creation
 * server.ts answers itself), so both refuse alike.
 */
import type { Config } from "@/lib/config";
import { checkSameOrigin } from "@/lib/security/check-same-origin";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";
import { consumeRateLimit } from "@/lib/security/rate-limit";

export interface WriteRefusal {
  status: 403 | 429;
  code: "CROSS_ORIGIN" | "RATE_LIMITED";
  message: string;
  headers: Record<string, string>;
}

export interface CheckWriteGuardsOptions {
  method: string;
  pathname: string;
  headers: { get(name: string): string | null };
  config: Pick<Config, "PUBLIC_URL" | "RATE_LIMIT_CREATE_PER_MINUTE">;
}

/** `null` when the request may go on, else the answer that refuses it. */
export async function checkWriteGuards({ method, pathname, headers, config }: CheckWriteGuardsOptions): Promise<WriteRefusal | null> {
  if (!checkSameOrigin({ method, headers, publicUrl: config.PUBLIC_URL }).ok) {
    return { status: 403, code: "CROSS_ORIGIN", message: "Writes are only accepted from this site's own pages.", headers: {} };
  }
  if (method === "POST" && pathname === "/api/comparisons") {
    const decision = await consumeRateLimit({ name: "create", key: headers.get(CLIENT_IP_HEADER) ?? "unknown", perMinute: config.RATE_LIMIT_CREATE_PER_MINUTE });
    if (!decision.ok) {
      return {
        status: 429,
        code: "RATE_LIMITED",
        message: `Too many new comparisons from your address; try again in ${decision.retryAfterSeconds} s.`,
        headers: { "retry-after": String(decision.retryAfterSeconds) },
      };
    }
  }
  return null;
}
