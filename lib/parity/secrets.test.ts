import { describe, expect, it } from "vitest";
import { classifySecret, findUrlCredentials, fingerprintSecret, isSecretKey, looksHighEntropy } from "./secrets";

describe("secrets", () => {
  it("recognises secret key names and leaves settings about secrets alone", () => {
    for (const k of ["SECRET_KEY", "POSTGRES_PASSWORD", "API_TOKEN", "OPENAI_API_KEY", "PRIVATE_KEY", "PGADMIN_PW", "DB_PASS", "REDIS_PASSWORD"]) expect(isSecretKey(k), k).toBe(true);
    for (const k of ["POSTGRES_USER", "POSTGRES_PASSWORD_FILE", "POSTGRES_HOST_AUTH_METHOD", "PASSWORD_RESET_TIMEOUT", "DEBUG", "SQL_HOST", "SECRET_KEY_FALLBACKS_PATH"]) expect(isSecretKey(k), k).toBe(false);
  });

  it("finds credentials inside URLs but not variable references", () => {
    expect(findUrlCredentials("postgres://app:pw123@db:5432/app").map((c) => c.password)).toEqual(["pw123"]);
    expect(findUrlCredentials("redis://:s3cret@redis:6379/0").map((c) => c.password)).toEqual(["s3cret"]);
    expect(findUrlCredentials("postgres://${USER}:${PASSWORD}@db/app")).toEqual([]);
    expect(findUrlCredentials("https://example.com:8443/path")).toEqual([]);
  });

  it("finds a token written as the whole user part of a URL (Sentry DSN), not a plain user name", () => {
    const dsn = "https://4f0c2b9e8a7d6c5b4a39281706f5e4d3@o12345.ingest.sentry.io/42";
    expect(findUrlCredentials(dsn).map((c) => c.password)).toEqual(["4f0c2b9e8a7d6c5b4a39281706f5e4d3"]);
    expect(classifySecret({ key: "SENTRY_DSN", value: dsn }).secret).toBe(true);
    expect(findUrlCredentials("ssh://git@github.com/org/repo")).toEqual([]);
    expect(findUrlCredentials("postgres://readonly_reporting_user@db/app")).toEqual([]);
  });

  it("classifies strength: known default, placeholder, real-looking", () => {
    expect(classifySecret({ key: "SECRET_KEY", value: "changethis" }).strength).toBe("known-default");
    expect(classifySecret({ key: "DJANGO_SECRET_KEY", value: "!!!SET DJANGO_SECRET_KEY!!!" }).strength).toBe("placeholder");
    expect(classifySecret({ key: "DJANGO_SECRET_KEY", value: "__CHANGEME__" }).strength).toBe("placeholder");
    expect(classifySecret({ key: "OPENAI_API_KEY", value: "sk-proj-ABCD" }).strength).toBe("placeholder");
    expect(classifySecret({ key: "NVIDIA_API_KEY", value: "nvapi-ABC-123" }).strength).toBe("placeholder");
    expect(classifySecret({ key: "SECRET_KEY", value: "insecure_key_for_dev" }).strength).toBe("placeholder");
    expect(classifySecret({ key: "SECRET_KEY", value: "r(m)9nLGnz$(_q3N4z1k(EFsMCjjjzx08x9VhNVcfd%6RF#r!6DE@+V5Zk2X" }).strength).toBe("random-looking");
  });

  it("flags high-entropy values under neutral keys, not paths, URLs or image names", () => {
    expect(classifySecret({ key: "MY_SETTING", value: "t4Ph722qJ5QHeQ1qfu36XyZ" }).secret).toBe(true);
    expect(looksHighEntropy("/usr/src/app/static/files")).toBe(false);
    expect(looksHighEntropy("ghcr.io/getsentry/snuba:nightly")).toBe(false);
    expect(looksHighEntropy("hello_django_prod")).toBe(false);
    expect(looksHighEntropy("backend.settings.ec2")).toBe(false);
    expect(looksHighEntropy("kafka.cluster=WARN,kafka.controller=WARN,kafka.coordinator=WARN,state.change.logger=WARN")).toBe(false);
    expect(looksHighEntropy("6HXkUKmlkYpB8JHXd0LcGCDS7C6E8zrWPwnUDjnTTOI")).toBe(true);
    expect(classifySecret({ key: "DATABASE_PASSWORD", value: "/run/secrets/db-password" }).secret).toBe(false);
  });

  it("fingerprints with HMAC-SHA256 keyed per comparison", () => {
    const a = fingerprintSecret({ value: "v", key: "k1" });
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprintSecret({ value: "v", key: "k1" })).toBe(a);
    expect(fingerprintSecret({ value: "v", key: "k2" })).not.toBe(a);
  });
});

describe("secrets on large inputs", () => {
  it("classifies a megabyte value quickly", () => {
    const started = Date.now();
    const value = "a".repeat(1_000_000);
    expect(classifySecret({ key: "NOTES", value }).secret).toBe(false);
    expect(classifySecret({ key: "API_TOKEN", value }).secret).toBe(true);
    expect(findUrlCredentials(`${"ab".repeat(100_000)}://x`)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
