import { describe, expect, it } from "vitest";
import { loadEnvironment } from "@/lib/compose/load-environment";
import { collectSecretValues, maskModels } from "./mask-model";

const compose = `services:
  app:
    image: example/app:1.2
    build:
      context: .
      args:
        NPM_TOKEN: npm-Tok3n-AbCdEf-991
    command: ["node", "server.js", "--token", "cli-Tok3n-Zz88", "--password=flagPa55-w0rd"]
    environment:
      SECRET_KEY: s3cr3t-DJANGO-value-XYZ
      DATABASE_URL: postgres://app:pa55-word-QQ@db/app
      BANNER: "connect with pa55-word-QQ"
      PORT: "8000"
    labels:
      traefik.http.middlewares.auth.basicauth.users: "admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/"
      com.example.team: payments
    healthcheck:
      test: ["CMD", "redis-cli", "--pass", "hc-Pa55-word-7", "ping"]
  db:
    image: postgres:16
configs:
  settings:
    content: |
      api_key: cfg-ApiKey-Value-123
      region: eu
`;

const SECRETS = ["npm-Tok3n-AbCdEf-991", "cli-Tok3n-Zz88", "flagPa55-w0rd", "s3cr3t-DJANGO-value-XYZ", "pa55-word-QQ", "H6uskkkW", "hc-Pa55-word-7", "cfg-ApiKey-Value-123"];

describe("maskModels", () => {
  const env = loadEnvironment({ name: "prod", files: [{ name: "compose.yaml", content: compose }] });

  it("loads the fixture without errors (so the model holds every value)", () => {
    expect(env.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(JSON.stringify(env.project)).toContain("cli-Tok3n-Zz88");
  });

  it("masks secrets under env keys, build args, labels, command-line flags, healthchecks, inline configs and wherever else they appear", () => {
    const models = maskModels({ environments: [env], fingerprintKey: "k".repeat(40) });
    const text = JSON.stringify(models);
    for (const s of SECRETS) expect(text).not.toContain(s);
    const app = models.prod?.services.app;
    expect(app?.environment?.DATABASE_URL).toBe("postgres://app:••••@db/app");
    expect(app?.environment?.BANNER).toBe("connect with ••••");
    expect(app?.command).toEqual(["node", "server.js", "--token", "••••", "--password=••••"]);
  });

  it("keeps what is not secret: images, ports, ordinary labels, names", () => {
    const models = maskModels({ environments: [env], fingerprintKey: "k".repeat(40) });
    const app = models.prod?.services.app;
    expect(app?.image).toBe("example/app:1.2");
    expect(app?.environment?.PORT).toBe("8000");
    expect(app?.labels?.["com.example.team"]).toBe("payments");
    expect(models.prod?.services.db?.image).toBe("postgres:16");
    expect(JSON.stringify(models.prod?.configs)).toContain("region: eu");
  });

  it("collects values given to secret command-line flags", () => {
    expect(collectSecretValues({ environments: [env] })).toEqual(expect.arrayContaining(["cli-Tok3n-Zz88", "flagPa55-w0rd", "hc-Pa55-word-7", "npm-Tok3n-AbCdEf-991"]));
  });
});
