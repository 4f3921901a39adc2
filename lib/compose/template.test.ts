import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractVariables, MAX_TEMPLATE_DEPTH, substituteTemplate } from "./template";

const env: Record<string, string> = { FOO: "first", EMPTY: "" };
const lookup = (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined);
const sub = (template: string) => substituteTemplate({ template, lookup });

describe("substituteTemplate", () => {
  it("records every variable looked up, in first-use order, with whether it is set", () => {
    const r = sub("$FOO ${MISSING:-x} ${EMPTY} $FOO");
    expect(r.value).toBe("first x  first");
    expect(r.variables).toEqual([
      { name: "FOO", set: true },
      { name: "MISSING", set: false },
      { name: "EMPTY", set: true },
    ]);
  });

  it("warns (unset) only for variables used without a default", () => {
    expect(sub("${MISSING:-x}").unset).toEqual([]);
    expect(sub("${MISSING}/$OTHER").unset).toEqual(["MISSING", "OTHER"]);
  });

  it("does not look up variables in a branch that is not taken", () => {
    const asked: string[] = [];
    const r = substituteTemplate({
      template: "${FOO:-${A}} ${MISSING:+${B}} ${FOO?${C}}",
      lookup: (name) => {
        asked.push(name);
        return lookup(name);
      },
    });
    expect(r.value).toBe("first  first");
    expect(asked).toEqual(["FOO", "MISSING", "FOO"]);
  });

  it("lets the first operator after the name win", () => {
    expect(sub("${MISSING-x:?y}").value).toBe("x:?y");
    expect(sub("${MISSING:?a-b}").error?.message).toBe("required variable MISSING is missing a value: a-b");
  });

  it("reads a braced template up to its balanced closing brace and substitutes what follows", () => {
    expect(sub("${MISSING:-a}}").value).toBe("a}");
    expect(sub("${MISSING:-a} and ${FOO}").value).toBe("a and first");
    expect(sub('${MISSING:-{"k":1}}').value).toBe('{"k":1}');
  });

  it("does not let a braced template span lines", () => {
    expect(sub("${MISSING:-x\n}").error?.kind).toBe("invalid_template");
  });

  it("keeps a $ that names no variable and unescapes $$", () => {
    expect(sub("cost: $5, $$HOME, ${MISSING:-$$x}").value).toBe("cost: $5, $HOME, $x");
  });

  it("names the innermost template in an invalid-template error, quoted like Go", () => {
    const r = sub("${MISSING:-${}");
    expect(r.value).toBeUndefined();
    expect(r.error).toMatchObject({ kind: "invalid_template", message: 'Invalid template: "${"', template: "${" });
    expect(sub('a "${ b"').error?.message).toBe('Invalid template: "a \\"${ b\\""');
  });

  it("reports a missing required variable with its substituted message", () => {
    expect(sub("${EMPTY:?need ${FOO}}").error).toEqual({
      kind: "missing_required",
      message: "required variable EMPTY is missing a value: need first",
      variable: "EMPTY",
      reason: "need first",
    });
    expect(sub("${EMPTY?need}").value).toBe("");
  });

  it("gives up on absurdly deep nesting with an error instead of overflowing the stack", () => {
    const depth = MAX_TEMPLATE_DEPTH + 50;
    const r = sub("${MISSING:-".repeat(depth) + "x" + "}".repeat(depth));
    expect(r.error?.kind).toBe("invalid_template");
    expect(sub("${MISSING:-".repeat(20) + "x" + "}".repeat(20)).value).toBe("x");
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("$", "{", "}", ":", "-", "+", "?", "A", "F", "O", " ", "\n") }), (t) => {
        const r = sub(t);
        expect(r.value === undefined).toBe(r.error !== undefined);
      }),
      { numRuns: 500 },
    );
  });
});

describe("extractVariables", () => {
  it("lists names with defaults, alternates and required flags, including nested ones", () => {
    expect(extractVariables("${A:-${B}} $C ${D:?err} ${E:+alt $F} $$G ${H-x}")).toEqual([
      { name: "A", required: false, defaultValue: "${B}" },
      { name: "B", required: false },
      { name: "C", required: false },
      { name: "D", required: true },
      { name: "E", required: false, presenceValue: "alt $F" },
      { name: "F", required: false },
      { name: "H", required: false, defaultValue: "x" },
    ]);
  });

  it("ignores escaped dollars and invalid templates", () => {
    expect(extractVariables("$$A ${ } plain")).toEqual([]);
  });
});
