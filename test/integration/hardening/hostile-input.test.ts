/**
 * Hostile input over HTTP against the built server (issue #7.1): every case gets a
 * clear 4xx with a code (and file/line/col where it is about a file) within 1 s,
 * the server stays healthy, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "../helpers/test-db";
import { startServer, type RunningServer } from "../helpers/server";
import { countRows, withTestDb } from "../helpers/db-inspect";
import { postJson, postRaw, timedFetch, uploadWith, type Answer } from "./http";

const MAX_UPLOAD_BYTES = 256 * 1024;

function billionLaughs(): string {
  const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = "abcdefghij".split("");
  for (let i = 1; i < names.length; i++) lines.push(`x-${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(",")}]`);
  lines.push("services:", "  web:", "    image: example/app:1.2", "    command: *j");
  return lines.join("\n") + "\n";
}

function mergeKeyBomb(): string {
  const keys = Array.from({ length: 10 }, (_, i) => `k${i}: v`).join(", ");
  const lines = [`x-l0: &l0 {${keys}}`];
  for (let level = 1; level <= 8; level++) {
    const prev = `*l${level - 1}`;
    const held = Array.from({ length: 10 }, (_, i) => `n${i}: ${prev}`).join(", ");
    lines.push(`x-l${level}: &l${level} {<<: [${Array(10).fill(prev).join(", ")}], ${held}}`);
  }
  lines.push("services:", "  web:", "    image: example/app:1.2", "    labels:", "      <<: *l8");
  return lines.join("\n") + "\n";
}

/** `<<: *a` repeated: every service merges the previous one, which merges the one before… */
function repeatedMergeKeys(): string {
  const lines = ["x-base: &s0", "  image: example/app:1.2", `  environment: {${Array.from({ length: 50 }, (_, i) => `K${i}: v`).join(", ")}}`, "services:"];
  for (let i = 1; i <= 400; i++) lines.push(`  s${i}: &s${i}`, `    <<: *s${i - 1}`, `    labels: {a: *s${i - 1}, b: *s${i - 1}}`);
  return lines.join("\n") + "\n";
}

const deepSequence = `services:\n  web:\n    image: example/app:1.2\n    command: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`;

const jinja = `services:
  web:
    image: {{ cookiecutter.image }}:{{ version }}
{% if use_celery %}
  worker:
    image: {{ cookiecutter.image }}
{% endif %}
`;

