import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { substituteTemplate } from "@/lib/compose/template";
import { envEntriesToMap, expandEscapes, parseEnvFile, parseEnvFiles } from "./parse-env-file";

const file = ".env";
const parse = (content: string, lookup?: (name: string) => string | undefined) => parseEnvFile({ content, file, lookup });

describe("parseEnvFile", () => {
  it("reads keys with their line, column and quoting", () => {
    const { value, issues } = parse("# comment\nA=1\n  export B='two'\nC = \"three\"\n");
    expect(issues).toEqual([]);
    expect(value).toEqual([
      { key: "A", value: "1", line: 2, col: 1, quote: "none", variables: [] },
      { key: "B", value: "two", line: 3, col: 10, quote: "single", variables: [] },
      { key: "C", value: "three", line: 4, col: 1, quote: "double", variables: [] },
    ]);
  });

  it("tells an empty value from a bare KEY, which inherits from the lookup or stays unknown", () => {
    const { value } = parse("EMPTY=\nINHERITED\nUNKNOWN\n", (name) => (name === "INHERITED" ? "from-shell" : undefined));
    expect(value.map((e) => [e.key, e.value])).toEqual([
      ["EMPTY", ""],
      ["INHERITED", "from-shell"],
      ["UNKNOWN", null],
    ]);
  });

  it("drops an inline comment only after whitespace in unquoted values", () => {
    const map = envEntriesToMap(parse("A=x # note\nB=x#not-a-comment\nC='x # kept'\nD=\"x\" # note\nE=x\t#tab is not enough\n").value);
    expect(map).toEqual({ A: "x", B: "x#not-a-comment", C: "x # kept", D: "x", E: "x\t#tab is not enough" });
  });

  it("keeps multi-line quoted values and counts lines after them", () => {
    const { value } = parse('CERT="line1\nline2"\nNEXT=1\nSQL=\'a\nb\'\nLAST=2');
    expect(value.map((e) => [e.key, e.value, e.line])).toEqual([
      ["CERT", "line1\nline2", 1],
      ["NEXT", "1", 3],
      ["SQL", "a\nb", 4],
      ["LAST", "2", 6],
    ]);
  });

  it("expands escapes and variables in double quotes only", () => {
    const map = envEntriesToMap(parse("HOST=db\nD=\"tab\\there $HOST \\$HOST\"\nS='tab\\there $HOST'\nU=tab\\t $HOST\n").value);
    expect(map).toEqual({ HOST: "db", D: "tab\there db $HOST", S: "tab\\there $HOST", U: "tab\\t db" });
  });

  it("looks variables up in the lookup before the keys already parsed", () => {
    const { value } = parse("HOST=file\nURL=http://${HOST}:${PORT:-80}\n", (name) => (name === "HOST" ? "shell" : undefined));
    expect(value[1]).toMatchObject({
      value: "http://shell:80",
      variables: [
        { name: "HOST", set: true },
        { name: "PORT", set: false },
      ],
    });
  });

  it("warns about a duplicate key naming both lines, and the later value wins", () => {
    const { value, issues } = parse("A=1\nB=2\nA=3\n");
    expect(envEntriesToMap(value)).toEqual({ A: "3", B: "2" });
    expect(issues).toEqual([
      {
        code: "ENV_DUPLICATE_KEY",
        severity: "warning",
        message: "A is set on line 1 and again on line 3; the later value (line 3) wins",
        file,
        line: 3,
        col: 1,
      },
    ]);
  });

  it("keeps the earlier value when a later bare KEY is unknown, like compose", () => {
    const { value, issues } = parse("A=1\nA\n");
    expect(envEntriesToMap(value)).toEqual({ A: "1" });
    expect(issues[0]?.message).toContain("line 1's value stays");
  });

  it("reports a key with a space and goes on with the next line", () => {
    const { value, issues } = parse("A=1\nBAD KEY=2\nC=3\n");
    expect(envEntriesToMap(value)).toEqual({ A: "1", C: "3" });
    expect(issues).toEqual([
      { code: "ENV_SYNTAX", severity: "error", message: "line 2: key cannot contain a space", file, line: 2, col: 1 },
    ]);
  });

  it("reports an unexpected character in a key at its column", () => {
    const { issues } = parse("OK=1\nFOO$BAR=2\n");
    expect(issues).toEqual([
      {
        code: "ENV_SYNTAX",
        severity: "error",
        message: 'line 2: unexpected character "$" in variable name "FOO$BAR=2"',
        file,
        line: 2,
        col: 4,
      },
    ]);
  });

  it("reports an unterminated quote and reads nothing after it", () => {
    const { value, issues } = parse('A=1\nB="open\nC=3\n');
    expect(envEntriesToMap(value)).toEqual({ A: "1" });
    expect(issues).toEqual([
      { code: "ENV_SYNTAX", severity: "error", message: 'line 2: unterminated quoted value "open', file, line: 2, col: 3 },
    ]);
  });

  it("reports a missing required variable at the value", () => {
    const { value, issues } = parse("A=${NEEDED:?set NEEDED}\n");
    expect(value[0]?.value).toBe("${NEEDED:?set NEEDED}");
    expect(issues).toEqual([
      {
        code: "REQUIRED_VARIABLE",
        severity: "error",
        message: "required variable NEEDED is missing a value: set NEEDED",
        file,
        line: 1,
        col: 3,
      },
    ]);
  });

  it("warns about an unset variable used without default", () => {
    const { issues } = parse("A=$NOPE\n");
    expect(issues).toEqual([
      {
        code: "UNSET_VARIABLE",
        severity: "warning",
        message: 'The "NOPE" variable is not set. Defaulting to a blank string.',
        file,
        line: 1,
        col: 3,
      },
    ]);
  });

  it("skips a UTF-8 BOM and reads CRLF files", () => {
    const map = envEntriesToMap(parse("\uFEFFA=1\r\nB='2'\r\nC\r\n", (n) => (n === "C" ? "c" : undefined)).value);
    expect(map).toEqual({ A: "1", B: "2", C: "c" });
  });

  it("reads a last bare KEY without newline as compose does (empty name) and warns", () => {
    const { value, issues } = parse("A=1\nTRAILING");
    expect(value[1]).toMatchObject({ key: "", value: "TRAILING" });
    expect(issues).toEqual([
      expect.objectContaining({ code: "ENV_SYNTAX", severity: "warning", line: 2, col: 1 }),
    ]);
  });

  it("never throws and always ends, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("A", "=", " ", "\n", "'", '"', "\\", "#", "$", "{", "}", "export ", ":", "\r", "é") }), (content) => {
        const { value } = parse(content);
        const lines = content.split("\n").length;
        for (const e of value) expect(e.line).toBeLessThanOrEqual(lines);
      }),
      { numRuns: 500 },
    );
  });
});

