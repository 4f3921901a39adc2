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

/**
 * A direct, recursive reading of compose-go's algorithm with its regular expression
 * (`.` written `[^\n]`, as Go's `.` only stops at a newline), to check the iterative
 * implementation against.
 */
function referenceSubstitute(template: string, lookup: (name: string) => string | undefined): { value?: string; error?: string } {
  const pattern = () => /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?]([^\n]*))?)\}|()))/giu;
  const ops = [":?", "?", ":-", "-", ":+", "+"];
  const closing = (s: string) => {
    let open = 0;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === "}" && --open === 0) return i;
      if (s[i] === "{") {
        open++;
        i++;
      }
    }
    return -1;
  };
  type R = { value: string; error?: { message: string; template?: string } };
  const sub = (t: string): R => {
    let err: R["error"];
    const value = t.replace(pattern(), (match: string) => {
      const r = replace(match);
      if (r.error) {
        if (r.error.template === "") r.error = { message: `Invalid template: ${JSON.stringify(t)}`, template: t };
        err ??= r.error;
      }
      return r.value;
    });
    return err ? { value, error: err } : { value };
  };
  const replace = (text: string): R => {
    const op = ops
      .map((o) => [o, text.indexOf(o)] as const)
      .filter(([, i]) => i >= 0)
      .sort((a, b) => a[1] - b[1])[0]?.[0];
    const c = closing(text);
    const rest = c > -1 ? text.slice(c + 1) : "";
    const head = c > -1 ? text.slice(0, c + 1) : text;
    const g = pattern().exec(head);
    if (g?.[1]) return { value: "$" };
    const named = g?.[2];
    const braced = g?.[3];
    if (!named && !braced) return { value: "", error: { message: "", template: "" } };
    if (braced && op && braced.includes(op)) {
      const at = braced.indexOf(op);
      const [name, arg] = [braced.slice(0, at), braced.slice(at + op.length)];
      const v = lookup(name);
      let r: R;
      if (op.endsWith("?")) {
        if (v !== undefined && (op === "?" || v !== "")) r = { value: v };
        else {
          const msg = sub(arg);
          if (msg.error) return { value: "", error: msg.error };
          const m = msg.value ? `required variable ${name} is missing a value: ${msg.value}` : `required variable ${name} is missing a value`;
          return { value: "", error: { message: m } };
        }
      } else if (op.endsWith("-")) r = v === undefined || (op === ":-" && v === "") ? sub(arg) : { value: v };
      else r = v !== undefined && (op === "+" || v !== "") ? sub(arg) : { value: v ?? "" };
      if (r.error) return { value: "", error: r.error };
      const nested = sub(rest);
      if (nested.error) return { value: "", error: nested.error };
      return { value: r.value + nested.value };
    }
    return { value: lookup(named ?? braced ?? "") ?? "" };
  };
  const r = sub(template);
  return r.error ? { error: r.error.message } : { value: r.value };
}

describe("substituteTemplate against a recursive reading of compose-go", () => {
  it("agrees on value and error for generated templates", () => {
    const unit = fc.constantFrom("$", "$", "{", "}", "}", ":", "-", "+", "?", "A", "B", "E", "x", " ", "\n", "${", "${A", "${B:-", "${E:+", "$$");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (t) => {
        const env: Record<string, string> = { A: "a", E: "" };
        const look = (n: string) => (Object.hasOwn(env, n) ? env[n] : undefined);
        const ours = substituteTemplate({ template: t, lookup: look });
        const ref = referenceSubstitute(t, look);
        expect(ours.error?.message).toBe(ref.error);
        if (!ref.error) expect(ours.value).toBe(ref.value);
      }),
      { numRuns: 3000 },
    );
  });

  it("handles thousands of templates on one line without nesting limits", () => {
    const r = sub("${MISSING:-x}".repeat(3000));
    expect(r.value).toBe("x".repeat(3000));
  });

  it("stays fast on a long line of unclosed templates", () => {
    const started = Date.now();
    const r = sub("${MISSING:-".repeat(20000));
    expect(r.error?.kind).toBe("invalid_template");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("names the rest of a line in an invalid-template error found there, like compose-go", () => {
    expect(sub("${MISSING:-x}${}").error?.message).toBe('Invalid template: "${}"');
  });
});
