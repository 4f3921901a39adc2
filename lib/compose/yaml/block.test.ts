import { describe, expect, it } from "vitest";
import { collectLocations, getLoc, getSelfLoc } from "../source-map";
import { OverrideTag, ResetTag } from "../tags";
import { expectAsReference, expectDeclined } from "./testing";

describe("block mappings and sequences", () => {
  it("reads nested mappings and sequences with every location the reference records", () => {
    const v = expectAsReference("services:\n  web:\n    ports:\n      - 80:80\n      - '443:443'\n") as {
      services: { web: { ports: string[] } };
    };
    expect(getLoc(v, "services")).toEqual({ file: "t.yml", line: 1, col: 1 });
    expect(getLoc(v.services.web.ports, 1)).toEqual({ file: "t.yml", line: 5, col: 9 });
    expect(getSelfLoc(v.services.web)).toEqual({ file: "t.yml", line: 3, col: 5 });
    expect(collectLocations(v).get("services.web.ports[0]")).toEqual({ file: "t.yml", line: 4, col: 9 });
  });

  it("reads `- key: value` items, compact sequences and sequences at their key's indentation", () => {
    expectAsReference("s:\n  - k: v\n    j: w\n  -   m: 1\n  - - a\n    - b\nt:\n- x\n- y: 1\n  z:\n  - 2\nu: end\n");
  });

  it("reads empty values and items, comments and blank lines anywhere", () => {
    const v = expectAsReference("# top\na:\nb: # note\n\n  # indented comment\nc:\n- x\n-\n- y\nd: ~\n") as Record<string, unknown>;
    expect(v).toEqual({ a: null, b: null, c: ["x", null, "y"], d: null });
    expect(getLoc(v.c, 1)).toEqual({ file: "t.yml", line: 8, col: 2 });
  });

  it("reads a leading ---, an indented root, a root sequence, and values on the next line", () => {
    expectAsReference("--- # doc\nname: x\n");
    expectAsReference("  a: 1\n  b: 2\n");
    expectAsReference("- a\n- b: 1\n");
    expectAsReference('command:\n  ["postgres"]\nimage:\n  "x"\nother:\n  *x\n'.replace("*x", "[y]"));
  });

  it("reads !reset and !override like the reference", () => {
    const v = expectAsReference("a: !reset\nb: !reset []\nc: !override\n  - 8080:80\nd: !override {x: 1}\ne:\n  - !reset x\n") as Record<string, unknown>;
    expect(v.a).toBeInstanceOf(ResetTag);
    expect(v.c).toEqual(new OverrideTag(["8080:80"]));
  });

  it("keeps keys such as __proto__, yes and 1_000 as data", () => {
    const v = expectAsReference("labels:\n  __proto__: x\n  yes: 1\n  1_000: k\n") as { labels: Record<string, unknown> };
    expect(Object.keys(v.labels)).toEqual(["__proto__", "yes", "1_000"]);
  });

  it("declines what it does not read exactly", () => {
    expectDeclined("", "empty document");
    expectDeclined("# only a comment\n", "empty document");
    expectDeclined("just a scalar\n", "not a key");
    expectDeclined("a: 1\n---\nb: 2\n", "document marker");
    expectDeclined("a: 1\n...\n", "document marker");
    expectDeclined("... \na: 1\n", "document end marker");
    expectDeclined("--- x\na: 1\n", "content after ---");
    expectDeclined("a: one\n  two\n", "unexpected indentation");
    expectDeclined("a:\n  b: 1\n   c: 2\n", "unexpected indentation");
    expectDeclined("a:\n  plain\n", "value on the next line");
    expectDeclined("a: b: c\n", "':' in a plain value");
    expectDeclined("a: b:\n", "':' in a plain value");
    expectDeclined("a: - b\n", "value starts with an indicator");
    expectDeclined("a: ?b\n", "value starts with an indicator");
    expectDeclined("a: @b\n", "value starts with an indicator");
    expectDeclined("? a\n: b\n", "not a key");
    expectDeclined("a : b\n", "space before a key's ':'");
    expectDeclined("a: 1\na: 2\n", "duplicate key");
    expectDeclined("1: a\n", "non-string key");
    expectDeclined("true: a\n", "non-string key");
    expectDeclined("~: a\n", "non-string key");
    expectDeclined(`${"k".repeat(1100)}: v\n`, "long implicit key");
    expectDeclined("a: !custom x\n", "tag");
    expectDeclined("a: !!str 1\n", "tag");
    expectDeclined("a: !override x\n", "!override on a scalar");
    expectDeclined("a: !override\nb: 1\n", "empty !override");
    expectDeclined("- !reset\n", "empty item with props");
    expectDeclined("s:\n  - # note\n  - x\n", "empty item followed by spaces or a comment");
    expectDeclined("a:\n  - x\n  b: 1\n", "unexpected indentation");
    expectDeclined("- x\nb: 1\n", "content after the root collection");
  });
});
