import { describe, expect, it } from "vitest";
import type { ParityResult } from "@/lib/parity/result-schema";
import { RevisionCache } from "./revision-cache";

const body = (n: number) => ({ result: { findings: [{ n }] } as unknown as ParityResult, models: { dev: { services: {} } }, environments: [] });

describe("RevisionCache", () => {
  it("drops the least recently used revisions beyond its size", () => {
    const cache = new RevisionCache(100);
    cache.set("a", body(1), 40);
    cache.set("b", body(2), 40);
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("c", body(3), 40);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.size).toEqual({ entries: 2, bytes: 80 });
  });

  it("keeps nothing when its size is 0, and returns the value all the same", () => {
    const cache = new RevisionCache(0);
    const v = body(1);
    expect(cache.set("a", v, 10)).toBe(v);
    expect(cache.get("a")).toBeUndefined();
  });

  it("freezes what it keeps, so a reader cannot change it for the next", () => {
    const cache = new RevisionCache(100);
    const kept = cache.set("a", body(1), 10);
    expect(() => (kept.result.findings as unknown[]).push(1)).toThrow(TypeError);
  });
});
