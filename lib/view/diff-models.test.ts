import { describe, expect, it } from "vitest";
import { diffModels, modelToYaml } from "./diff-models";
import { loadCorpusComparison } from "./testing/load-corpus-comparison";

describe("diffModels", () => {
  it("pairs changed lines side by side and keeps line numbers on each side", () => {
    const d = diffModels({ left: { services: { db: { image: "postgres:13" } } }, right: { services: { db: { image: "postgres:16" } } } });
    expect(d.rows).toEqual([
      { kind: "same", left: { line: 1, text: "services:" }, right: { line: 1, text: "services:" } },
      { kind: "same", left: { line: 2, text: "  db:" }, right: { line: 2, text: "  db:" } },
      { kind: "changed", left: { line: 3, text: "    image: postgres:13" }, right: { line: 3, text: "    image: postgres:16" } },
    ]);
    expect(d).toMatchObject({ added: 1, removed: 1 });
  });

  it("ignores the order keys were written in", () => {
    const d = diffModels({ left: { services: { web: { image: "a", command: ["x"] } } }, right: { services: { web: { command: ["x"], image: "a" } } } });
    expect(d.rows.every((r) => r.kind === "same")).toBe(true);
  });

  it("shows lines only on one side as added or removed", () => {
    const d = diffModels({ left: { a: 1 }, right: { a: 1, b: 2 } });
    expect(d.rows.map((r) => r.kind)).toEqual(["same", "added"]);
    expect(d.rows[1]).toEqual({ kind: "added", left: null, right: { line: 2, text: "b: 2" } });
  });

  it("diffs two corpus environments: the dev server against gunicorn, nginx only in prod", () => {
    const { models } = loadCorpusComparison({ set: "testdrivenio__django-on-docker__devprod" });
    const d = diffModels({ left: models.dev, right: models.prod });
    const removed = d.rows.filter((r) => r.left && r.kind !== "same" && r.kind !== "added").map((r) => r.left?.text.trim());
    const added = d.rows.filter((r) => r.right && r.kind !== "same" && r.kind !== "removed").map((r) => r.right?.text.trim());
    expect(removed).toContain("- runserver");
    expect(added).toContain("- gunicorn");
    expect(added).toContain("nginx:");
    const leftText = d.rows.filter((r) => r.left).map((r) => r.left?.text).join("\n");
    expect(leftText + "\n").toBe(modelToYaml(models.dev));
    expect(JSON.stringify(d)).not.toContain("change_me");
  });
});
