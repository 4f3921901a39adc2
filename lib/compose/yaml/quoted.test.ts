import { describe, expect, it } from "vitest";
import { Decline } from "./decline";
import { readDoubleQuoted, readSingleQuoted } from "./quoted";
import { expectAsReference, expectDeclined } from "./testing";

const dq = (s: string) => readDoubleQuoted(s, 0, s.length);
const sq = (s: string) => readSingleQuoted(s, 0, s.length);
const reason = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof Decline ? e.reason : `threw ${String(e)}`;
  }
  return "read";
};

describe("readDoubleQuoted", () => {
  it("reads YAML 1.2 escapes", () => {
    expect(dq('"a\\tb\\n\\"c\\" \\\\ \\/ \\0\\a\\b\\e\\f\\r\\v\\ "').value).toBe('a\tb\n"c" \\ / \0\x07\b\x1b\f\r\v ');
    expect(dq('"\\N\\_\\L\\P"').value).toBe("\u0085\u00a0\u2028\u2029");
    expect(dq('"\\x41\\u00e9\\U0001F600"').value).toBe("Aé😀");
  });

  it("returns the index after the closing quote", () => {
    expect(dq('"8000:8000" # port')).toEqual({ value: "8000:8000", end: 11 });
    expect(dq('""')).toEqual({ value: "", end: 2 });
  });

  it("declines invalid escapes, a line continuation and an unclosed quote", () => {
    expect(reason(() => dq('"\\q"'))).toBe("bad escape");
    expect(reason(() => dq('"\\x4"'))).toBe("bad escape");
    expect(reason(() => dq('"\\u00g1"'))).toBe("bad escape");
    expect(reason(() => dq('"\\U00110000"'))).toBe("bad escape");
    expect(reason(() => dq('"abc\\'))).toBe("double-quoted line continuation");
    expect(reason(() => dq('"abc'))).toBe("multi-line double-quoted scalar");
  });
});

describe("readSingleQuoted", () => {
  it("reads '' as a quote and backslashes as they are", () => {
    expect(sq("'it''s \\n'")).toEqual({ value: "it's \\n", end: 10 });
    expect(sq("''")).toEqual({ value: "", end: 2 });
    expect(sq("''''")).toEqual({ value: "'", end: 4 });
  });

  it("declines an unclosed quote", () => {
    expect(reason(() => sq("'abc"))).toBe("multi-line single-quoted scalar");
    expect(reason(() => sq("'it''"))).toBe("multi-line single-quoted scalar");
  });
});

describe("quoted scalars in documents", () => {
  it("match the reference as values and keys", () => {
    expectAsReference(`a: "x\\ty\\u00e9\\x41"\n'b': 'it''s'\n"c d": "8000:8000"\ne: "0755"\nf: ''\ng: "  spaced  " # comment\n`);
  });

  it("decline multi-line quoted scalars and text after the quote", () => {
    expectDeclined('a: "one\n  two"\n', "multi-line double-quoted scalar");
    expectDeclined("a: 'one\n  two'\n", "multi-line single-quoted scalar");
    expectDeclined('a: "x" y\n', "text after a value");
    expectDeclined('a: "x"# no space\n', "text after a value");
    expectDeclined('"a" : 1\n');
  });
});
