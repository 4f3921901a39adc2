import { describe, expect, it } from "vitest";
import { memoPerGroup, presentIn } from "./rule-kit";
import { makeContext, makeEnvironment } from "./testing/make-environment";

describe("memoPerGroup", () => {
  const dev = makeEnvironment({ name: "dev", services: { web: { image: "a" }, db: { image: "p" } } });
  const prod = makeEnvironment({ name: "prod", services: { web: { image: "a" } } });

  it("computes once per context and group, again for another context, group or environment list", () => {
    let calls = 0;
    const names = memoPerGroup((ctx, group) => {
      calls++;
      return ctx.environments.filter((v) => group.names[v.name] !== undefined).map((v) => v.name);
    });
    const ctx = makeContext([dev, prod]);
    const [web, db] = ["web", "db"].map((id) => ctx.groups.find((g) => g.id === id));
    if (!web || !db) throw new Error("groups missing");
    expect(names(ctx, web)).toEqual(["dev", "prod"]);
    expect(names(ctx, web)).toBe(names(ctx, web));
    expect(calls).toBe(1);
    expect(names(ctx, db)).toEqual(["dev"]);
    expect(calls).toBe(2);
    // another comparison: computed anew
    expect(names(makeContext([dev, prod]), web)).toEqual(["dev", "prod"]);
    expect(calls).toBe(3);
    // the same context with other environments: computed anew
    const narrowed = { ...ctx, environments: ctx.environments.slice(0, 1) };
    const before = calls;
    expect(names(narrowed, web)).toEqual(["dev"]);
    expect(calls).toBe(before + 1);
  });

  it("memoizes undefined and other falsy answers too", () => {
    let calls = 0;
    const nothing = memoPerGroup(() => {
      calls++;
      return undefined;
    });
    const ctx = makeContext([dev, prod]);
    const web = ctx.groups[0];
    if (!web) throw new Error("no group");
    nothing(ctx, web);
    nothing(ctx, web);
    expect(calls).toBe(1);
  });
});

describe("presentIn", () => {
  it("lists the environments where the group's service is present, with its name and config", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { image: "a" }, db: { image: "p" } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { image: "b" } } });
    const ctx = makeContext([dev, prod]);
    const db = ctx.groups.find((g) => g.id === "db");
    const web = ctx.groups.find((g) => g.id === "web");
    expect(db && presentIn(ctx, db).map((p) => [p.view.name, p.name])).toEqual([["dev", "db"]]);
    expect(web && presentIn(ctx, web).map((p) => [p.view.name, p.service.image])).toEqual([
      ["dev", "a"],
      ["prod", "b"],
    ]);
  });
});
