import { describe, expect, it } from "vitest";
import { memoOne, memoPair } from "./memo";

describe("memoPair", () => {
  it("computes each distinct pair once and answers the same result after", () => {
    const calls: [string | null, string | null][] = [];
    const f = memoPair((a: string | null, b: string | null) => {
      calls.push([a, b]);
      return `${a}|${b}`;
    });
    expect(f("13", "16")).toBe("13|16");
    expect(f("13", "16")).toBe("13|16");
    expect(f("16", "13")).toBe("16|13");
    expect(f(null, "16")).toBe("null|16");
    expect(f(null, "16")).toBe("null|16");
    expect(calls).toEqual([
      ["13", "16"],
      ["16", "13"],
      [null, "16"],
    ]);
  });

  it("keeps the pairs of separate memos apart", () => {
    let n = 0;
    const f = memoPair((a: string, b: string) => `${a}${b}${++n}`);
    const g = memoPair((a: string, b: string) => `${a}${b}${++n}`);
    expect(f("a", "b")).toBe("ab1");
    expect(g("a", "b")).toBe("ab2");
    expect(f("a", "b")).toBe("ab1");
  });
});

describe("memoOne", () => {
  it("computes each distinct argument once, undefined results included", () => {
    const calls: string[] = [];
    const f = memoOne((a: string) => {
      calls.push(a);
      return a.startsWith("x") ? undefined : a.length;
    });
    expect(f("abc")).toBe(3);
    expect(f("xyz")).toBeUndefined();
    expect(f("abc")).toBe(3);
    expect(f("xyz")).toBeUndefined();
    expect(calls).toEqual(["abc", "xyz"]);
  });
});
