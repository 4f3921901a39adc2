import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenizeSource, type Token } from "./tokenize-source";

const types = (tokens: Token[] | undefined) => (tokens ?? []).filter((t) => t.text.trim()).map((t) => `${t.type}:${t.text.trim()}`);

describe("tokenizeSource", () => {
  it("colours YAML keys, scalars, list markers, comments, variables and masks", () => {
    const lines = tokenizeSource({
      kind: "compose",
      content: [
        "services:",
        "  web:",
        "    image: postgres:15 # pinned",
        "    ports:",
        '      - "8000:8000"',
        "    environment:",
        "      - DEBUG=${DEBUG:-0}",
        "      SECRET_KEY: ••••",
        "    restart: true",
        "    replicas: 3",
        "    x: null",
        "    base: &base",
      ].join("\n"),
    });
    expect(lines).toHaveLength(12);
    expect(types(lines[0])).toEqual(["key:services", "punct::"]);
    expect(types(lines[2])).toEqual(["key:image", "punct::", "string:postgres:15", "comment:# pinned"]);
    expect(types(lines[4])).toEqual(["punct:-", 'string:"8000:8000"']);
    expect(types(lines[6])).toEqual(["punct:-", "string:DEBUG=", "var:${DEBUG:-0}"]);
    expect(types(lines[7])).toEqual(["key:SECRET_KEY", "punct::", "mask:••••"]);
    expect(types(lines[8])).toEqual(["key:restart", "punct::", "bool:true"]);
    expect(types(lines[9])).toEqual(["key:replicas", "punct::", "number:3"]);
    expect(types(lines[10])).toEqual(["key:x", "punct::", "null:null"]);
    expect(types(lines[11])).toEqual(["key:base", "punct::", "anchor:&base"]);
  });

  it("keeps a block scalar's lines as string content", () => {
    const lines = tokenizeSource({ kind: "compose", content: "command: |\n  echo a: b\n  run\nnext: 1" });
    expect(types(lines[1])).toEqual(["string:echo a: b"]);
    expect(types(lines[3])).toEqual(["key:next", "punct::", "number:1"]);
  });

  it("colours env files: export, key, value, comment, masked secret", () => {
    const lines = tokenizeSource({ kind: "env", content: "# db\nexport SQL_HOST=db # host\nSECRET_KEY=•••• (9 chars)\nQUOTED=\"a # b\"\n" });
    expect(lines).toHaveLength(4);
    expect(types(lines[0])).toEqual(["comment:# db"]);
    expect(types(lines[1])).toEqual(["keyword:export", "key:SQL_HOST", "punct:=", "string:db", "comment:# host"]);
    expect(types(lines[2])).toEqual(["key:SECRET_KEY", "punct:=", "mask:•••• (9 chars)"]);
    expect(types(lines[3])).toEqual(["key:QUOTED", "punct:=", 'string:"a # b"']);
  });

  it("colours Procfile process names", () => {
    expect(types(tokenizeSource({ kind: "procfile", content: "web: gunicorn app:app --bind 0.0.0.0:$PORT" })[0])).toEqual([
      "key:web",
      "punct::",
      "plain:gunicorn app:app --bind 0.0.0.0:",
      "var:$PORT",
    ]);
  });

  it("never changes the text: tokens join back to each line, one entry per line", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom("compose", "env", "procfile"), (content, kind) => {
        const lines = tokenizeSource({ content, kind });
        const expected = content.split("\n");
        if (expected.length > 1 && expected[expected.length - 1] === "") expected.pop();
        expect(lines.map((ts) => ts.map((t) => t.text).join(""))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
