import { describe, expect, it } from "vitest";
import { expectAsReference, expectDeclined } from "./testing";

describe("block scalars", () => {
  it("reads literal scalars with clip and strip chomping, as the reference does", () => {
    const v = expectAsReference("a: |\n  line 1\n    more\n\n  line 3\n\n\nb: |-\n  x\n  y\nc: 1\n") as Record<string, unknown>;
    expect(v.a).toBe("line 1\n  more\n\nline 3\n");
    expect(v.b).toBe("x\ny");
  });

  it("reads folded scalars, keeping line breaks around more-indented lines", () => {
    const v = expectAsReference(">\n".replace(">\n", "") + "a: >\n  one\n  two\n\n  three\n    indented\n  four\nb: >-\n  x\n  y\n") as Record<string, unknown>;
    expect(v.a).toBe("one two\nthree\n  indented\nfour\n");
    expect(v.b).toBe("x y");
  });

  it("adds the final line break of clip chomping at the end of the file too", () => {
    expect((expectAsReference("a: |\n  foo") as Record<string, unknown>).a).toBe("foo\n");
  });

  it("reads block scalars in sequences and compact mappings, with a comment after the header", () => {
    expectAsReference("cmd:\n  - |  # script\n    echo a\n    echo b\n  - k: >-\n      folded\n      text\n    j: 1\n");
  });

  it("keeps lines that look like comments or keys inside the scalar", () => {
    expectAsReference("a: |\n  # not a comment\n  key: value\n  - item\nb: 2\n");
  });

  it("declines the cases where yaml's rules get subtle", () => {
    expectDeclined("a: |+\n  keep\n\nb: 1\n", "block scalar header");
    expectDeclined("a: |2\n    x\n", "block scalar header");
    expectDeclined("a: | text\n  x\n", "text after a block scalar header");
    expectDeclined("a: |\nb: 1\n", "empty block scalar");
    expectDeclined("a: |", "empty block scalar");
    expectDeclined("a: |\n      \n  x\n", "more-indented leading blank line in a block scalar");
    expectDeclined("a: |\n  x\n      \n  y\n", "more-indented blank line in a block scalar");
    expectDeclined("a: |\n    x\n  y\n", "unexpected indentation");
    expectDeclined("a: !reset |\n  x\n", "tagged block scalar");
  });
});
