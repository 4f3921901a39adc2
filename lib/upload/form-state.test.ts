import { describe, expect, it } from "vitest";
import { DJANGO_EXAMPLE } from "@/lib/examples/django";
import { formReducer, initialFormState, position, toRequestBody, validateForm, type FormAction, type FormState, type IncomingFile } from "./form-state";
import { comparisonRequestSchema } from "./comparison-request";

const file = (name: string, content = "services: {}\n"): IncomingFile => ({ name, content, size: new TextEncoder().encode(content).length });
const run = (actions: FormAction[], state: FormState = initialFormState()) => actions.reduce(formReducer, state);
const names = (s: FormState, envIndex: number) => s.environments[envIndex]?.files.map((f) => f.name);

describe("formReducer", () => {
  it("starts with development and production", () => {
    expect(initialFormState().environments.map((e) => [e.name, e.role])).toEqual([
      ["development", "development"],
      ["production", "production"],
    ]);
  });

  it("adds a staging environment, then other names, and removes one", () => {
    const s = run([{ type: "addEnvironment" }, { type: "addEnvironment" }]);
    expect(s.environments.map((e) => [e.name, e.role])).toEqual([
      ["development", "development"],
      ["production", "production"],
      ["staging", "staging"],
      ["qa", "staging"],
    ]);
    const removed = formReducer(s, { type: "removeEnvironment", envId: s.environments[2]?.id ?? "" });
    expect(removed.environments.map((e) => e.name)).toEqual(["development", "production", "qa"]);
  });

  it("infers the role from a new name until the user picks a role", () => {
    const s = run([{ type: "addEnvironment" }]);
    const id = s.environments[2]?.id ?? "";
    const renamed = run([{ type: "renameEnvironment", envId: id, name: "prod-eu" }], s);
    expect(renamed.environments[2]?.role).toBe("production");
    const picked = run([{ type: "setRole", envId: id, role: "other" }, { type: "renameEnvironment", envId: id, name: "live" }], s);
    expect(picked.environments[2]).toMatchObject({ name: "live", role: "other" });
  });

  it("adds files in load order and replaces a file added again under the same name", () => {
    const s = run([{ type: "addFiles", envId: "e2", files: [file(".env.prod"), file("docker-compose.prod.yml"), file("docker-compose.yml")] }]);
    expect(names(s, 1)).toEqual(["docker-compose.yml", "docker-compose.prod.yml", ".env.prod"]);
    const again = run([{ type: "addFiles", envId: "e2", files: [file("docker-compose.prod.yml", "services:\n  web: {}\n")] }], s);
    expect(names(again, 1)).toEqual(["docker-compose.yml", "docker-compose.prod.yml", ".env.prod"]);
    expect(again.environments[1]?.files[1]?.content).toBe("services:\n  web: {}\n");
  });

  it("moves a file up and down, and ignores moves past either end", () => {
    const s = run([{ type: "addFiles", envId: "e1", files: [file("compose.yaml"), file("compose.a.yaml"), file("compose.b.yaml")] }]);
    const [a, b, c] = s.environments[0]?.files ?? [];
    const moved = run(
      [
        { type: "moveFile", envId: "e1", fileId: c?.id ?? "", delta: -1 },
        { type: "moveFile", envId: "e1", fileId: a?.id ?? "", delta: -1 },
        { type: "moveFile", envId: "e1", fileId: b?.id ?? "", delta: 1 },
      ],
      s,
    );
    expect(names(moved, 0)).toEqual(["compose.yaml", "compose.b.yaml", "compose.a.yaml"]);
  });

  it("prefills `as` from a sample name as a visible suggestion, which the user can change", () => {
    const s = run([{ type: "addFiles", envId: "e1", files: [file(".env.dev-sample", "A=1\n")] }]);
    const f = s.environments[0]?.files[0];
    expect(f).toMatchObject({ as: ".env.dev", asSuggested: true });
    const edited = run([{ type: "setAs", envId: "e1", fileId: f?.id ?? "", as: ".env" }], s);
    expect(edited.environments[0]?.files[0]).toMatchObject({ as: ".env", asSuggested: false });
  });

  it("keeps a rejected file with its error and without content", () => {
    const s = run([{ type: "addFiles", envId: "e1", files: [{ name: "logo.png", content: "", size: 10, error: { source: "client", code: "BINARY", message: "binary" } }] }]);
    expect(s.environments[0]?.files[0]).toMatchObject({ name: "logo.png", rejected: true, content: "", error: { code: "BINARY" } });
  });

  it("proposes an assignment for a dropped set and applies it, creating a staging environment", () => {
    const dropped = [file("docker-compose.yml"), file("docker-compose.prod.yml"), file("docker-compose.override.yml"), file("docker-compose.staging.yml"), file(".env.prod-sample", "A=1\n")];
    const proposed = run([{ type: "propose", files: dropped }]);
    expect(proposed.proposal?.map((p) => [p.file.name, p.target.kind === "all" || p.target.kind === "skip" ? p.target.kind : p.target.name, p.as])).toEqual([
      ["docker-compose.yml", "all", ""],
      ["docker-compose.prod.yml", "production", ""],
      ["docker-compose.override.yml", "development", ""],
      ["docker-compose.staging.yml", "staging", ""],
      [".env.prod-sample", "production", ".env.prod"],
    ]);
    // nothing changes until the user applies
    expect(proposed.environments.every((e) => e.files.length === 0)).toBe(true);
    const applied = run([{ type: "changeProposal", index: 4, as: ".env" }, { type: "applyProposal" }], proposed);
    expect(applied.proposal).toBeNull();
    expect(applied.environments.map((e) => [e.name, e.role, e.files.map((f) => f.as || f.name)])).toEqual([
      ["development", "development", ["docker-compose.yml", "docker-compose.override.yml"]],
      ["production", "production", ["docker-compose.yml", "docker-compose.prod.yml", ".env"]],
      ["staging", "staging", ["docker-compose.yml", "docker-compose.staging.yml"]],
    ]);
  });

  it("skips a file the user leaves out of the proposal, and cancelling changes nothing", () => {
    const proposed = run([{ type: "propose", files: [file("compose.yaml"), file("notes.txt", "x")] }]);
    const applied = run([{ type: "changeProposal", index: 1, target: { kind: "skip" } }, { type: "applyProposal" }], proposed);
    expect(names(applied, 0)).toEqual(["compose.yaml"]);
    expect(run([{ type: "cancelProposal" }], proposed).environments).toEqual(initialFormState().environments);
  });

  it("puts a server error next to the file it names, by `as` or by name, with line and column", () => {
    const s = run([
      { type: "addFiles", envId: "e1", files: [file("docker-compose.yml")] },
      { type: "addFiles", envId: "e2", files: [file(".env.prod-sample", "A=1\n")] },
      { type: "serverError", error: { code: "YAML_SYNTAX", message: "bad indentation", file: ".env.prod", line: 4, col: 7 } },
    ]);
    expect(s.environments[1]?.files[0]?.error).toEqual({ source: "server", code: "YAML_SYNTAX", message: "bad indentation", line: 4, col: 7 });
    expect(s.formError).toBeNull();
    // editing the form clears server errors
    const cleared = run([{ type: "addFiles", envId: "e1", files: [file(".env")] }], s);
    expect(cleared.environments[1]?.files[0]?.error).toBeUndefined();
  });

  it("puts a server error only in the environment it names", () => {
    const s = run([
      { type: "addFiles", envId: "e1", files: [file("docker-compose.yml")] },
      { type: "addFiles", envId: "e2", files: [file("docker-compose.yml")] },
      { type: "serverError", error: { code: "YAML_SYNTAX", message: "bad", file: "docker-compose.yml", line: 2, col: 3, environment: "production" } },
    ]);
    expect(s.environments.map((e) => e.files[0]?.error?.line)).toEqual([undefined, 2]);
  });

  it("shows a server error that names no uploaded file on the form", () => {
    const s = run([{ type: "serverError", error: { code: "INVALID_INPUT", message: "Too small", path: ["environments", 0, "files"] } }]);
    expect(s.formError).toBe("Too small at environments.0.files");
  });

  it("loads the Django example as given", () => {
    const s = run([{ type: "loadEnvironments", title: DJANGO_EXAMPLE.title, environments: DJANGO_EXAMPLE.environments }]);
    expect(s.title).toBe(DJANGO_EXAMPLE.title);
    expect(s.environments.map((e) => [e.name, e.role, e.files.map((f) => `${f.name}${f.as ? `→${f.as}` : ""}`)])).toEqual([
      ["development", "development", ["docker-compose.yml", "docker-compose.override.yml", ".env.dev→.env"]],
      ["production", "production", ["docker-compose.yml", "docker-compose.prod.yml", ".env.prod→.env"]],
    ]);
    expect(validateForm({ state: s, maxBytes: 2 * 1024 * 1024 })).toEqual([]);
    expect(comparisonRequestSchema.safeParse(toRequestBody(s)).success).toBe(true);
  });
});

