import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ServiceConfig } from "@/lib/compose/model";
import { compareEnvironments } from "./compare-environments";
import { parityResultSchema } from "./result-schema";
import { makeEnvironment } from "./testing/make-environment";

const name = fc.constantFrom("web", "db", "worker", "nginx", "redis", "celery-beat", "mailhog", "app", "api", "django");
const image = fc.constantFrom("postgres:13", "postgres:16", "redis", "redis:7.2", "nginx:latest", "app:1.0.0", "ghcr.io/x/y:nightly", "mailhog/mailhog");
const secret = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/).map((s) => `Zz9${s}`);

const service = (secretValue: string) =>
  fc.record(
    {
      image,
      build: fc.constantFrom(undefined, { context: "." }, { context: "./app", dockerfile: "Dockerfile.prod", target: "dev" }),
      command: fc.constantFrom(undefined, ["python", "manage.py", "runserver"], ["gunicorn", "app.wsgi"], ["celery", "-A", "x", "beat"]),
      // the secret only under secret keys or inside URL credentials: elsewhere it would not be a secret
      environment: fc.record(
        {
          DEBUG: fc.constantFrom("1", "0", "true"),
          TZ: fc.constant("Europe/London"),
          SECRET_KEY: fc.constantFrom(secretValue, "changeme", "!!!SET SECRET_KEY!!!"),
          API_TOKEN: fc.constant(secretValue),
          DATABASE_URL: fc.constantFrom(`postgres://u:${secretValue}@db/app`, "sqlite:///x.db", `redis://:${secretValue}@cache:6379/0`),
        },
        { requiredKeys: [] },
      ) as fc.Arbitrary<Record<string, string>>,
      ports: fc.array(fc.record({ target: fc.constantFrom(80, 5432, 8000, 9229), published: fc.constantFrom(undefined, "80", "8000"), protocol: fc.constantFrom("tcp", "udp"), mode: fc.constant("ingress") }), { maxLength: 2 }),
      restart: fc.constantFrom(undefined, "always", "no"),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<ServiceConfig>;

const scenario = secret.chain((secretValue) =>
  fc
    .array(fc.tuple(fc.constantFrom("dev", "staging", "prod", "qa"), fc.dictionary(name, service(secretValue), { maxKeys: 5 })), { minLength: 1, maxLength: 3 })
    .map((envs) => ({ secretValue, envs })),
);

describe("compareEnvironments (property)", () => {
  it("never throws, always matches the schema, and never shows a secret value", () => {
    fc.assert(
      fc.property(scenario, ({ secretValue, envs }) => {
        const environments = envs.map(([env, services]) => ({ env: makeEnvironment({ name: env, services }) }));
        const result = compareEnvironments({ environments, fingerprintKey: "k" });
        expect(parityResultSchema.safeParse(result).success).toBe(true);
        expect(JSON.stringify(result)).not.toContain(secretValue);
        expect(result.summary.score).toBeGreaterThanOrEqual(0);
        expect(result.issues.filter((i) => i.code === "INTERNAL")).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
