import { describe, expect, it } from "vitest";
import { isEnvFileName } from "./detect-env-file-name";

describe("isEnvFileName", () => {
  const envFiles = [
    ".env",
    ".env.dev-sample",
    ".env.prod-sample",
    ".env.prod.db-sample",
    ".env.example",
    ".env.template",
    ".env.local",
    ".env.development.local",
    ".ENV",
    "prod.env",
    "app.env.local",
    "web.env-sample",
    "env.example",
    "env-template",
    "envs/env-template",
    "env/netbox.env",
    "env/postgres",
    "config/.env.template",
    "frontend/.env",
    ".envs/.local/.django",
    ".envs/.production/.postgres",
    "./.env.prod",
    "deploy\\prod.env",
  ];
  const otherFiles = [
    "docker-compose.yml",
    "compose.yaml",
    "docker-compose.env.yml",
    ".env.json",
    "Procfile",
    "environment.yml",
    "environment",
    "env.ts",
    "settings/env.py",
    ".envrc",
    ".envs/.local/README.md",
    "venv/bin/activate",
    "nginx/dev/Dockerfile",
    "README.md",
    "",
  ];

  it.each(envFiles)("recognises %s as an env file", (name) => {
    expect(isEnvFileName(name)).toBe(true);
  });

  it.each(otherFiles)("does not take %j for an env file", (name) => {
    expect(isEnvFileName(name)).toBe(false);
  });
});
