import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { fp, openTestDatabase, seedComparison, type SeededComparison } from "@/lib/review/testing/review-db";
import { readPageStateHead, readResultPageState } from "./read-result-page-state";

let db: Database;
let c: SeededComparison;
beforeAll(async () => {
  db = await openTestDatabase();
  c = await seedComparison({ prisma: db.prisma, revisions: [[{ fingerprint: fp("a") }], [{ fingerprint: fp("a") }, { fingerprint: fp("b") }]] });
}, 60_000);
afterAll(async () => {
  await db?.close();
});

describe("readResultPageState", () => {
  it("reads the latest or the asked revision, the prepared statement (PGlite) as the plain one", async () => {
    const latest = await readResultPageState({ db, id: c.id });
    const first = await readResultPageState({ db, id: c.id, revision: 1 });
    expect((latest.raw as { revision: { number: number } }).revision.number).toBe(2);
    expect((first.raw as { revision: { number: number } }).revision.number).toBe(1);
    expect(first.digest).not.toBe(latest.digest);
    // the same answers again (EXECUTE of the statement prepared by the first call)
    expect(await readResultPageState({ db, id: c.id })).toEqual(latest);
    expect(await readResultPageState({ db, id: c.id, revision: 2 })).toEqual(latest);
    // the plain statement, on a driver that cannot prepare, answers alike
    const plain = { sql: { ...db.sql, kind: "postgres" as const } };
    expect(await readResultPageState({ db: plain, id: c.id })).toEqual(latest);
    expect(await readResultPageState({ db: plain, id: c.id, revision: 1 })).toEqual(first);
  });

  it("executes the prepared statement (PGlite) with its generic plan only, and leaves plan_cache_mode as it was", async () => {
    const plans = async () =>
      (await db.sql.query<{ generic_plans: number; custom_plans: number }>("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'compose_parity_result_page_state'"))[0];
    const before = await plans();
    for (let i = 0; i < 7; i++) await readResultPageState({ db, id: c.id, revision: i % 2 ? 1 : undefined });
    const after = await plans();
    expect(after?.custom_plans).toBe(before?.custom_plans ?? 0);
    expect(after?.custom_plans).toBe(0);
    expect((after?.generic_plans ?? 0) - (before?.generic_plans ?? 0)).toBe(7);
    expect(await db.sql.query("SHOW plan_cache_mode")).toEqual([{ plan_cache_mode: "auto" }]);
    // a script whose statement fails rolls the SET back with it (one implicit transaction)
    await expect(db.sql.execRows("SET plan_cache_mode = force_generic_plan; SELECT 1 / 0; RESET plan_cache_mode")).rejects.toThrow();
    expect(await db.sql.query("SHOW plan_cache_mode")).toEqual([{ plan_cache_mode: "auto" }]);
  });

  it("answers an unknown id, revision or an id outside the page alphabet with an empty row", async () => {
    for (const args of [{ id: "nope" }, { id: "it's'; DROP TABLE comparison; --" }, { id: c.id, revision: 3 }, { id: c.id, revision: 2 ** 40 }]) {
      const state = await readResultPageState({ db, ...args }).catch((err: unknown) => err);
      if (args.revision === 2 ** 40) {
        expect(state).toBeInstanceOf(Error); // out of int range, as before
        continue;
      }
      const head = readPageStateHead((state as { raw: unknown }).raw);
      expect(head.hasRevision).toBe(false);
      if (args.id !== c.id) expect(head.comparison).toBeNull();
    }
    expect(await db.prisma.comparison.count()).toBe(1);
    expect((await readResultPageState({ db, id: c.id })).digest).toBeTruthy();
  });
});
