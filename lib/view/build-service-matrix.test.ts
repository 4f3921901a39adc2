import { describe, expect, it } from "vitest";
import { buildServiceMatrix } from "./build-service-matrix";
import { loadCorpusComparison } from "./testing/load-corpus-comparison";

describe("buildServiceMatrix", () => {
  const { result, models } = loadCorpusComparison({ set: "testdrivenio__django-on-docker__devprod" });
  const matrix = buildServiceMatrix({ result, models });

  it("has one column per environment and one row per service", () => {
    expect(matrix.envs).toEqual(["dev", "prod"]);
    expect(matrix.rows.map((r) => r.id).sort()).toEqual(["db", "nginx", "web"]);
  });

  it("marks the command and ports of web as differing, and the image of db as equal", () => {
    const web = matrix.rows.find((r) => r.id === "web");
    expect(web?.fields.find((f) => f.label === "command")).toMatchObject({ differs: true, values: ["python manage.py runserver 0.0.0.0:8000", expect.stringContaining("gunicorn")] });
    expect(web?.fields.find((f) => f.label === "ports")?.differs).toBe(true);
    const db = matrix.rows.find((r) => r.id === "db");
    expect(db?.fields.find((f) => f.label === "image")).toEqual({ label: "image", values: ["postgres:15", "postgres:15"], differs: false });
  });

  it("marks a service present in one environment only as partial, without counting the gap as a difference", () => {
    const nginx = matrix.rows.find((r) => r.id === "nginx");
    expect(nginx?.partial).toBe(true);
    expect(nginx?.cells.map((c) => c.state)).toEqual(["absent", "present"]);
    expect(nginx?.fields.every((f) => !f.differs)).toBe(true);
  });

  it("reads replicas from the models' deploy section", () => {
    const models2 = structuredClone(models) as Record<string, { services: Record<string, Record<string, unknown>> }>;
    const prodWeb = models2.prod?.services.web;
    if (!prodWeb) throw new Error("prod web");
    prodWeb.deploy = { replicas: 3 };
    const web = buildServiceMatrix({ result, models: models2 }).rows.find((r) => r.id === "web");
    expect(web?.fields.find((f) => f.label === "replicas")).toEqual({ label: "replicas", values: [null, "3"], differs: true });
  });
});
