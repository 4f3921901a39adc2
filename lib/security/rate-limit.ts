/**
 * Per-client rate limit on creating comparisons (each one parses and analyses up
 * to MAX_UPLOAD_BYTES of YAML). One in-memory limiter per process and per limit:
 * `perMinute` points, refilled each minute. `perMinute: 0` turns it off.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface ConsumeRateLimitOptions {
  /** which limit (one limiter each): "create" */
  name: string;
  /** the client (its socket address) */
  key: string;
  perMinute: number;
}

export type RateLimitDecision =
  | { ok: true; remaining: number | null }
  | { ok: false; retryAfterSeconds: number };

const limiters = new Map<string, RateLimiterMemory>();

function limiterFor(name: string, perMinute: number): RateLimiterMemory {
  const id = `${name}:${perMinute}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterMemory({ keyPrefix: name, points: perMinute, duration: 60 });
    limiters.set(id, limiter);
  }
  return limiter;
}

/** Takes one point for `key`; refuses with the seconds to wait once the minute's points are spent. */
export async function consumeRateLimit({ name, key, perMinute }: ConsumeRateLimitOptions): Promise<RateLimitDecision> {
  if (perMinute <= 0) return { ok: true, remaining: null };
  try {
    const res = await limiterFor(name, perMinute).consume(key, 1);
    return { ok: true, remaining: res.remainingPoints };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    throw err;
  }
}

/** Forgets every limiter (tests). */
export function resetRateLimits(): void {
  limiters.clear();
}