const kubernetes = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: example/app:1.2
`;

describe(`hostile input on ${testDbKind()}`, () => {
  let tdb: TestDatabase;
  let server: RunningServer;
  const answered: Answer[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startServer({ ...tdb.env, FINGERPRINT_KEY: "h".repeat(40), MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES), RATE_LIMIT_CREATE_PER_MINUTE: "0" });
    // load the route and the loader once so the 1 s budget measures requests, not the first module load
    await postJson(server.url, "{");
    await postJson(server.url, uploadWith({ name: "warm-up.yml", content: "services: [\n" }));
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await tdb?.drop();
  });

  async function expectRefused(res: Answer, status: number, code: string | RegExp, at?: { file: string; line?: boolean }): Promise<void> {
    answered.push(res);
    expect(res.status, res.text).toBe(status);
    const { error } = res.json();
    expect(error?.code).toMatch(typeof code === "string" ? new RegExp(`^${code}$`) : code);
    expect(error?.message).toBeTruthy();
    if (at) {
      expect(error?.file).toBe(at.file);
      if (at.line !== false) {
        expect(error?.line).toBeGreaterThanOrEqual(1);
        expect(error?.col).toBeGreaterThanOrEqual(1);
      }
    }
    expect(res.ms, `answered in ${Math.round(res.ms)} ms`).toBeLessThan(1_000);
    const health = await timedFetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  }

  it("answers 422 YAML_SYNTAX with file, line and col for invalid YAML", async () => {
    const res = await postJson(server.url, uploadWith({ name: "prod.yml", content: "services:\n  web:\n    image: a\n   - broken: [\n" }));
    await expectRefused(res, 422, "YAML_SYNTAX", { file: "prod.yml" });
    expect(res.json().error?.line).toBeGreaterThanOrEqual(3);
  });

  it("answers 422 DUPLICATE_KEY at the second key", async () => {
    const res = await postJson(server.url, uploadWith({ name: "prod.yml", content: "services:\n  web:\n    image: a\n    image: b\n" }));
    await expectRefused(res, 422, "DUPLICATE_KEY", { file: "prod.yml" });
    expect(res.json().error?.line).toBe(4);
  });

  it("stops a billion-laughs alias bomb quickly (RESOURCE_EXHAUSTION)", async () => {
    await expectRefused(await postJson(server.url, uploadWith({ name: "laughs.yml", content: billionLaughs() })), 422, "RESOURCE_EXHAUSTION", { file: "laughs.yml", line: false });
  });

  it("stops merge-key alias bombs (nested `<<: [*a, *a…]` and `<<: *a` repeated service after service)", async () => {
    await expectRefused(await postJson(server.url, uploadWith({ name: "merge.yml", content: mergeKeyBomb() })), 422, "RESOURCE_EXHAUSTION", { file: "merge.yml", line: false });
    await expectRefused(await postJson(server.url, uploadWith({ name: "chain.yml", content: repeatedMergeKeys() })), 422, "RESOURCE_EXHAUSTION", { file: "chain.yml", line: false });
  });

  it("refuses a 10,000-deep nested sequence without a stack overflow", async () => {
    await expectRefused(await postJson(server.url, uploadWith({ name: "deep.yml", content: deepSequence })), 422, "RESOURCE_EXHAUSTION", { file: "deep.yml", line: false });
  });

  it("answers 413 for a body over MAX_UPLOAD_BYTES, by Content-Length and chunked without it", async () => {
    const big = JSON.stringify(uploadWith({ name: "big.yml", content: `# ${"x".repeat(MAX_UPLOAD_BYTES)}\n` }));
    for (const chunked of [false, true]) {
      const res = await postRaw(server.url, big, { chunked });
      await expectRefused({ ...res, headers: new Headers(), json: () => JSON.parse(res.text) as ReturnType<Answer["json"]> }, 413, "BODY_TOO_LARGE");
    }
    // a chunked body far over the limit is cut off, not read to the end
    const huge = await postRaw(server.url, Buffer.alloc(MAX_UPLOAD_BYTES * 40, 0x20), { chunked: true });
    expect(huge.status).toBe(413);
    expect(huge.ms).toBeLessThan(1_000);
  });

  it("answers 400 INVALID_JSON for bytes that are not UTF-8 and for a lone surrogate escape in a file", async () => {
    const body = Buffer.concat([Buffer.from('{"environments":[{"name":"dev","files":[{"name":"a.yml","content":"services: {}\\n# caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"}]}]}')]);
    const res = await postRaw(server.url, body);
    await expectRefused({ ...res, headers: new Headers(), json: () => JSON.parse(res.text) as ReturnType<Answer["json"]> }, 400, "INVALID_JSON");
    expect(res.text).not.toContain("caf");
    const surrogate = JSON.stringify(uploadWith({ name: "latin1.yml", content: "services:\n  web:\n    image: x\n" })).replace("image: x", "image: x\\ud800");
    // valid JSON, but `\ud800` alone is not text: refused before anything reads it (was a 500)
    await expectRefused(await postJson(server.url, surrogate), 400, "INVALID_JSON");
  });

  it("answers 422 BINARY_FILE for a binary file", async () => {
    const content = String.fromCharCode(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0);
    await expectRefused(await postJson(server.url, uploadWith({ name: "app.bin", content })), 422, "BINARY_FILE", { file: "app.bin", line: false });
  });

  it("answers 422 TEMPLATE_NOT_RENDERED for a Jinja template", async () => {
    await expectRefused(await postJson(server.url, uploadWith({ name: "docker-compose.yml.j2", content: jinja })), 422, "TEMPLATE_NOT_RENDERED", { file: "docker-compose.yml.j2", line: false });
  });

  it("answers 422 NOT_COMPOSE for a Kubernetes manifest", async () => {
    await expectRefused(await postJson(server.url, uploadWith({ name: "deployment.yaml", content: kubernetes })), 422, "NOT_COMPOSE", { file: "deployment.yaml", line: false });
  });

  it("answers 422 INVALID_INPUT for 200 environments", async () => {
    const environments = Array.from({ length: 200 }, (_, i) => ({ name: `env-${i}`, files: [{ name: "compose.yaml", content: "services:\n  web:\n    image: a\n" }] }));
    const res = await postJson(server.url, { environments });
    await expectRefused(res, 422, "INVALID_INPUT");
    expect(res.json().error?.path).toBe("environments");
  });

  it("answers 400 INVALID_JSON for an empty body, and 415 for a wrong content type", async () => {
    await expectRefused(await postJson(server.url, ""), 400, "INVALID_JSON");
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      await expectRefused(await postJson(server.url, JSON.stringify(uploadWith()), { "content-type": type }), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
  });

  it("answers 422 INVALID_INPUT for unknown JSON fields, top-level and nested", async () => {
    const top = await postJson(server.url, { ...(uploadWith() as object), admin: true });
    await expectRefused(top, 422, "INVALID_INPUT");
    const nested = uploadWith() as { environments: { files: Record<string, unknown>[] }[] };
    nested.environments[0]!.files[0]!.mode = "0777";
    const res = await postJson(server.url, nested);
    await expectRefused(res, 422, "INVALID_INPUT");
    expect(res.json().error?.path).toMatch(/^environments\.0\.files\.0/);
  });

  it("logged no 5xx and no error, and stored nothing", async () => {
    expect(answered.length).toBeGreaterThanOrEqual(18);
    const requests = server.logs.filter((l) => l.msg === "request");
    expect(requests.filter((l) => typeof l.status === "number" && l.status >= 500)).toEqual([]);
    expect(server.logs.filter((l) => l.level === 50 || l.level === 60)).toEqual([]);
    await server.stop("SIGTERM");
    const counts = await withTestDb(tdb, countRows);
    for (const [table, n] of Object.entries(counts)) if (!/migration/i.test(table)) expect(n, table).toBe(0);
    expect(Object.keys(counts).length).toBeGreaterThan(3);
  });
});
