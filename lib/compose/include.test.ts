import { describe, it, expect } from "vitest";
import { applyInclude, readIncludeEntries, type IncludeEntry } from "./include";
import { parseYaml } from "./parse-yaml";
import { issue } from "./issues";

const doc = (content: string, file = "compose.yaml") => parseYaml({ content, file }).value;

describe("readIncludeEntries", () => {
  it("reads the short and the long syntax", () => {
    const r = readIncludeEntries(["a.yml", { path: ["b.yml", "b.override.yml"], env_file: "b.env", project_directory: "b" }], "compose.yaml");
    expect(r.value).toEqual([
      { paths: ["a.yml"], envFiles: [], index: 0 },
      { paths: ["b.yml", "b.override.yml"], envFiles: ["b.env"], projectDirectory: "b", index: 1 },
    ]);
  });

  it("reports an include that is not a list", () => {
    expect(readIncludeEntries("a.yml", "compose.yaml").issues[0]?.code).toBe("INVALID_VALUE");
  });
});

describe("applyInclude", () => {
  const included = { services: { db: { image: "postgres:16" } }, volumes: { data: {} } };

  it("imports the services and resources of included files and drops `include`", () => {
    const seen: IncludeEntry[] = [];
    const r = applyInclude({
      file: "compose.yaml",
      document: doc("include:\n  - db.yml\nservices:\n  web:\n    image: app\n"),
      loadIncluded: (entry) => {
        seen.push(entry);
        return { value: included, issues: [] };
      },
    });
    expect(seen.map((e) => e.paths)).toEqual([["db.yml"]]);
    expect(r.value).toEqual({ services: { web: { image: "app" }, db: { image: "postgres:16" } }, volumes: { data: {} } });
  });

  it("merges a resource defined on both sides, the including file on top", () => {
    const r = applyInclude({
      file: "compose.yaml",
      document: doc("include: [db.yml]\nservices:\n  db:\n    ports: ['5432:5432']\n"),
      loadIncluded: () => ({ value: included, issues: [] }),
    });
    expect((r.value as { services: Record<string, unknown> }).services.db).toEqual({ image: "postgres:16", ports: ["5432:5432"] });
  });

  it("passes on the issues of a missing include and keeps the rest", () => {
    const r = applyInclude({
      file: "compose.yaml",
      document: doc("include: [missing.yml]\nservices:\n  web:\n    image: app\n"),
      loadIncluded: (entry) => ({ value: undefined, issues: [issue("INCLUDE_NOT_FOUND", `${entry.paths[0]} not uploaded`)] }),
    });
    expect(r.issues.map((i) => i.code)).toEqual(["INCLUDE_NOT_FOUND"]);
    expect(r.value).toEqual({ services: { web: { image: "app" } } });
  });
});
