/**
 * Our own deployment files (compose.yaml, compose.prod.yaml) go through our own
 * engine: both environments load, and production shows no high-severity gap.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { compareEnvironments } from "@/lib/parity/compare-environments";

const root = path.resolve(import.meta.dirname, "..", "..");
const file = (name: string) => ({ name, content: readFileSync(path.join(root, name), "utf8") });

describe("our own compose.yaml vs compose.yaml + compose.prod.yaml", () => {
  const dev = loadEnvironment({ name: "dev", files: [file("compose.yaml")] });
  const prod = loadEnvironment({ name: "prod", files: [file("compose.yaml"), file("compose.prod.yaml")] });

  it("loads both environments without errors", () => {
    expect(dev.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(prod.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(Object.keys(prod.project.services).sort()).toEqual(["app", "db"]);
    expect(prod.project.services.db?.image).toBe("postgres:16.6");
    expect(prod.project.services.app?.depends_on?.db?.condition).toBe("service_healthy");
  });

  it("shows no high or critical finding", () => {
    const result = compareEnvironments({ environments: [{ env: dev, role: "development" }, { env: prod, role: "production" }], fingerprintKey: "test-key-0123456789abcdef0123456789" });
    const serious = result.findings.filter((f) => f.severity === "high" || f.severity === "critical");
    expect(serious.map((f) => `${f.rule} ${f.service ?? ""} ${f.key ?? ""}: ${f.message}`)).toEqual([]);
  });
});
