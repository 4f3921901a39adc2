import { describe, expect, it } from "vitest";
import type { ParityResult } from "@/lib/parity/result-schema";
import { countEdgeKinds, layoutGraph, NODE_WIDTH } from "./layout-graph";
import { loadCorpusComparison } from "./testing/load-corpus-comparison";

describe("layoutGraph", () => {
  const { result } = loadCorpusComparison({ set: "testdrivenio__django-on-docker__devprod" });

  it("lays out one environment's services with labelled edges and non-overlapping positions", () => {
    const g = layoutGraph({ result, envs: ["dev"] });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(["db", "web"]);
    expect(g.edges.map((e) => `${e.from}>${e.to}:${e.label}`).sort()).toEqual(["web>db:SQL_HOST", "web>db:depends on"]);
    const [a, b] = g.nodes;
    expect(a && b && (Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= a.height)).toBe(true);
    expect(g.width).toBeGreaterThan(0);
  });

  it("classifies the database as a backing service and marks nodes missing from another environment", () => {
    const prod = layoutGraph({ result, envs: ["prod"] });
    expect(prod.nodes.find((n) => n.id === "db")?.category).toBe("backing");
    expect(prod.nodes.find((n) => n.id === "web")?.category).toBe("app");
    expect(prod.nodes.find((n) => n.id === "nginx")).toMatchObject({ partial: true, presentIn: ["prod"] });
    expect(prod.edges.find((e) => e.from === "nginx")).toMatchObject({ partial: true, shownIn: ["prod"] });
    expect(prod.nodes.find((n) => n.id === "db")?.partial).toBe(false);
  });

  it("overlays two environments as a union, saying which has what", () => {
    const g = layoutGraph({ result, envs: ["dev", "prod"] });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(["db", "nginx", "web"]);
    expect(g.nodes.find((n) => n.id === "web")?.shownIn).toEqual(["dev", "prod"]);
    expect(g.nodes.find((n) => n.id === "nginx")?.shownIn).toEqual(["prod"]);
  });

  it("draws only the chosen edge kinds and counts them", () => {
    const g = layoutGraph({ result, envs: ["dev"], edgeKinds: ["depends_on"] });
    expect(g.edges.map((e) => e.kind)).toEqual(["depends_on"]);
    expect(g.nodes).toHaveLength(2);
    expect(countEdgeKinds({ result, envs: ["dev", "prod"] })).toEqual({ depends_on: 3, links: 0, network: 0, "env-url": 2 });
  });

  it("uses the matched id for a renamed service and draws external services", () => {
    const renamed: ParityResult = {
      ...result,
      services: [
        { id: "api", kind: "app", renamed: true, cells: [{ ...cell("dev", "api") }, { ...cell("prod", "backend") }] },
      ],
      graph: {
        dev: { nodes: [{ id: "api", kind: "service", ports: [], profiles: [] }], edges: [] },
        prod: {
          nodes: [
            { id: "backend", kind: "service", ports: [], profiles: [] },
            { id: "rds.amazonaws.com", kind: "external", host: "rds.amazonaws.com", ports: [], profiles: [] },
          ],
          edges: [{ from: "backend", to: "rds.amazonaws.com", kind: "env-url", via: "DATABASE_URL" }],
        },
      },
    };
    const g = layoutGraph({ result: renamed, envs: ["dev", "prod"] });
    expect(g.nodes.map((n) => `${n.id}:${n.category}:${n.shownIn.join("+")}`).sort()).toEqual(["api:app:dev+prod", "external:rds.amazonaws.com:external:prod"]);
    expect(g.edges[0]).toMatchObject({ from: "api", to: "external:rds.amazonaws.com", label: "DATABASE_URL" });
  });
});

function cell(env: string, name: string) {
  return { env, name, state: "present" as const, image: null, build: null, command: null, ports: [], expose: [], volumes: [], envKeys: [], dependsOn: [], restart: null, healthcheck: false, profiles: [] };
}
