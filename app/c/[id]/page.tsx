// GET /c/[id] – the result page of a stored comparison
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EnvMatrix } from "@/components/result/env-matrix";
import { ExportLinks } from "@/components/result/export-links";
import { FilesPanel } from "@/components/result/files-panel";
import { FindingsPanel } from "@/components/result/findings-panel";
import { GonePage } from "@/components/result/gone-page";
import { LoaderIssues } from "@/components/result/loader-issues";
import { DiffSection } from "@/components/result/diff-section";
import { OwnerSection } from "@/components/result/owner-section";
import { OwnerTokenNotice } from "@/components/result/owner-token-notice";
import { ReviewProvider } from "@/components/result/review-state";
import { ActivitySection, ReviewerBar, SignOffSection } from "@/components/result/review-sections";
import { RevisionChanges } from "@/components/result/revision-changes";
import { UploadRevisionSection } from "@/components/result/upload-revision-section";
import { RevisionDiff } from "@/components/review/revision-diff";
import { GraphSection } from "@/components/result/graph-section";
import { ServicesMatrix } from "@/components/result/services-matrix";
import { getComparisonInputSchema } from "@/lib/comparisons/get-comparison";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { RENDER_TOKEN_HEADER, reportRender } from "@/lib/http/render-report";
import { checkPageCapability, decodePageCapability, PAGE_CAPABILITY_HEADER, readPageKey } from "@/lib/review/page-capability";
import type { ReviewComment } from "@/lib/review/schemas";
import { buildEnvMatrix } from "@/lib/view/build-env-matrix";
import { buildServiceMatrix } from "@/lib/view/build-service-matrix";
import { fileAnchorId } from "@/lib/view/file-anchor";
import { toGraphSource } from "@/lib/view/layout-graph";
import { loadResultPage } from "@/lib/view/load-result-page";
import { parseFindingFilters } from "@/lib/view/filter-findings";
import { SummaryPanel } from "@/components/result/summary-panel";

type SearchParams = Record<string, string | string[] | undefined>;
interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

/** `?revision=N` picks an older revision; anything else is the latest. */
function readInput(id: string, sp: SearchParams) {
  const rev = typeof sp.revision === "string" && /^\d{1,9}$/.test(sp.revision) ? Number(sp.revision) : undefined;
  return getComparisonInputSchema.safeParse({ id, ...(rev ? { revision: rev } : {}) });
}

// one database read (one SQL statement) per request, shared by the metadata and the page
const loadComparison = cache(async (id: string, revision: number | undefined, access: "view" | "review") =>
  loadResultPage({ db: await getDb(), id, access, ...(revision ? { revision } : {}) }),
);

/**
 * The capability of the link the page was opened with, checked on the server
 * (lib/review's authorizeCapability; the client's word is never taken): proxy.ts
 * checked it for this request and passes its verdict in an internal header (which
 * it strips from what clients send); without one the page checks it itself. A
 * valid `?key=` is a review link, anything else the view link. A revoked or
 * expired link is `gone`; an unknown id `missing`.
 */
const readCapability = cache(async (id: string, key: string | null) => {
  const verdict =
    decodePageCapability((await headers()).get(PAGE_CAPABILITY_HEADER), id) ??
    (await checkPageCapability({ prisma: (await getDb()).prisma, comparisonId: id, key }));
  if (verdict.kind !== "ok") return verdict;
  // an owner token pasted into a URL still only reviews here: owner actions take it in the owner panel
  return { kind: "ok" as const, capability: verdict.capability, reviewKey: verdict.capability === "view" ? null : key, keyRejected: key !== null && verdict.capability === "view" };
});

/**
 * Tells our server (server.ts) which state and capability this render shows, so
 * that it may keep the rendered page for identical requests (lib/http/serve-result-page.ts).
 * Called wherever the page reads the state: two reads that saw different states
 * make the render unkept.
 */
async function reportRendered(digest: string, capability: string): Promise<void> {
  reportRender((await headers()).get(RENDER_TOKEN_HEADER), { digest, capability });
}

function readKey(sp: SearchParams): string | null {
  return readPageKey(typeof sp.key === "string" ? [sp.key] : (sp.key ?? []));
}

