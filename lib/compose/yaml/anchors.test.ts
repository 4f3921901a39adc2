import { describe, expect, it } from "vitest";
import { getLoc, getSelfLoc } from "../source-map";
import { OverrideTag, ResetTag } from "../tags";
import { cloneValue } from "./anchors";
import { expectAsReference, expectDeclined } from "./testing";

describe("anchors and aliases", () => {
  it("gives every alias its own copy of the anchored value, with the anchor's locations", () => {
    const v = expectAsReference("x-a: &a\n  k: v\n  l: [1, 2]\nb: *a\nc: *a\ns: &s plain\nt: *s\n") as Record<string, Record<string, unknown>>;
    expect(v.b).toEqual({ k: "v", l: [1, 2] });
    expect(v.b).not.toBe(v["x-a"]);
    expect(v.b?.l).not.toBe(v.c?.l);
    expect(getLoc(v.b, "l")).toEqual({ file: "t.yml", line: 3, col: 3 });
    expect(getSelfLoc(v.c)).toEqual({ file: "t.yml", line: 2, col: 3 });
    expect(v.t).toBe("plain");
  });

  it("takes the last anchor of a name written before the alias", () => {
    expectAsReference("a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: &x\n  f: &x 3\n  g: *x\nh: *x\n");
  });

  it("reads an anchor written alone on the line before its mapping", () => {
    expectAsReference("x-common:\n  &common\n  restart: unless-stopped\nservices:\n  a:\n    <<: *common\n");
  });

  it("copies tag markers", () => {
    const v = expectAsReference("a: &r !reset []\nb: *r\nc: &o !override [x]\nd: *o\n") as Record<string, unknown>;
    expect(v.b).toBeInstanceOf(ResetTag);
    expect(v.b).not.toBe(v.a);
    expect(v.d).toEqual(new OverrideTag(["x"]));
    expect(v.d).not.toBe(v.c);
  });

  it("cloneValue copies containers deeply and keeps scalars", () => {
    const src = { a: [1, { b: "x" }], c: new OverrideTag({ d: null }) };
    const copy = cloneValue(src) as typeof src;
    expect(copy).toEqual(src);
    expect(copy.a).not.toBe(src.a);
    expect(copy.c.value).not.toBe(src.c.value);
  });

  it("declines unknown anchors, cycles and unusual anchors", () => {
    expectDeclined("a: *nope\n", "unknown anchor");
    expectDeclined("a: &a\n  b: *a\n", "alias inside its own anchor");
    expectDeclined("a: &a\nb: 1\n", "anchored empty value");
    expectDeclined("a: &a&b x\n", "anchor");
    expectDeclined("a: &a\u00e9 x\n", "anchor");
    expectDeclined("a: &a *b\n", "alias with props");
    expectDeclined("&a k: v\n", "not a key");
  });
});

describe("merge keys", () => {
  it("merges like the reference: explicit keys win, earlier sources win, locations kept", () => {
    const v = expectAsReference(
      [
        "x-a: &a {image: a, restart: always, tty: true}",
        "x-b: &b",
        "  image: b",
        "  init: true",
        "services:",
        "  web:",
        "    image: mine",
        "    <<: [*a, *b]",
        "  copy:",
        "    <<: *a",
        "    tty: false",
        "  inline:",
        "    <<: {x: 1}",
        "  listed:",
        "    <<:",
        "      - *b",
        "      - *a",
      ].join("\n"),
    ) as { services: Record<string, Record<string, unknown>> };
    expect(v.services.web).toEqual({ image: "mine", restart: "always", tty: true, init: true });
    expect(getLoc(v.services.web, "restart")).toMatchObject({ line: 1 });
    expect(v.services.copy).toEqual({ image: "a", restart: "always", tty: false });
  });

  it("declines a merge of something that is not a mapping, and a repeated merge key", () => {
    expectDeclined('x: &s "str"\na:\n  <<: *s\n', "merge source is not a mapping");
    expectDeclined("x: &s [1]\na:\n  <<: [*s]\n", "merge source is not a mapping");
    expectDeclined("a:\n  <<:\n  b: 1\n", "merge source is not a mapping");
    expectDeclined("x: &o !override {a: 1}\nb:\n  <<: *o\n", "merge source is not a mapping");
    expectDeclined("x: &a {a: 1}\nb:\n  <<: *a\n  <<: *a\n", "duplicate key");
    expectDeclined("x: &a {a: 1}\nb:\n  '<<': *a\n", "quoted << key");
  });

  it("declines when aliases would expand past the limit, and leaves the error to the reference", () => {
    const lines = ["x-a: &a {k: v}"];
    const names = "abcdefghi";
    for (let i = 1; i < names.length; i++) lines.push(`x-${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]`);
    expectDeclined(lines.join("\n"), "guard-rail limit");
    expectDeclined("x: &a {a: 1, b: 2}\ny: [*a, *a, *a]\n", "guard-rail limit", { maxAliasExpansion: 8 });
    expectAsReference("x: &a {a: 1, b: 2}\ny: [*a, *a, *a]\n", { maxAliasExpansion: 9 });
  });
});
