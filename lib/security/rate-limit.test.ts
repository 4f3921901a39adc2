import { beforeEach, describe, expect, it } from "vitest";
import { consumeRateLimit, resetRateLimits } from "./rate-limit";

describe("consumeRateLimit", () => {
  beforeEach(() => resetRateLimits());

  it("allows perMinute requests per key, then refuses with the seconds to wait", async () => {
    for (let i = 0; i < 3; i++) expect((await consumeRateLimit({ name: "t", key: "1.2.3.4", perMinute: 3 })).ok).toBe(true);
    const refused = await consumeRateLimit({ name: "t", key: "1.2.3.4", perMinute: 3 });
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it("counts each client separately", async () => {
    for (let i = 0; i < 2; i++) await consumeRateLimit({ name: "t", key: "a", perMinute: 2 });
    expect((await consumeRateLimit({ name: "t", key: "a", perMinute: 2 })).ok).toBe(false);
    expect((await consumeRateLimit({ name: "t", key: "b", perMinute: 2 })).ok).toBe(true);
  });

  it("never refuses when the limit is 0 (off)", async () => {
    for (let i = 0; i < 500; i++) expect((await consumeRateLimit({ name: "t", key: "a", perMinute: 0 })).ok).toBe(true);
  });
});
