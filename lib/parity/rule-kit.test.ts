import { describe, expect, it } from "vitest";
import { createSharedFindings, memoPerGroup, presentIn, type FindingDraft } from "./rule-kit";
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

describe("createSharedFindings", () => {
  const at = (env: string, line: number) => ({ env, file: ".env", line, col: 1 });
  const finding = (service: string | null, line: number, envs = ["dev", "prod"]): FindingDraft => ({
    rule: "hardcoded-secret",
    factor: "III",
    severity: "high",
    service,
    key: "DB_PASSWORD",
    environments: envs,
    values: [],
    message: `\`DB_PASSWORD\` of \`${service}\` is written in .env.`,
    fix: "Move it.",
    locations: envs.map((e) => at(e, line)),
  });

  it("builds one finding per place and names the other services that share it", () => {
    const shared = createSharedFindings();
    let built = 0;
    for (const svc of ["api", "worker", "cron"]) {
      const f = finding(svc, 3);
      shared.add(f, () => {
        built++;
        return f;
      });
    }
    shared.push(finding("web", 4));
    const out = shared.done();
    expect(built).toBe(1);
    expect(out.map((f) => [f.service, f.message])).toEqual([
      ["api", "`DB_PASSWORD` of `api` is written in .env (also used by `worker`, `cron`)."],
      ["web", "`DB_PASSWORD` of `web` is written in .env."],
    ]);
  });

  it("keeps apart findings in other environments, and those without a service or a location", () => {
    const shared = createSharedFindings();
    shared.push(finding("api", 3));
    shared.push(finding("worker", 3, ["prod", "dev"])); // the same environments in another order: shared
    shared.push(finding("cron", 3, ["dev"]));
    shared.push(finding(null, 3));
    shared.push(finding(null, 3));
    shared.push({ ...finding("a", 3), locations: [] });
    shared.push({ ...finding("b", 3), locations: [] });
    expect(shared.done().map((f) => f.service)).toEqual(["api", "cron", null, null, "a", "b"]);
  });
});

describe("createSharedFindings places", () => {
  const base = (service: string, key: string, envs: string[]): FindingDraft => ({
    rule: "secret-reused",
    factor: "III",
    severity: "high",
    service,
    key,
    environments: envs,
    values: [],
    message: `${service}.`,
    fix: "",
    locations: [{ env: "x", file: "f", line: 1, col: 1 }],
  });

  it("tells places apart exactly when names hold the characters places are joined with", () => {
    const shared = createSharedFindings();
    // joined naively with NUL, these two places would read the same
    shared.push(base("a", "K\u0000high\u00001", ["x"]));
    shared.push(base("b", "K", ["high\u00001\u0000x"]));
    shared.push(base("c", "K\u0000high\u00001", ["x"]));
    expect(shared.done().map((f) => [f.service, f.message])).toEqual([
      ["a", "a (also used by `c`)."],
      ["b", "b."],
    ]);
  });
});
