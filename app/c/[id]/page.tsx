// GET /c/[id] – the result page of a stored comparison
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EnvMatrix } from "@/components/result/env-matrix";
import { ExportLinks } from "@/components/result/export-links";
import { FilesPanel } from "@/components/result/files-panel";
import { FindingsPanel } from "@/components/result/findings-panel";
import { GonePage } from "@/components/result/gone-page";
import { LoaderIssues } from "@/components/result/loader-issues";
import { RevisionNav } from "@/components/result/revision-nav";
import { ModelDiff } from "@/components/result/model-diff";
import { OwnerTokenNotice } from "@/components/result/owner-token-notice";
import { ServiceGraph } from "@/components/result/service-graph";
import { ServicesMatrix } from "@/components/result/services-matrix";
import { getComparison, getComparisonInputSchema } from "@/lib/comparisons/get-comparison";
import { getDb } from "@/lib/db/client";
import { buildEnvMatrix } from "@/lib/view/build-env-matrix";
import { buildServiceMatrix } from "@/lib/view/build-service-matrix";
import { fileAnchorId } from "@/lib/view/file-anchor";
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

// one database read per request, shared by the metadata and the page
const loadComparison = cache(async (id: string, revision: number | undefined) => getComparison({ db: await getDb(), id, ...(revision ? { revision } : {}) }));

export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const input = readInput((await params).id, await searchParams);
  if (!input.success) return { title: "Not found" };
  const c = await loadComparison(input.data.id, input.data.revision);
  if (!c) return { title: "Not found" };
  if (c.status === "gone") return { title: "Gone" };
  const envs = c.revision.result.environments.map((e) => e.name).join(" ↔ ");
  return { title: c.title || `Parity ${envs}` };
}

const NAV = [
  ["summary", "Summary"],
  ["findings", "Findings"],
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
  const comparison = await loadComparison(input.data.id, input.data.revision);
  if (!comparison) notFound();
  if (comparison.status === "gone") return <GonePage reason={comparison.reason} />;

  const { revision } = comparison;
  const { result, models, environments } = revision;
  const envNames = result.environments.map((e) => e.name);
  const loadedEnvs = result.environments.filter((e) => e.status === "loaded").map((e) => e.name);
  const statuses = Object.fromEntries(revision.findings.map((f) => [f.fingerprint, f.status]));
  const latest = comparison.revisions.at(-1)?.number ?? revision.number;
  const title = comparison.title || result.environments.map((e) => e.name).join(" ↔ ");

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <OwnerTokenNotice id={comparison.id} />
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="break-words text-2xl font-bold tracking-tight">{title}</h1>
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
            <RevisionNav id={comparison.id} revisions={comparison.revisions} current={revision.number} />
          </div>
        </div>
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
      <LoaderIssues issues={result.issues} />
      <FindingsPanel
        findings={result.findings} envs={envNames} statuses={statuses} initialFilters={parseFindingFilters({ params: sp })}
        fileAnchors={environments.flatMap((e) => e.files.map((f) => fileAnchorId({ env: e.name, file: f.path })))}
      />
      <ServicesMatrix matrix={buildServiceMatrix({ result, models })} />
      <EnvMatrix matrices={buildEnvMatrix({ result, models })} />
      {loadedEnvs.length > 0 && <ServiceGraph result={result} />}
      <FilesPanel environments={environments} />
      {loadedEnvs.length > 1 && <ModelDiff envs={loadedEnvs} models={models} />}
    </div>
  );
}
