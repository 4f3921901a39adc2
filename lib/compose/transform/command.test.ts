import { describe, expect, it } from "vitest";
import { shellSplit, transformCommand } from "./command";

describe("shellSplit (go-shellwords v1.0.12 Parse)", () => {
  const table: [string, string[]][] = [
    ["python manage.py runserver 0.0.0.0:8000", ["python", "manage.py", "runserver", "0.0.0.0:8000"]],
    ["  a   b\tc\n", ["a", "b", "c"]],
    [`sh -c "echo hello world"`, ["sh", "-c", "echo hello world"]],
    [`sh -c 'echo "$HOME"'`, ["sh", "-c", `echo "$HOME"`]],
    [`a "" b`, ["a", "", "b"]],
    [`a''b`, ["ab"]],
    [`echo a\\ b`, ["echo", "a b"]],
    [`echo "a\\"b"`, ["echo", `a"b`]],
    [`echo 'a\\b'`, ["echo", "a\\b"]],
    ["echo $(date +%s) done", ["echo", "$(date +%s)", "done"]],
    ["echo `date +%s`", ["echo", "`date +%s`"]],
    ["", []],
    ["gunicorn app:app --bind 0.0.0.0:5000", ["gunicorn", "app:app", "--bind", "0.0.0.0:5000"]],
  ];
  for (const [line, words] of table) {
    it(`splits ${JSON.stringify(line)}`, () => {
      expect(shellSplit(line).value).toEqual(words);
      expect(shellSplit(line).error).toBeUndefined();
    });
  }

  it("stops at an unquoted shell operator, like compose", () => {
    expect(shellSplit("npm install && npm start")).toEqual({ value: ["npm", "install"], rest: "&& npm start" });
    expect(shellSplit("a; b")).toEqual({ value: ["a"], rest: "; b" });
    expect(shellSplit("cmd 2>/dev/null")).toEqual({ value: ["cmd"], rest: ">/dev/null" });
    expect(shellSplit(`sh -c "a && b"`)).toEqual({ value: ["sh", "-c", "a && b"] });
  });

  it("fails on unbalanced quotes and a bare parenthesis", () => {
    for (const line of [`echo "a`, "echo 'a", "echo a\\", "echo (a)", "echo `a"]) {
      expect(shellSplit(line).error).toBe("invalid command line string");
    }
  });
});

describe("transformCommand", () => {
  it("splits a string, keeps a list, keeps null and clears with an empty string", () => {
    expect(transformCommand({ value: "a b", path: [] }).value).toEqual(["a", "b"]);
    expect(transformCommand({ value: ["a b", 1], path: [] }).value).toEqual(["a b", "1"]);
    expect(transformCommand({ value: null, path: [] }).value).toBeNull();
    expect(transformCommand({ value: "", path: [] }).value).toEqual([]);
  });

  it("warns when compose would drop the part after a shell operator", () => {
    const r = transformCommand({ value: "a && b", path: ["services", "web", "command"] });
    expect(r.value).toEqual(["a"]);
    expect(r.issues).toMatchObject([{ code: "INVALID_VALUE", severity: "warning", path: "services.web.command" }]);
  });

  it("reports a string that does not split as an error", () => {
    expect(transformCommand({ value: `echo "x`, path: ["c"] }).issues).toMatchObject([{ code: "INVALID_VALUE", severity: "error" }]);
  });
});