describe("expandEscapes", () => {
  it("expands compose's escapes and leaves the others as written", () => {
    expect(expandEscapes("\\a\\b\\f\\n\\r\\t\\v\\\\\\\"")).toBe('\x07\b\f\n\r\t\v\\"');
    expect(expandEscapes("\\0123 \\012 \\0 \\x41 \\u0041 \\q \\$X")).toBe("S \\012 \\0 \\x41 \\u0041 \\q $$X");
  });
});

describe("envEntriesToMap", () => {
  it("keeps an unknown bare KEY as null when nothing set it", () => {
    expect(envEntriesToMap([{ key: "A", value: null }])).toEqual({ A: null });
    expect(envEntriesToMap([{ key: "A", value: null }, { key: "A", value: "1" }])).toEqual({ A: "1" });
  });
});

describe("parseEnvFiles", () => {
  it("chains files: a later file sees earlier values and wins, each entry names its file", () => {
    const { value, issues } = parseEnvFiles({
      files: [
        { file: ".env", content: "HOST=localhost\nPORT=5432\n" },
        { file: ".env.local", content: "HOST=db\nURL=postgres://${HOST}:${PORT}\nPORT\n" },
      ],
    });
    expect(issues).toEqual([]);
    expect(envEntriesToMap(value)).toEqual({ HOST: "db", PORT: "5432", URL: "postgres://db:5432" });
    expect(value.map((e) => `${e.file}:${e.line}:${e.key}`)).toEqual([
      ".env:1:HOST",
      ".env:2:PORT",
      ".env.local:1:HOST",
      ".env.local:2:URL",
      ".env.local:3:PORT",
    ]);
    // a bare KEY inherits what the earlier files set
    expect(value[4]?.value).toBe("5432");
  });

  it("lets the lookup win over earlier files in interpolation", () => {
    const { value } = parseEnvFiles({
      files: [
        { file: "a.env", content: "HOST=a\n" },
        { file: "b.env", content: "URL=http://$HOST\n" },
      ],
      lookup: (name) => (name === "HOST" ? "shell" : undefined),
    });
    expect(envEntriesToMap(value).URL).toBe("http://shell");
  });
});

describe("envEntriesToMap with unusual keys", () => {
  it("keeps a __proto__ key as data on a plain object", () => {
    const map = envEntriesToMap(parseEnvFile({ content: "__proto__=x\nA=1\n", file }).value);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(map, "__proto__")?.value).toBe("x");
    expect(map.A).toBe("1");
  });
});

/**
 * A direct reading of compose-go's `dotenv/parser.go` (string slicing, a line counter, stop at
 * the first error) to check the offset-based parser against.
 */
