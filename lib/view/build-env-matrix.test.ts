import { describe, expect, it } from "vitest";
import { buildEnvMatrix } from "./build-env-matrix";
import { loadCorpusComparison } from "./testing/load-corpus-comparison";

describe("buildEnvMatrix", () => {
  const { result, models } = loadCorpusComparison({ set: "testdrivenio__django-on-docker__devprod" });
  const matrices = buildEnvMatrix({ result, models });
  const web = matrices.find((m) => m.service === "web");
  const row = (key: string) => web?.keys.find((k) => k.key === key);

  it("lists every env key of web with its value per environment", () => {
    expect(web?.envs).toEqual(["dev", "prod"]);
    expect(row("DEBUG")).toEqual({ key: "DEBUG", differs: true, cells: [{ env: "dev", state: "set", value: "1" }, { env: "prod", state: "set", value: "0" }] });
    expect(row("SQL_HOST")?.differs).toBe(false);
  });

  it("shows secrets masked, never in clear, and compares them by fingerprint", () => {
    const secret = row("SECRET_KEY");
    expect(secret?.cells.map((c) => c.state)).toEqual(["secret", "secret"]);
    expect(secret?.cells.every((c) => c.value?.startsWith("••••"))).toBe(true);
    expect(secret?.differs).toBe(true);
    // the same password in dev and prod: same fingerprint, no difference
    expect(row("SQL_PASSWORD")?.differs).toBe(false);
    expect(JSON.stringify(matrices)).not.toContain("change_me");
  });

  it("marks keys missing in one environment and services absent there", () => {
    const m = buildEnvMatrix({
      result,
      models: { ...models, prod: { services: { web: { environment: { DEBUG: "0" } } } } },
    }).find((x) => x.service === "web");
    const sqlHost = m?.keys.find((k) => k.key === "SQL_HOST");
    // declared in prod's cell (env_file keys) but not in the model: unknown, not missing
    expect(sqlHost?.cells[1]?.state).toBe("unknown");
    const noKey = buildEnvMatrix({ result: { ...result, services: result.services.map((s) => ({ ...s, cells: s.cells.map((c) => ({ ...c, envKeys: c.env === "prod" ? [] : c.envKeys })) })) }, models: { ...models, prod: { services: { web: {} } } } }).find((x) => x.service === "web");
    expect(noKey?.keys.find((k) => k.key === "SQL_HOST")?.cells[1]).toEqual({ env: "prod", state: "missing", value: null });
    expect(noKey?.keys.find((k) => k.key === "SQL_HOST")?.differs).toBe(true);
  });

  it("leaves out services without env keys", () => {
    expect(matrices.map((m) => m.service).sort()).toEqual(["db", "web"]);
  });
});
