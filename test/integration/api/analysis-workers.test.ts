/**
 * ANALYSIS_WORKERS: the server analyses uploads on worker threads (lib/comparisons/analysis-pool.ts)
 * or, with 0, in the request's thread. Both store the same comparison; the workers answer
 * uploads sent at once, and their errors reach the client as the request's own.
 */
import { describe, expect, it } from "vitest";
import { sampleUpload } from "@/lib/comparisons/testing/django-sample";
import { withAppServer } from "../helpers/app";
import { testDbKind } from "../helpers/test-db";

const KEY = "k".repeat(40);

async function create(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/comparisons`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** the stored comparison as GET answers it, without what differs between two creations */
async function stored(url: string, id: string): Promise<unknown> {
  const view = (await (await fetch(`${url}/api/comparisons/${id}`)).json()) as Record<string, unknown>;
  const { id: _id, createdAt: _createdAt, revisions, ...rest } = view;
  return { ...rest, revisions: (revisions as Record<string, unknown>[]).map(({ createdAt: _at, ...r }) => r) };
}

describe(`analysis workers on ${testDbKind()}`, () => {
  const pooled = withAppServer({ FINGERPRINT_KEY: KEY, ANALYSIS_WORKERS: "2" });
  const inThread = withAppServer({ FINGERPRINT_KEY: KEY, ANALYSIS_WORKERS: "0" });

  it("logs how many workers analyse uploads", () => {
    expect(pooled.server.logs.find((l) => l.msg === "analysis workers")).toMatchObject({ workers: 2 });
    expect(inThread.server.logs.find((l) => l.msg === "analysis workers")).toMatchObject({ workers: 0 });
  });

  it("stores the same comparison with workers as in the request's thread", async () => {
    const a = await create(pooled.server.url, sampleUpload());
    const b = await create(inThread.server.url, sampleUpload());
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ida, idb] = [((await a.json()) as { id: string }).id, ((await b.json()) as { id: string }).id];
    const [sa, sb] = [await stored(pooled.server.url, ida), await stored(inThread.server.url, idb)];
    expect(sa).toEqual(sb);
    expect(JSON.stringify(sa)).toContain("findings");
  });

  it("answers uploads sent at once, failures included, each with its own answer", async () => {
    const broken = sampleUpload({ prodComposeContent: "services:\n  web:\n    image: a\n    image: b\n" });
    const bodies = Array.from({ length: 9 }, (_, i) => (i % 3 === 2 ? broken : sampleUpload()));
    const answers = await Promise.all(bodies.map((b) => create(pooled.server.url, b)));
    expect(answers.map((r) => r.status)).toEqual(bodies.map((b) => (b === broken ? 422 : 201)));
    for (const [i, r] of answers.entries()) {
      const body = (await r.json()) as Record<string, unknown>;
      if (bodies[i] === broken) expect(body).toEqual({ error: { code: "DUPLICATE_KEY", message: expect.any(String), file: "docker-compose.prod.yml", line: 4, col: 5, environment: "prod" } });
      else expect(body).toMatchObject({ id: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
    }
  });
});
