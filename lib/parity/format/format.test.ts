import { describe, expect, it } from "vitest";
import { compareEnvironments } from "../compare-environments";
import { makeEnvironment, port } from "../testing/make-environment";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { RULES } from "../rules";

const result = () =>
  compareEnvironments({
    environments: [
      { env: makeEnvironment({ name: "dev", services: { web: { build: { context: "." }, ports: [port(8000, "8000")], environment: { SECRET_KEY: "dev|secret-value" } }, db: { image: "postgres:13" } } }) },
      { env: makeEnvironment({ name: "prod", services: { web: { build: { context: "." }, expose: ["8000"], environment: { SECRET_KEY: "dev|secret-value" } }, db: { image: "postgres:16" } } }) },
    ],
    fingerprintKey: "k",
  });

describe("renderMarkdown", () => {
  it("renders a summary table and findings grouped by factor", () => {
    const md = renderMarkdown({ result: result() });
    expect(md).toContain("**Parity score:");
    expect(md).toContain("| 🔴 high |");
    expect(md).toContain("### III. Config");
    expect(md).toContain("### X. Dev/prod parity");
    expect(md.indexOf("### III.")).toBeLessThan(md.indexOf("### VII."));
    expect(md).toContain("postgres:13");
    expect(md).not.toContain("secret-value");
  });

  it("says so when there is nothing to report", () => {
    const env = makeEnvironment({ name: "prod", services: { web: { image: "app:1.0.0", restart: "always" } } });
    const md = renderMarkdown({ result: compareEnvironments({ environments: [{ env }, { env: { ...env, name: "staging" } }], fingerprintKey: "k" }) });
    expect(md).toContain("No parity gaps found");
  });
});

describe("renderSarif", () => {
  it("produces one SARIF 2.1.0 run with rules, levels, fingerprints and physical locations", () => {
    const r = result();
    const sarif = renderSarif({ result: r });
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0] as { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] };
    expect(run.tool.driver.rules.map((x) => x.id)).toEqual(RULES.map((x) => x.id));
    expect(run.results).toHaveLength(r.findings.length);
    const drift = run.results.find((x) => x.ruleId === "image-drift") as {
      level: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    };
    expect(drift.level).toBe("error");
    expect(drift.partialFingerprints["parityFinding/v1"]).toMatch(/^[0-9a-f]{16}$/);
    expect(drift.locations[0]?.physicalLocation.artifactLocation.uri).toBe("compose.dev.yml");
    expect(drift.locations[0]?.physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(JSON.stringify(sarif)).not.toContain("secret-value");
  });

  it("meets what code-scanning uploads require of every result", () => {
    const sarif = renderSarif({ result: result() });
    const run = sarif.runs[0] as {
      tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } };
      results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    };
    expect(sarif.$schema).toContain("sarif-2.1.0");
    expect(run.tool.driver.name).toBe("compose-parity");
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(["error", "warning", "note"]).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(Object.keys(r.partialFingerprints)).toEqual(["parityFinding/v1"]);
      expect(r.locations.length).toBeGreaterThan(0);
      for (const l of r.locations) {
        expect(l.physicalLocation.artifactLocation.uri).not.toMatch(/^(\/|\.\/)/);
        expect(l.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
        expect(l.physicalLocation.region.startColumn).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
