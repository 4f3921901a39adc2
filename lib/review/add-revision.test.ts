import { describe, expect, it } from "vitest";
import { createComparison } from "@/lib/comparisons/create-comparison";
import { addComment } from "./add-comment";
import { addRevision } from "./add-revision";
import { compareRevisions } from "./compare-revisions";
import { listActivity } from "./list-activity";
import { listComments } from "./list-comments";
import { listFindingReviews } from "./list-finding-reviews";
import { setFindingStatus } from "./set-finding-status";
import { withTestDatabase } from "./testing/review-db";

const KEY = "f".repeat(40);
const db = withTestDatabase();

const dev = `services:
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
    ports: ["8000:8000"]
    environment:
      DATABASE_URL: sqlite:///db().sqlite3
      SECRET_KEY: s3cr3t-DJANGO-value-XYZ
`;
const prod = (opts: { reuseSecret: boolean; redis: boolean }) => `services:
  web:
    image: example/app:1.2
    command: gunicorn app.wsgi --bind 0.0.0.0:8000
    ports: ["80:8000"]
    environment:
      DATABASE_URL: postgres://app:pa55-word-QQ@db/app
      SECRET_KEY: ${opts.reuseSecret ? "s3cr3t-DJANGO-value-XYZ" : "Other-Prod-Secret-0987654"}
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: pa55-word-QQ
${opts.redis ? "  cache:\n    image: redis:7\n" : ""}`;

const envs = (p: string) => [
  { name: "dev", files: [{ name: "docker-compose.yml", content: dev }] },
  { name: "prod", files: [{ name: "docker-compose.yml", content: p }] },
];

describe("addRevision", () => {
  it("analyses the new files, keeps reviews of persisting findings, resolves the fixed ones and lists new ones", async () => {
    const created = await createComparison({ db: db(), input: { environments: envs(prod({ reuseSecret: true, redis: false })) }, fingerprintKey: KEY });
    const r1 = await listFindingReviews({ prisma: db().prisma, comparisonId: created.id });
    const reused = r1.findings.find((f) => f.rule === "secret-reused");
    expect(reused).toBeDefined();
    const persisting = r1.findings.find((f) => f.rule !== "secret-reused" && f.key !== "SECRET_KEY");
    expect(persisting).toBeDefined();
    await setFindingStatus({ prisma: db().prisma, comparisonId: created.id, fingerprint: persisting!.fingerprint, status: "accepted_risk", reason: "known", by: "Ana", expectedVersion: 0 });
    await addComment({ prisma: db().prisma, comparisonId: created.id, fingerprint: persisting!.fingerprint, author: "Ana", body: "tracked in #12" });

    // prod gets its own SECRET_KEY (secret-reused goes away) and a redis service (new finding)
    const out = await addRevision({ prisma: db().prisma, comparisonId: created.id, input: { by: "Bo", environments: envs(prod({ reuseSecret: false, redis: true })) }, fingerprintKey: KEY });
    expect(out.revision).toBe(2);
    expect(out.resolved).toContain(reused!.fingerprint);
    expect(out.kept).toContain(persisting!.fingerprint);
    expect(out.added.length).toBeGreaterThan(0);

    const r2 = await listFindingReviews({ prisma: db().prisma, comparisonId: created.id });
    expect(r2.revision).toBe(2);
    expect(r2.findings.find((f) => f.fingerprint === persisting!.fingerprint)).toMatchObject({ status: "accepted_risk", statusReason: "known", statusBy: "Ana" });
    expect(r2.findings.some((f) => f.fingerprint === reused!.fingerprint)).toBe(false);
    const old = await listFindingReviews({ prisma: db().prisma, comparisonId: created.id, revision: 1 });
    expect(old.findings.find((f) => f.fingerprint === reused!.fingerprint)).toMatchObject({ status: "fixed", statusReason: "no longer found in revision 2" });
    expect(await listComments({ prisma: db().prisma, comparisonId: created.id, fingerprint: persisting!.fingerprint })).toHaveLength(1);

    const diff = await compareRevisions({ prisma: db().prisma, comparisonId: created.id, from: 1, to: 2 });
    expect(diff.added.map((f) => f.fingerprint).sort()).toEqual([...out.added].sort());
    expect(diff.removed.map((f) => f.fingerprint)).toContain(reused!.fingerprint);

    const log = await listActivity({ prisma: db().prisma, comparisonId: created.id });
    expect(log.find((a) => a.action === "revision.add")).toMatchObject({ actor: "Bo", detail: { revision: 2, added: out.added.length, kept: out.kept.length, resolved: out.resolved.length, reopened: 0 } });
    expect(log.filter((a) => a.action === "finding.resolved").map((a) => a.fingerprint)).toContain(reused!.fingerprint);

    // stored redacted, like revision 1
    const files = await db().prisma.uploadedFile.findMany({ where: { environment: { revision: { comparisonId: created.id, number: 2 } } }, select: { content: true } });
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f.content).not.toContain("s3cr3t-DJANGO-value-XYZ");
      expect(f.content).not.toContain("Other-Prod-Secret-0987654");
      expect(f.content).not.toContain("pa55-word-QQ");
    }
    const rev = await db().prisma.revision.findFirstOrThrow({ where: { comparisonId: created.id, number: 2 }, select: { result: true, models: true } });
    expect(JSON.stringify(rev)).not.toMatch(/s3cr3t-DJANGO|Other-Prod-Secret|pa55-word-QQ/);
  });

  it("refuses other environment names (INVALID) and files that do not load (AnalysisError), storing nothing", async () => {
    const created = await createComparison({ db: db(), input: { environments: envs(prod({ reuseSecret: true, redis: false })) }, fingerprintKey: KEY });
    await expect(
      addRevision({ prisma: db().prisma, comparisonId: created.id, input: { by: "Bo", environments: [{ name: "dev", files: [{ name: "docker-compose.yml", content: dev }] }] }, fingerprintKey: KEY }),
    ).rejects.toMatchObject({ code: "INVALID" });
    const broken = [envs("")[0]!, { name: "prod", files: [{ name: "docker-compose.yml", content: "services:\n  web:\n    image: [unclosed\n" }] }];
    await expect(addRevision({ prisma: db().prisma, comparisonId: created.id, input: { by: "Bo", environments: broken }, fingerprintKey: KEY })).rejects.toMatchObject({ name: "AnalysisError" });
    expect(await db().prisma.revision.count({ where: { comparisonId: created.id } })).toBe(1);
  });
});
