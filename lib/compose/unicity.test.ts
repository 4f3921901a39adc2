import { describe, expect, it } from "vitest";
import { parseYaml } from "./parse-yaml";
import { getLoc } from "./source-map";
import { enforceUnicity, volumeTarget } from "./unicity";

const unique = (content: string) => enforceUnicity(parseYaml({ content, file: "c.yml" }).value as Record<string, unknown>);
const web = (r: { value: Record<string, unknown> }) => (r.value.services as Record<string, Record<string, unknown>>).web ?? {};

describe("enforceUnicity", () => {
  it("keeps the last definition of an environment variable, at its first position", () => {
    const r = unique("services:\n  web:\n    environment:\n      - A=1\n      - B=2\n      - A=3\n");
    expect(web(r).environment).toEqual(["A=3", "B=2"]);
    expect(getLoc(web(r).environment, 0)).toMatchObject({ line: 6 });
  });

  it("keys volumes by target, in short and long syntax", () => {
    const r = unique(
      "services:\n  web:\n    volumes:\n      - ./src:/app\n      - data:/data\n      - type: bind\n        source: ./other\n        target: /app\n",
    );
    expect(web(r).volumes).toEqual([{ type: "bind", source: "./other", target: "/app" }, "data:/data"]);
  });

  it("keys secrets by target, a short name meaning /run/secrets/<name>", () => {
    const r = unique("services:\n  web:\n    secrets:\n      - db\n      - source: other\n        target: /run/secrets/db\n");
    expect(web(r).secrets).toEqual([{ source: "other", target: "/run/secrets/db" }]);
  });

  it("keeps ports that differ only by host IP", () => {
    const r = unique(
      "services:\n  web:\n    ports:\n      - target: 80\n        host_ip: 127.0.0.1\n        published: '8080'\n      - target: 80\n        host_ip: 127.0.0.2\n        published: '8080'\n",
    );
    expect(web(r).ports).toHaveLength(2);
  });

  it("keys devices by their container path", () => {
    const r = unique("services:\n  web:\n    devices:\n      - /dev/sda:/dev/xvda\n      - /dev/sdb:/dev/xvda:rwm\n");
    expect(web(r).devices).toEqual(["/dev/sdb:/dev/xvda:rwm"]);
  });

  it("leaves sequences it has no rule for alone, and returns the same object when nothing changes", () => {
    const input = parseYaml({ content: "services:\n  web:\n    command: [a, a]\n    environment: [A=1]\n", file: "c.yml" })
      .value as Record<string, unknown>;
    const r = enforceUnicity(input);
    expect(r.value).toBe(input);
    expect(web(r).command).toEqual(["a", "a"]);
  });

  it("reports entries it cannot key and keeps them", () => {
    const r = unique("services:\n  web:\n    environment:\n      - 1\n      - 1\n    volumes:\n      - type: volume\n");
    expect(r.issues.map((i) => i.code)).toEqual(["INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE"]);
    expect(r.issues[0]).toMatchObject({ path: "services.web.environment[0]", line: 4 });
    expect(web(r).environment).toEqual([1, 1]);
  });
});

describe("volumeTarget", () => {
  it("reads the target of short volume specs like compose-go", () => {
    expect(volumeTarget("/data")).toEqual({ target: "/data" });
    expect(volumeTarget("data:/data:ro")).toEqual({ target: "/data" });
    expect(volumeTarget("${PWD:-.}/x:/app")).toEqual({ target: "/app" });
    expect(volumeTarget("C:\\data:/data")).toEqual({ target: "/data" });
    expect(volumeTarget("a:/a")).toEqual({ target: "a:/a" }); // one letter then ':' is a Windows drive
    expect(volumeTarget("")).toEqual({ error: "invalid empty volume spec" });
    expect(volumeTarget("ab::c")).toMatchObject({ error: expect.stringContaining("empty section between colons") });
    expect(volumeTarget("ab:cd:ef:gh")).toMatchObject({ error: expect.stringContaining("too many colons") });
  });
});