function referenceParse(content: string, lookup: (name: string) => string | undefined): { map: Record<string, string> } | { error: string } {
  const isSpace = (c: string) => ["\t", "\v", "\f", "\r", " ", "\u0085", "\u00a0"].includes(c);
  const isUnicodeSpace = (c: string) => /^\p{White_Space}$/u.test(c);
  const trimLeft = (s: string, f: (c: string) => boolean) => {
    let i = 0;
    while (i < s.length && f(s[i] ?? "")) i++;
    return s.slice(i);
  };
  const trimRight = (s: string) => {
    let i = s.length;
    while (i > 0 && isUnicodeSpace(s[i - 1] ?? "")) i--;
    return s.slice(0, i);
  };
  const quote = (s: string) => JSON.stringify(s);
  const out = new Map<string, string>();
  let line = 1;
  const expand = (v: string) => substituteTemplate({ template: v, lookup: (k) => lookup(k) ?? out.get(k) });
  let cutset = content.startsWith("\uFEFF") ? content.slice(1) : content;
  for (;;) {
    // getStatementStart
    for (;;) {
      let pos = -1;
      for (let i = 0; i < cutset.length; i++) {
        const c = cutset[i] ?? "";
        if (c === "\n") line++;
        if (!isUnicodeSpace(c)) {
          pos = i;
          break;
        }
      }
      if (pos === -1) {
        cutset = "";
        break;
      }
      cutset = cutset.slice(pos);
      if (cutset[0] !== "#") break;
      const nl = cutset.indexOf("\n");
      if (nl === -1) {
        cutset = "";
        break;
      }
      cutset = cutset.slice(nl);
    }
    if (cutset === "") break;
    // locateKeyName
    let src = cutset;
    if (/^export[\t\n\f\r ]/.test(src)) src = trimLeft(src.slice("export".length), isSpace);
    let key = "";
    let offset = 0;
    let inherited = false;
    for (let i = 0; i < src.length; ) {
      const r = String.fromCodePoint(src.codePointAt(i) ?? 0);
      if (r === "=" || r === ":" || r === "\n") {
        key = src.slice(0, i);
        offset = i + 1;
        inherited = r === "\n";
        break;
      }
      if (!isSpace(r) && !"_.-[]".includes(r) && !/^[\p{L}\p{N}]$/u.test(r)) {
        return { error: `line ${line}: unexpected character ${quote(r)} in variable name ${quote(src.split("\n")[0] ?? "")}` };
      }
      i += r.length;
    }
    if (src === "") return { error: "zero length string" };
    if (inherited && !key.includes(" ")) line++;
    key = trimRight(key);
    const left = trimLeft(src.slice(offset), isSpace);
    if (key.includes(" ")) return { error: `line ${line}: key cannot contain a space` };
    if (inherited) {
      const v = lookup(key);
      if (v !== undefined) out.set(key, v);
      cutset = left;
      continue;
    }
    // extractVarValue
    const q = left[0];
    if (q !== "'" && q !== '"') {
      const nl = left.indexOf("\n");
      let value = nl === -1 ? left : left.slice(0, nl);
      cutset = nl === -1 ? "" : left.slice(nl + 1);
      line++;
      const hash = value.indexOf(" #");
      if (hash !== -1) value = value.slice(0, hash);
      const r = expand(trimRight(value));
      if (r.error) return { error: r.error.message };
      out.set(key, r.value ?? "");
      continue;
    }
    let escaped = false;
    let chars = "";
    let closed = false;
    for (let i = 1; i < left.length; i++) {
      const c = left[i] ?? "";
      if (c === "\n") line++;
      if (c !== q) {
        if (!escaped && c === "\\") {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += "\\";
        }
        chars += c;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += c;
        continue;
      }
      let value = chars;
      if (q === '"') {
        const r = expand(expandEscapes(value));
        if (r.error) return { error: r.error.message };
        value = r.value ?? "";
      }
      out.set(key, value);
      cutset = left.slice(i + 1);
      closed = true;
      break;
    }
    if (!closed) return { error: `line ${line}: unterminated quoted value` };
  }
  return { map: Object.fromEntries(out) };
}

describe("parseEnvFile against a direct reading of compose-go's parser", () => {
  it("agrees on values and on whether (and which) error is reported", () => {
    const unit = fc.constantFrom("A", "B", "x", "=", "=", ":", " ", "\t", "\n", "\n", "\r\n", "#", " #", "'", '"', "\\", "$", "${A}", "${B:?no}", "export ", "é", "-", ".", "%");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), fc.boolean(), (content, withBom) => {
        const text = (withBom ? "\uFEFF" : "") + content;
        const look = (name: string) => (name === "B" ? "from-lookup" : undefined);
        const ref = referenceParse(text, look);
        const ours = parseEnvFile({ content: text, file, lookup: look });
        const errors = ours.issues.filter((i) => i.severity === "error");
        if ("error" in ref) {
          expect(errors.length).toBeGreaterThan(0);
          const first = errors[0]?.message ?? "";
          // compose-go does not count the newline of a bare `KEY ` with a trailing space, so its
          // later line numbers are one short; ours are the real ones
          const lineCountSkewed = / [^\S\n]*\n/.test(text);
          const withoutLine = (m: string) => m.replace(/^line \d+: /, "");
          if (ref.error.includes("unterminated quoted value")) expect(first).toContain("unterminated quoted value");
          else if (lineCountSkewed) expect(withoutLine(first)).toBe(withoutLine(ref.error));
          else expect(first).toBe(ref.error);
        } else {
          expect(errors).toEqual([]);
          const map = Object.fromEntries(Object.entries(envEntriesToMap(ours.value)).filter(([, v]) => v !== null));
          expect(map).toEqual(ref.map);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