describe("validateForm", () => {
  it("names empty environments, duplicate names and rejected files", () => {
    let s = run([{ type: "renameEnvironment", envId: "e2", name: "Development" }]);
    s = run([{ type: "addFiles", envId: "e1", files: [{ name: "x.bin", content: "", size: 3, error: { source: "client", code: "BINARY", message: "b" } }] }], s);
    expect(validateForm({ state: s, maxBytes: 1024 }).map((p) => p.message)).toEqual([
      "Two environments are named “development”; names must differ.",
      "Remove x.bin from development: it cannot be sent.",
      "Two environments are named “Development”; names must differ.",
      "Development has no files yet.",
    ]);
  });

  it("refuses fewer than two environments", () => {
    const s = run([{ type: "removeEnvironment", envId: "e2" }, { type: "addFiles", envId: "e1", files: [file("compose.yaml")] }]);
    expect(validateForm({ state: s, maxBytes: 1024 }).map((p) => p.message)).toEqual(["Add at least 2 environments to compare."]);
  });

  it("refuses a body larger than the server limit", () => {
    const big = "A=" + "x".repeat(1500) + "\n";
    const s = run([
      { type: "addFiles", envId: "e1", files: [file(".env", big)] },
      { type: "addFiles", envId: "e2", files: [file(".env", big)] },
    ]);
    expect(validateForm({ state: s, maxBytes: 2048 })[0]?.message).toMatch(/^The upload is 3(\.\d)? KB; the server accepts 2 KB/);
  });
});

describe("toRequestBody", () => {
  it("sends `as` only when it differs from the name, and trims names and title", () => {
    let s = run([{ type: "setTitle", title: "  release 4.2 " }, { type: "renameEnvironment", envId: "e1", name: " dev " }]);
    s = run([{ type: "addFiles", envId: "e1", files: [file(".env.dev-sample", "A=1\n"), file("compose.yaml")] }], s);
    expect(toRequestBody(s)).toEqual({
      title: "release 4.2",
      environments: [
        { name: "dev", role: "development", files: [{ name: "compose.yaml", content: "services: {}\n" }, { name: ".env.dev-sample", as: ".env.dev", content: "A=1\n" }] },
        { name: "production", role: "production", files: [] },
      ],
    });
  });
});

describe("position", () => {
  it("reads line and column", () => {
    expect(position({ line: 3, col: 9 })).toBe("line 3, column 9");
    expect(position({ line: 3 })).toBe("line 3");
    expect(position({})).toBe("");
  });
});
