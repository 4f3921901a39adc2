/** Summary: parity score, counts by severity and factor, the environments and their files. */
import type { ParityResult } from "@/lib/parity/result-schema";
import { FACTORS, FACTOR_IDS } from "@/lib/parity/roles";
import { SeverityBadge } from "./severity-badge";
import { CARD, ROLE_BADGE, SEVERITY_ORDER, scoreClass, scoreWord } from "./styles";

/** the stored environments: each file's name, path and size */
type SummaryEnvironment = { name: string; files: { name: string; path: string; size: number }[] };

export function SummaryPanel({ result, environments }: { result: ParityResult; environments: SummaryEnvironment[] }) {
  const { summary } = result;
  const factors = FACTOR_IDS.filter((f) => (summary.byFactor[f] ?? 0) > 0);
  return (
    <section aria-labelledby="summary-heading" id="summary" className="scroll-mt-16 space-y-4">
      <h2 id="summary-heading" className="sr-only">Summary</h2>
      <div className="grid gap-4 md:grid-cols-[auto_1fr_1fr]">
        <div className={`flex flex-col items-center justify-center rounded-lg px-6 py-4 ring-1 ring-inset ${scoreClass(summary.score)}`} data-testid="parity-score">
          <span className="text-xs font-semibold uppercase tracking-wide">Parity score</span>
          <span className="text-5xl font-bold tabular-nums" aria-label={`Parity score ${summary.score} out of 100 (${scoreWord(summary.score)})`}>
            {summary.score}
          </span>
          <span className="text-xs">of 100 · {scoreWord(summary.score)}</span>
        </div>
        <div className={`${CARD} p-4`}>
          <h3 className="mb-2 text-sm font-semibold text-slate-600 dark:text-slate-300">
            {summary.total} finding{summary.total === 1 ? "" : "s"} by severity
          </h3>
          <ul className="flex flex-wrap gap-2" aria-label="Findings by severity">
            {SEVERITY_ORDER.map((s) => (
              <li key={s} className="flex items-center gap-1.5 text-sm">
                <SeverityBadge severity={s} />
                <span className="font-semibold tabular-nums">{summary.bySeverity[s] ?? 0}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className={`${CARD} p-4`}>
          <h3 className="mb-2 text-sm font-semibold text-slate-600 dark:text-slate-300">By Twelve-Factor factor</h3>
          {factors.length ? (
            <ul className="grid grid-cols-1 gap-x-4 gap-y-0.5 text-sm sm:grid-cols-2" aria-label="Findings by factor">
              {factors.map((f) => (
                <li key={f} className="flex items-baseline justify-between gap-2">
                  <span>
                    <span className="mr-1.5 inline-block w-8 font-mono text-xs text-indigo-700 dark:text-indigo-300">{f}</span>
                    {FACTORS[f]}
                  </span>
                  <span className="font-semibold tabular-nums">{summary.byFactor[f]}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No findings.</p>
          )}
        </div>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Environments">
        {result.environments.map((env) => {
          const files = environments.find((e) => e.name === env.name)?.files;
          return (
            <li key={env.name} className={`${CARD} p-3`} data-testid={`env-${env.name}`}>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{env.name}</span>
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${ROLE_BADGE[env.role] ?? ROLE_BADGE.other}`}>{env.role}</span>
                {env.status === "failed" && (
                  <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-200">did not load</span>
                )}
                {env.activeProfiles.length > 0 && <span className="text-xs text-slate-500">profiles: {env.activeProfiles.join(", ")}</span>}
              </div>
              <ol className="mt-2 space-y-0.5 text-sm">
                {env.files.map((f, i) => {
                  const stored = files?.find((x) => x.path === f.as || x.name === f.name);
                  return (
                    <li key={`${f.name}-${i}`} className="flex items-baseline gap-2">
                      <span className="w-4 text-right text-xs tabular-nums text-slate-400">{i + 1}</span>
                      <span className="break-all font-mono text-xs">
                        {f.name}
                        {f.as !== f.name && <span className="text-slate-500"> as {f.as}</span>}
                      </span>
                      <span className="ml-auto shrink-0 text-xs text-slate-500">
                        {f.kind}
                        {stored ? ` · ${formatBytes(stored.size)}` : ""}
                      </span>
                    </li>
                  );
                })}
              </ol>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
}
