import { describe, it, expect } from "vitest";
import { detectFileKind, hasTemplateMarkers, looksLikeEnvFileName, topLevelKeys } from "./detect-file-kind";

describe("detectFileKind", () => {
  it("recognises compose files by name and by their top-level keys", () => {
    expect(detectFileKind({ name: "docker-compose.prod.yml", content: "services:\n  web:\n    image: x\n" }).kind).toBe("compose");
    expect(detectFileKind({ name: "compose.yaml", content: "services: {}\n" }).kind).toBe("compose");
    expect(detectFileKind({ name: "stack.txt", content: "version: '3'\nservices:\n  a:\n    image: b\n" }).kind).toBe("compose");
  });

  it("recognises env files by their common names", () => {
    for (const name of [".env", ".env.prod", "prod.env", "env.example", ".env.dev-sample", "envs/env-template", "config/.env", ".env.prod.db"]) {
      expect(detectFileKind({ name, content: "A=1\n" }).kind, name).toBe("env");
    }
    expect(looksLikeEnvFileName("docker-compose.yml")).toBe(false);
  });

  it("recognises env files by their folder", () => {
    expect(detectFileKind({ name: "env/postgres", content: "# comment only\n" }).kind).toBe("env");
  });

  it("recognises env files by content when the name says nothing", () => {
    expect(detectFileKind({ name: ".envs/.local/.django", content: "# General\nUSE_DOCKER=yes\nexport IPYTHONDIR=/app/.ipython\n" }).kind).toBe("env");
  });

  it("recognises a Procfile by name and by content", () => {
    expect(detectFileKind({ name: "Procfile", content: "web: gunicorn app\n" }).kind).toBe("procfile");
    expect(detectFileKind({ name: "heroku-procs", content: "web: gunicorn app\nworker: celery -A x worker\n" }).kind).toBe("procfile");
  });

  it("refuses a Kubernetes manifest with NOT_COMPOSE", () => {
    const r = detectFileKind({ name: "deploy.yaml", content: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n" });
    expect(r.kind).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ code: "NOT_COMPOSE", severity: "error" });
    expect(r.issues[0]?.message).toMatch(/Kubernetes/);
  });

  it("refuses a GitHub workflow and an Ansible playbook with NOT_COMPOSE", () => {
    const wf = detectFileKind({ name: "deploy.yml", content: "name: Deploy\non:\n  push:\njobs:\n  a:\n    runs-on: x\n    env:\n      D: ${{ vars.D }}\n" });
    expect(wf.issues[0]?.code).toBe("NOT_COMPOSE");
    expect(wf.issues[0]?.message).toMatch(/GitHub/);
    const pb = detectFileKind({ name: "site.yml", content: "- hosts: all\n  tasks:\n    - name: x\n      apt: name=y\n" });
    expect(pb.issues[0]?.code).toBe("NOT_COMPOSE");
    expect(pb.issues[0]?.message).toMatch(/Ansible/);
  });

  it("explains a version 1 compose file (services at the top level)", () => {
    const r = detectFileKind({ name: "docker-compose.yml", content: "web:\n  image: nginx\ndb:\n  image: postgres\n" });
    expect(r.issues[0]?.code).toBe("NOT_COMPOSE");
    expect(r.issues[0]?.message).toMatch(/version 1 compose file/);
  });

  it("flags binary content instead of guessing", () => {
    expect(detectFileKind({ name: "x.yml", content: "a\u0000b" }).issues[0]?.code).toBe("BINARY_FILE");
  });

  it("reports a text file of unknown kind", () => {
    expect(detectFileKind({ name: "README", content: "Hello there, this is prose.\n" }).issues[0]?.code).toBe("UNKNOWN_FILE_KIND");
  });
});

describe("hasTemplateMarkers", () => {
  it("finds Jinja markers but not GitHub expressions nor compose interpolation", () => {
    expect(hasTemplateMarkers("image: {{ cookiecutter.slug }}")).toBe(true);
    expect(hasTemplateMarkers("{%- if x %}\n")).toBe(true);
    expect(hasTemplateMarkers("D: ${{ vars.D }}")).toBe(false);
    expect(hasTemplateMarkers("image: ${IMAGE:-x}")).toBe(false);
    expect(hasTemplateMarkers("a: {{\nb: }}")).toBe(false);
    expect(hasTemplateMarkers("x: ${{ a }} {{ b }}")).toBe(true);
  });

  it("judges huge whitespace-only or list-shaped content quickly", () => {
    const t = performance.now();
    detectFileKind({ name: "x.yml", content: `- a\n${"\n".repeat(300_000)} \t`.repeat(2) });
    detectFileKind({ name: "x.yml", content: " ".repeat(300_000) });
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it("stays linear on long lines full of openers", () => {
    const text = "{{".repeat(200_000);
    const t = performance.now();
    expect(hasTemplateMarkers(text)).toBe(false);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe("topLevelKeys", () => {
  it("reads the keys written at the start of a line, as splitting on line breaks would", () => {
    const text = 'services:\r\n  web:\r\n    image: x\r\n"on": push\n\'jobs\':\n# c: 1\nx-a: &a\n  b: 1\nname: demo\rnot: a-new-line\nlast:';
    const bySplit = text
      .split(/\r?\n/)
      .map((l) => /^([A-Za-z_][A-Za-z0-9_.-]*|"[^"]*"|'[^']*')\s*:(\s|$)/.exec(l)?.[1]?.replace(/^["']|["']$/g, ""))
      .filter((k) => k !== undefined);
    expect(topLevelKeys(text)).toEqual(["services", "on", "jobs", "x-a", "name", "last"]);
    expect(topLevelKeys(text)).toEqual(bySplit);
    expect(topLevelKeys("")).toEqual([]);
    expect(topLevelKeys("a:\r")).toEqual(["a"]); // a lone CR ends no line, and it is white space after the colon
  });
});
