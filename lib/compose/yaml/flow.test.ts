import { describe, expect, it } from "vitest";
import { getLoc, getSelfLoc } from "../source-map";
import { expectAsReference, expectDeclined } from "./testing";

describe("flow collections", () => {
  it("reads sequences and mappings of scalars, nested ones and empty ones, as the reference does", () => {
    const v = expectAsReference(
      [
        "networks: [backend]",
        'command: ["serve", "--port", "8000"]',
        "empty: {}",
        "none: [ ]",
        "labels: {a: 1, 'b': two, \"c\": [x, {d: ~}]}",
        "mixed: [0755, yes, .inf, -.5, 'q', a b, -p, x:y, http://h:1/p]",
        "spaced: [ a ,  b ]  # comment",
      ].join("\n"),
    ) as Record<string, unknown>;
    expect(v.command).toEqual(["serve", "--port", "8000"]);
    expect(v.labels).toEqual({ a: 1, b: "two", c: ["x", { d: null }] });
    expect(v.mixed).toEqual([493, "yes", Number.POSITIVE_INFINITY, -0.5, "q", "a b", "-p", "x:y", "http://h:1/p"]);
    // items where they start, the collection at its bracket
    expect(getSelfLoc(v.command)).toEqual({ file: "t.yml", line: 2, col: 10 });
    expect(getLoc(v.command, 1)).toEqual({ file: "t.yml", line: 2, col: 20 });
    expect(getLoc(v.labels, "b")).toEqual({ file: "t.yml", line: 5, col: 16 });
  });

  it("reads aliases inside flow sequences", () => {
    expectAsReference("a: &a x\nb: &b {k: v}\nc: [*a, *b, *a]\n");
  });

  it("reads a collection that starts on its key's or dash's line and goes on over indented lines", () => {
    const v = expectAsReference(
      [
        "healthcheck:",
        "  test: [",
        '      "CMD-SHELL",',
        "      # a comment line",
        '      "wget -q http://localhost/ || exit 1",  # trailing',
        "  ]",
        "  labels: {a: 1,",
        "    b: [x,",
        "      y], }",
        "s:",
        "  - [1,",
        "    2]",
        "  - k: {",
        "      j: 3 }",
        "t: [x, ]",
      ].join("\n"),
    ) as { healthcheck: { test: string[] } };
    expect(v.healthcheck.test).toEqual(["CMD-SHELL", "wget -q http://localhost/ || exit 1"]);
    expect(getLoc(v.healthcheck.test, 1)).toEqual({ file: "t.yml", line: 5, col: 7 });
  });

  it("declines what it does not read exactly", () => {
    expectDeclined("a:\n  [x,\n  y]\n", "multi-line flow collection");
    expectDeclined("a: [x,\ny]\n", "flow collection line not indented enough");
    expectDeclined("s:\n  - k: [x,\n    y]\n", "flow collection line not indented enough");
    expectDeclined("a: [x,\n# note\n  y]\n", "flow collection comment not indented enough");
    expectDeclined("a: [x,\n", "unterminated flow collection");
    expectDeclined("a: {k:\n  v}\n", "flow key without ': '");
    expectDeclined("a: {k: \n  v}\n", "flow value on the next line");
    expectDeclined("a: [x,\n  y\n  z]\n", "unexpected character in flow collection");
    expectDeclined("a: [x,, y]\n", "empty flow entry");
    expectDeclined("a: [,]\n", "flow scalar starts with an indicator");
    expectDeclined("a: [k: v]\n", "pair in a flow sequence");
    expectDeclined("a: {k:v}\n", "flow key without ': '");
    expectDeclined("a: {k}\n", "flow key without ': '");
    expectDeclined("a: {k : v}\n", "space before a flow key's ':'");
    expectDeclined("a: {k: v, k: w}\n", "duplicate key");
    expectDeclined("a: {1: v}\n", "flow key not a plain string");
    expectDeclined("a: {<<: *x}\n", "flow key not a plain string");
    expectDeclined("a: [x #c]\n", "unterminated flow collection");
    expectDeclined("a: [x]\nb: ['x'#c]\n", "comment not separated");
    expectDeclined("a: [&x y]\n", "flow scalar starts with an indicator");
    expectDeclined("a: [!reset y]\n", "flow scalar starts with an indicator");
    expectDeclined("a: [- y]\n", "flow scalar starts with an indicator");
    expectDeclined("a: [x] y\n", "text after a value");
    expectDeclined("a: [x]]\n", "text after a value");
    expectDeclined("a: [x}\n", "unexpected character in flow collection");
  });
});