/** `?compare=N`: the revision to show the changes from. */
function readCompare(sp: SearchParams): number | null {
  return typeof sp.compare === "string" && /^\d{1,9}$/.test(sp.compare) ? Number(sp.compare) : null;
}

export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const sp = await searchParams;
  const input = readInput((await params).id, sp);
  if (!input.success) return { title: "Not found" };
  const capability = await readCapability(input.data.id, readKey(sp));
  if (capability.kind === "missing") return { title: "Not found" };
  if (capability.kind === "gone") return { title: "Gone" };
  const c = await loadComparison(input.data.id, input.data.revision, capability.reviewKey ? "review" : "view");
  if (!c) return { title: "Not found" };
  if (c.status === "gone") return { title: "Gone" };
  await reportRendered(c.stateDigest, capability.capability);
  const envs = c.revision.result.environments.map((e) => e.name).join(" ↔ ");
  return { title: c.title || `Parity ${envs}` };
}

const NAV = [
  ["summary", "Summary"],
  ["review", "Sign-off"],
  ["findings", "Findings"],
  ["activity", "Activity"],
  ["services", "Services"],
  ["env", "Env vars"],
  ["graph", "Graph"],
  ["files", "Files"],
  ["diff", "Diff"],
] as const;

export default async function ComparisonPage({ params, searchParams }: PageProps) {
  const sp = await searchParams;
  const input = readInput((await params).id, sp);
  if (!input.success) notFound();
  const capability = await readCapability(input.data.id, readKey(sp));
  if (capability.kind === "missing") notFound();
  if (capability.kind === "gone") return <GonePage reason={capability.reason} />;
  const comparison = await loadComparison(input.data.id, input.data.revision, capability.reviewKey ? "review" : "view");
  if (!comparison) notFound();
  if (comparison.status === "gone") return <GonePage reason={comparison.reason} />;
  await reportRendered(comparison.stateDigest, capability.capability);
  const { reviewKey } = capability;

  const { revision } = comparison;
  const { result, models, environments } = revision;
  const envNames = result.environments.map((e) => e.name);
  const loadedEnvs = result.environments.filter((e) => e.status === "loaded").map((e) => e.name);
  const statuses = Object.fromEntries(revision.findings.map((f) => [f.fingerprint, f.status]));
  const latest = comparison.revisions.at(-1)?.number ?? revision.number;
  const title = comparison.title || result.environments.map((e) => e.name).join(" ↔ ");

  // review state of the revision shown, its comments, sign-offs and the activity log: read with the rest (loadResultPage)
  const { comments, activity } = comparison;
  const { signOffs } = revision;
  const compare = readCompare(sp);
  // what changed since the previous revision: read with the rest (loadResultPage), so the page's state is the page statement's
  const { sincePrevious } = revision;
  const commentsByFinding: Record<string, ReviewComment[]> = {};
  for (const c of comments) (commentsByFinding[c.fingerprint] ??= []).push(c);
  // activity sentences name findings by rule and service (or key) rather than by fingerprint
  const labels = Object.fromEntries(result.findings.map((f) => [f.id, `${f.rule} (${[f.service, f.key].filter(Boolean).join(" · ") || f.id.slice(0, 8)})`]));
  const showDiff = compare !== null && compare !== revision.number && comparison.revisions.some((r) => r.number === compare);

  return (
    <ReviewProvider comparisonId={comparison.id} reviewKey={reviewKey} initialReviews={revision.findings}>
    <div className="space-y-8">
      <header className="space-y-3">
        <OwnerTokenNotice id={comparison.id} />
        {capability.keyRejected && (
          <p role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
            The key in this link is not this comparison&apos;s review key: the page is read-only.
          </p>
        )}
        <ReviewerBar />
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="break-words text-2xl font-bold tracking-tight">{title}</h1>
            <p className="mt-1 text-sm" data-testid="release-state">
              {signOffs[0] ? (
                <a href="#review" className="rounded bg-emerald-100 px-1.5 py-0.5 font-medium text-emerald-900 hover:underline dark:bg-emerald-950 dark:text-emerald-200">
                  ✓ Revision {revision.number} approved for release by {[...new Set(signOffs.map((s) => s.name))].join(", ")}
                </a>
              ) : (
                <a href="#review" className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700 hover:underline dark:bg-slate-800 dark:text-slate-300">
                  Revision {revision.number} not approved for release yet
                </a>
              )}
            </p>
            <p className="text-sm text-slate-500">
              Revision {revision.number} of {comparison.revisions.length}
              {revision.number !== latest && <span className="text-amber-700 dark:text-amber-400"> (not the latest)</span>} · analysed{" "}
              <time dateTime={revision.createdAt.toISOString()}>{revision.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
              {comparison.expiresAt && (
                <>
                  {" "}
                  · expires <time dateTime={comparison.expiresAt.toISOString()}>{comparison.expiresAt.toISOString().slice(0, 10)}</time>
                </>
              )}
            </p>
          </div>
          <div className="flex flex-col items-end gap-2">
            <ExportLinks id={comparison.id} {...(revision.number !== latest ? { revision: revision.number } : {})} />
          </div>
        </div>
        <RevisionChanges
          comparisonId={comparison.id}
          revisions={comparison.revisions}
          current={revision.number}
          reviewKey={reviewKey}
          compareWith={showDiff ? compare : null}
          sincePrevious={sincePrevious ? { added: sincePrevious.added.length, removed: sincePrevious.removed } : null}
        />
        {showDiff && compare !== null && <RevisionDiff comparisonId={comparison.id} from={compare} to={revision.number} secret={reviewKey} />}
      </header>
      <nav aria-label="Sections" className="sticky top-0 z-10 -mx-4 overflow-x-auto border-b border-slate-200 bg-white/90 px-4 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
        <ul className="flex gap-4 whitespace-nowrap py-2 text-sm">
          {NAV.map(([href, label]) => (
            <li key={href}>
              <a href={`#${href}`} className="text-slate-600 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-400 dark:hover:text-white">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <SummaryPanel result={result} environments={environments} />
      <section id="review" aria-label="Review" className="scroll-mt-16">
        <SignOffSection revision={revision.number} latestRevision={latest} findings={result.findings.map((f) => ({ id: f.id, severity: f.severity }))} signOffs={signOffs} />
      </section>
      <LoaderIssues issues={result.issues} />
      <FindingsPanel
        findings={result.findings} envs={envNames} statuses={statuses} initialFilters={parseFindingFilters({ params: sp })}
        fileAnchors={environments.flatMap((e) => e.files.map((f) => fileAnchorId({ env: e.name, file: f.path })))}
        comments={commentsByFinding}
        newIds={sincePrevious?.added.map((f) => f.fingerprint) ?? []}
      />
      <section id="activity" aria-label="Activity" className="scroll-mt-16 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <ActivitySection entries={activity} labels={labels} />
      </section>
      {reviewKey && (
        <UploadRevisionSection
          comparisonId={comparison.id}
          reviewKey={reviewKey}
          environments={environments.map((e) => ({ name: e.name, role: e.role }))}
          latestRevision={latest}
          maxUploadBytes={getConfig().MAX_UPLOAD_BYTES}
        />
      )}
      <ServicesMatrix matrix={buildServiceMatrix({ result, models })} />
      <EnvMatrix matrices={buildEnvMatrix({ result, models })} />
      {/* heavy sections: their code and data load in the browser when the reader gets there */}
      {loadedEnvs.length > 0 && <GraphSection source={toGraphSource(result)} />}
      <FilesPanel
        comparisonId={comparison.id}
        revision={revision.number}
        reviewKey={reviewKey}
        environments={environments.map((e) => ({ name: e.name, role: e.role, files: e.files.map((f) => ({ name: f.name, path: f.path, kind: f.kind, lines: f.lines })) }))}
      />
      {loadedEnvs.length > 1 && <DiffSection comparisonId={comparison.id} revision={revision.number} reviewKey={reviewKey} envs={loadedEnvs} />}
      <OwnerSection id={comparison.id} />
    </div>
    </ReviewProvider>
  );
}
