import { describe, expect, it } from "vitest";
import { createScrubber, maskCommandSecrets, maskUrlCredentials, maskValue, redactFileContent, redactFileSet, redactValue } from "./redact";

describe("redact", () => {
  it("masks a secret with its length and masks URL credentials in place", () => {
    expect(maskValue("0123456789abcdef0123456789abcdef")).toBe("•••• (32 chars)");
    expect(maskUrlCredentials("postgres://app:hunter2@db:5432/app")).toBe("postgres://app:••••@db:5432/app");
    const r = redactValue({ key: "DATABASE_URL", value: "postgres://app:hunter2@db:5432/app", fingerprintKey: "k" });
    expect(r).toMatchObject({ display: "postgres://app:••••@db:5432/app", secret: true });
    expect(redactValue({ key: "SQL_HOST", value: "db", fingerprintKey: "k" })).toMatchObject({ display: "db", secret: false });
  });

  it("redacts an env file in place keeping the line layout", () => {
    const content = [
      "# comment",
      "DEBUG=1",
      "SECRET_KEY=foo-bar-baz",
      "export POSTGRES_PASSWORD='hello_django' # inline",
      "DATABASE=postgres",
      "DATABASE_URL=postgresql://hello_flask:hello_flask@db:5432/hello_flask_dev",
      "#SECRET_KEY=old-secret-value",
      "",
    ].join("\n");
    const out = redactFileContent({ name: ".env", kind: "env", content });
    expect(out.split("\n")).toHaveLength(content.split("\n").length);
    expect(out).not.toContain("foo-bar-baz");
    expect(out).not.toContain("'hello_django'");
    expect(out).not.toContain("old-secret-value");
    expect(out).toContain("DEBUG=1");
    expect(out).toContain("export POSTGRES_PASSWORD='••••' # inline");
    expect(redactFileContent({ name: ".env", kind: "env", content: "SQL_USER=hello_django\n", knownSecrets: ["hello_django"] })).toBe("SQL_USER=••••\n");
    expect(out).toContain("DATABASE_URL=postgresql://••••:••••@db:5432/••••_dev");
    // the password doubles as user and database name: masked there too
    expect(out).not.toContain("hello_flask");
  });

  it("redacts a compose file: mapping, list and label forms", () => {
    const content = [
      "services:",
      "  db:",
      "    environment:",
      "      POSTGRES_PASSWORD: hello_django",
      "      - SECRET_KEY=supersecret",
      "    labels:",
      '      - "traefik.http.middlewares.auth.basicauth.users=testuser:$$apr1$$jIKW.bA4$$2sZ3"',
      "    command: redis-server --requirepass=H733Kdjndks81 --masterauth t4Ph722qJ5QHeQ1qfu36 --requirepass $$REDIS_PASSWORD",
      "    image: postgres:15",
    ].join("\r\n");
    const out = redactFileContent({ name: "compose.yml", kind: "compose", content });
    expect(out.split("\r\n")).toHaveLength(9);
    for (const s of ["hello_django", "supersecret", "jIKW", "H733Kdjndks81", "t4Ph722qJ5QHeQ1qfu36"]) expect(out).not.toContain(s);
    expect(out).toContain('basicauth.users=••••"');
    expect(out).toContain("image: postgres:15");
    expect(out).toContain("--requirepass $$REDIS_PASSWORD");
  });

  it("scrubs secret values inside other strings, leaving short and well-known ones to field masking", () => {
    const scrub = createScrubber(["hello_django", "pw", "postgres", "changethis", "{{ cookiecutter.project_name }}"]);
    expect(scrub("gunicorn hello_django.wsgi")).toBe("gunicorn ••••.wsgi");
    expect(scrub("password=changethis")).toBe("password=••••");
    expect(scrub("image {{ cookiecutter.project_name }}:dev")).toBe("image {{ cookiecutter.project_name }}:dev");
    const named = createScrubber(["sentry", "getsentry-secret-1"], { names: ["getsentry", "sentry"] });
    expect(named("ghcr.io/getsentry/sentry:nightly getsentry-secret-1")).toBe("ghcr.io/getsentry/sentry:nightly ••••");
    expect(scrub("postgres:15 pw")).toBe("postgres:15 pw");
  });

  it("asks for the project's names only when some value is long enough to be scrubbed", () => {
    let asked = 0;
    const names = () => {
      asked++;
      return ["django-secret-name"];
    };
    expect(createScrubber(["pw", "secret"], { names })("pw secret")).toBe("pw secret");
    expect(asked).toBe(0);
    const scrub = createScrubber(["django-secret-name", "another-secret-1"], { names });
    expect(asked).toBe(1);
    expect(scrub("django-secret-name another-secret-1")).toBe("django-secret-name ••••");
  });

  it("masks secrets written on a command line", () => {
    expect(maskCommandSecrets("redis-server --requirepass H733Kdjndks81 --appendonly yes")).toBe("redis-server --requirepass •••• --appendonly yes");
    expect(maskCommandSecrets("sh -c 'SECRET_KEY=abc123 gunicorn app'")).toBe("sh -c 'SECRET_KEY=•••• gunicorn app'");
    expect(maskCommandSecrets("redis-server --requirepass $$REDIS_PASSWORD")).toBe("redis-server --requirepass $$REDIS_PASSWORD");
  });

  it("masks the value of a secret flag in flow, block and inline command syntax, keeping the lines", () => {
    const forms = [
      'services:\n  redis:\n    command: ["redis-server", "--requirepass", "redis-Pa55-XJ7"]\n',
      "services:\n  redis:\n    command:\n      - redis-server\n      - --requirepass\n      - redis-Pa55-XJ7\n      - --appendonly\n      - 'yes'\n",
      "services:\n  redis:\n    command: redis-server --requirepass redis-Pa55-XJ7\n",
    ];
    for (const content of forms) {
      const out = redactFileContent({ name: "compose.yaml", kind: "compose", content });
      expect(out).not.toContain("redis-Pa55-XJ7");
      expect(out).toContain("--requirepass");
      expect(out.split("\n")).toHaveLength(content.split("\n").length);
    }
    // the item after a non-secret flag stays
    expect(redactFileContent({ name: "c.yaml", kind: "compose", content: "command:\n  - --appendonly\n  - 'yes'\n" })).toContain("'yes'");
  });

  it("masks a Sentry DSN key (a token as the whole user part of a URL) in place", () => {
    const dsn = "https://4f0c2b9e8a7d6c5b4a39281706f5e4d3@o12345.ingest.sentry.io/42";
    expect(maskUrlCredentials(dsn)).toBe("https://••••@o12345.ingest.sentry.io/42");
    expect(redactFileContent({ name: ".env", kind: "env", content: `SENTRY_DSN=${dsn}\n` })).toBe("SENTRY_DSN=https://••••@o12345.ingest.sentry.io/42\n");
  });

  it("redacts a file with a megabyte-long line quickly", () => {
    const started = Date.now();
    const out = redactFileContent({ name: "compose.yml", kind: "compose", content: `x: ${"a".repeat(1_000_000)}\nSECRET_KEY: abcdef123456\n` });
    expect(out).toContain("SECRET_KEY: ••••");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("redacts a set of files together, masking a secret where another file repeats it", () => {
    const [compose, env] = redactFileSet([
      { name: "compose.yml", kind: "compose", content: "services:\n  web:\n    command: gunicorn hello_django.wsgi\n" },
      { name: ".env.prod.db", kind: "env", content: "POSTGRES_USER=hello_django\nPOSTGRES_PASSWORD=hello_django\n" },
    ]);
    expect(compose).toBe("services:\n  web:\n    command: gunicorn ••••.wsgi\n");
    expect(env).toBe("POSTGRES_USER=••••\nPOSTGRES_PASSWORD=••••\n");
  });
});
