import { describe, expect, it } from "vitest";
import { setLoc } from "../source-map";
import { getLoc } from "../source-map";
import { parsePortSpec, transformPorts } from "./ports";

const p = (target: number, published?: string, extra: Record<string, string> = {}) => ({
  target,
  ...(published !== undefined ? { published } : {}),
  protocol: "tcp",
  mode: "ingress",
  ...extra,
});

describe("parsePortSpec", () => {
  const table: [string | number, unknown[]][] = [
    ["3000", [p(3000)]],
    [3000, [p(3000)]],
    ["3000-3002", [p(3000), p(3001), p(3002)]],
    ["8000:8000", [p(8000, "8000")]],
    ["9090-9091:8080-8081", [p(8080, "9090"), p(8081, "9091")]],
    ["49100:22", [p(22, "49100")]],
    ["127.0.0.1:8001:8001", [p(8001, "8001", { host_ip: "127.0.0.1" })]],
    [
      "127.0.0.1:5000-5002:5000-5002",
      [5000, 5001, 5002].map((n) => p(n, String(n), { host_ip: "127.0.0.1" })),
    ],
    ["[::1]:6001:6001", [p(6001, "6001", { host_ip: "::1" })]],
    ["6060:6060/udp", [{ target: 6060, published: "6060", protocol: "udp", mode: "ingress" }]],
    ["6060:6060/UDP", [{ target: 6060, published: "6060", protocol: "udp", mode: "ingress" }]],
    ["8000-8010:80", [p(80, "8000-8010")]],
    [":80", [p(80)]],
    ["0.0.0.0:80:80", [p(80, "80", { host_ip: "0.0.0.0" })]],
  ];
  for (const [spec, expected] of table) {
    it(`parses ${JSON.stringify(spec)}`, () => {
      expect(parsePortSpec(spec)).toEqual({ value: expected });
    });
  }

  it("orders a range like compose, by the port key as text", () => {
    expect(parsePortSpec("98-101").value.map((x) => x.target)).toEqual([100, 101, 98, 99]);
  });

  const errors: [string, string][] = [
    ["", "No port specified: <empty>"],
    ["80:", "No port specified: 80:<empty>"],
    ["abc", "Invalid containerPort: abc"],
    ["70000", "Invalid containerPort: 70000"],
    ["x:80", "Invalid hostPort: x"],
    ["80/xyz", "Invalid proto: xyz"],
    ["1.2.3:80:80", "Invalid ip address: 1.2.3"],
    ["80-81:90-92", "Invalid ranges specified for container and host Ports: 90-92 and 80-81"],
    ["90-80", "Invalid containerPort: 90-80"],
  ];
  for (const [spec, message] of errors) {
    it(`rejects ${JSON.stringify(spec)} with compose's message`, () => {
      expect(parsePortSpec(spec).error).toBe(message);
    });
  }
});

describe("transformPorts", () => {
  it("expands a range into one entry per port, each pointing at the line it was written on", () => {
    const raw: unknown[] = ["8000:8000", "9090-9091:8080-8081"];
    setLoc(raw, 0, { file: "a.yml", line: 5, col: 9 });
    setLoc(raw, 1, { file: "a.yml", line: 6, col: 9 });
    const r = transformPorts({ value: raw, path: ["services", "web", "ports"] });
    expect(r.issues).toEqual([]);
    expect(r.value).toHaveLength(3);
    expect(getLoc(r.value, 0)).toEqual({ file: "a.yml", line: 5, col: 9 });
    expect(getLoc(r.value, 1)).toEqual({ file: "a.yml", line: 6, col: 9 });
    expect(getLoc(r.value, 2)).toEqual({ file: "a.yml", line: 6, col: 9 });
  });

  it("gives long syntax the tcp/ingress defaults and a text published port", () => {
    const r = transformPorts({ value: [{ target: 80, published: 8080 }, { target: "81", host_ip: "::1", protocol: "udp", mode: "host" }], path: [] });
    expect(r.value).toEqual([
      { target: 80, published: "8080", protocol: "tcp", mode: "ingress" },
      { target: 81, host_ip: "::1", protocol: "udp", mode: "host" },
    ]);
  });

  it("reports a bad entry as INVALID_VALUE at its location and keeps it", () => {
    const raw: unknown[] = ["80/xyz"];
    setLoc(raw, 0, { file: "c.yml", line: 3, col: 7 });
    const r = transformPorts({ value: raw, path: ["services", "web", "ports"] });
    expect(r.issues).toEqual([
      { code: "INVALID_VALUE", severity: "error", message: "Invalid proto: xyz", file: "c.yml", line: 3, col: 7, path: "services.web.ports[0]" },
    ]);
    expect(r.value).toEqual(["80/xyz"]);
  });

  it("rejects a value that is not a list", () => {
    expect(transformPorts({ value: "80", path: ["p"] }).issues[0]?.code).toBe("INVALID_VALUE");
  });
});
