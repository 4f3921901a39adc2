import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FACTORS } from "../roles";
import { RULES } from "./index";

describe("rule registry", () => {
  it("has unique rule ids, each with a valid factor and a line in docs/rules.md", () => {
    const docs = readFileSync(join(process.cwd(), "docs/rules.md"), "utf8");
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(Object.keys(FACTORS)).toContain(rule.factor);
      expect(docs, rule.id).toMatch(new RegExp(`^\\| \`${rule.id}\` \\| ${rule.factor} \\|`, "m"));
    }
  });
});
