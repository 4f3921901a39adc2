import { describe, expect, it } from "vitest";
import { envKeysIn } from "./env-values";
import { makeContext, makeEnvironment } from "./testing/make-environment";

describe("envKeysIn", () => {
  it("lists the environment keys of a group's present services once, sorted, without the unknown marker", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a", environment: { b: "1", A: "2", "*": null } }, db: { image: "p" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "a", environment: { c: "3", b: "4", _x: "5" } } } });
    const ctx = makeContext([dev, prod]);
    const web = ctx.groups.find((g) => g.id === "web");
    const db = ctx.groups.find((g) => g.id === "db");
    expect(web && envKeysIn(ctx, web)).toEqual(["A", "_x", "b", "c"]);
    expect(db && envKeysIn(ctx, db)).toEqual([]);
    // computed once per context and group
    expect(web && envKeysIn(ctx, web)).toBe(web && envKeysIn(ctx, web));
    expect(web && envKeysIn(makeContext([dev]), web)).toEqual(["A", "b"]);
  });
});
