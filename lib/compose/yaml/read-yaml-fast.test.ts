import { describe, expect, it } from "vitest";
import { DEFAULT_YAML_LIMITS } from "../parse-yaml";
import { Budget } from "./budget";
import { Cursor } from "./cursor";
import { Decline } from "./decline";
import { hasUnsupportedCharacter } from "./read-yaml-fast";
import { expectAsReference, expectDeclined, readFast } from "./testing";

describe("readYamlFast", () => {
  it("reads a compose file", () => {
    expect(readFast("services:\n  web:\n    image: nginx\n    tty: yes\n    scale: 2\n")).toEqual({
      kind: "parsed",
      value: { services: { web: { image: "nginx", tty: "yes", scale: 2 } } },
    });
  });

  it("reads CRLF line breaks like LF ones", () => {
    const v = expectAsReference("a: b  \r\nc:\r\n- x\r\n-\r\nd: |\r\n  one\r\n\r\n  two\r\ne: [1, 'q']\r\n");
    expect(v).toEqual({ a: "b", c: ["x", null], d: "one\n\ntwo\n", e: [1, "q"] });
    expectAsReference("---\r\na: 1\r\n");
  });

  it("declines tabs, lone carriage returns, control characters and stray BOMs, and reads other Unicode", () => {
    expectDeclined("a:\tb\n", "unsupported character");
    expectDeclined("a: b\rc: d\n", "unsupported character");
    expectDeclined("a: b\r\r\n", "unsupported character");
    expectDeclined("a: b\r", "unsupported character");
    expectDeclined("a: b\u0085c\n", "unsupported character");
    expectDeclined("a: \ufeffb\n", "unsupported character");
    expectDeclined("a: \ud800\n", "unsupported character");
    expectAsReference("a: é ü 😀\nb: 'ß'\n");
    expect(hasUnsupportedCharacter("plain ascii\n")).toBe(false);
    expect(hasUnsupportedCharacter("emoji 😀")).toBe(false);
    expect(hasUnsupportedCharacter("\u2028")).toBe(true);
  });

  it("declines past the node and depth limits and lets the reference report them", () => {
    expectDeclined(`a: [${Array(50).fill("1").join(", ")}]`, "guard-rail limit", { maxNodes: 20 });
    expectAsReference(`a: [${Array(17).fill("1").join(", ")}]`, { maxNodes: 20 });
    expectDeclined("a: ".concat("[".repeat(150), "]".repeat(150)), "guard-rail limit");
    expectDeclined("a:\n  b:\n    c: 1\n", "guard-rail limit", { maxDepth: 2 });
    expectAsReference("a:\n  b:\n    c: 1\n", { maxDepth: 3 });
  });
});

describe("Cursor", () => {
  it("skips blank and comment lines and reports indentation and locations", () => {
    const c = new Cursor("\n  # c\n   a: 1\n", "f.yml");
    expect(c.toContent()).toBe(true);
    expect([c.lineNo, c.indent, c.first]).toEqual([3, 3, 10]);
    expect(c.loc(c.first + 3)).toEqual({ file: "f.yml", line: 3, col: 7 });
    expect(c.nextLine()).toBe(true);
    expect(c.toContent()).toBe(false);
    expect(c.eof).toBe(true);
  });

  it("ends a line's content before its CRLF", () => {
    const c = new Cursor("a: 1\r\nb: 2\r\n", "f.yml");
    expect([c.lineStart, c.lineEnd]).toEqual([0, 4]);
    expect(c.nextLine()).toBe(true);
    expect([c.lineNo, c.lineStart, c.lineEnd]).toEqual([2, 6, 10]);
  });

  it("declines on a document marker unless it is allowed", () => {
    expect(() => new Cursor("---\n", "f").toContent()).toThrow(Decline);
    expect(new Cursor("---\n", "f").toContent(true)).toBe(true);
  });
});

describe("Budget", () => {
  it("counts values, alias expansions and depth, and declines past the limits", () => {
    const b = new Budget({ ...DEFAULT_YAML_LIMITS, maxNodes: 5, maxAliasExpansion: 3 });
    const mark = b.enter(1);
    b.count(1);
    b.count(2);
    expect(b.exit(mark)).toEqual({ cost: 2, relDepth: 1 });
    b.countAlias(2, 3, 1);
    expect([b.nodes, b.aliasNodes, b.deepest]).toEqual([4, 2, 4]);
    b.merging++;
    b.count(1);
    expect(b.aliasNodes).toBe(3);
    expect(() => b.count(1)).toThrow(Decline);
  });
});
