"use client";
/**
 * "Approve for release" of the revision shown: whether it is approved and by
 * whom, a warning while high/critical findings are still open, and (review link)
 * a form with the reviewer's name and a note.
 */
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { countOpenBlockers } from "@/lib/review/count-open-blockers";
import { MAX_NOTE_LENGTH, signOffSchema, type SignOff } from "@/lib/review/schemas";
import { reviewRequest } from "./review-api";
import { AlertLine } from "./alert-line";
import { useNamedSubmit } from "./use-named-submit";

export interface SignOffPanelProps {
  comparisonId: string;
  /** the revision shown */
  revision: number;
  /** the latest revision (an older one can still be approved, but the page says it is not the current one) */
  latestRevision: number;
  /** findings of the revision shown, with their current review status */
  findings: readonly { severity: string; status: string }[];
  /** sign-offs of the revision shown */
  signOffs: SignOff[];
  reviewKey?: string | null;
  onSignedOff?: (signOff: SignOff) => void;
}

const answerSchema = z.object({ signOff: signOffSchema, openBlockers: z.object({ high: z.number(), critical: z.number(), total: z.number() }) });

export function SignOffPanel({ comparisonId, revision, latestRevision, findings, signOffs: initial, reviewKey, onSignedOff }: SignOffPanelProps) {
  const { busy, run } = useNamedSubmit();
  const [signOffs, setSignOffs] = useState(initial);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const blockers = countOpenBlockers({ findings });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reviewKey) return;
    await run({
      noName: () => setError("Give your name first (above): a sign-off records who approved."),
      start: () => setError(null),
      send: (name) => reviewRequest({ comparisonId, path: "/sign-offs", method: "POST", secret: reviewKey, body: { name, note, revision }, schema: answerSchema }),
      done: (r) => {
        if (r.ok) {
          setSignOffs((s) => [r.data.signOff, ...s]);
          setNote("");
          onSignedOff?.(r.data.signOff);
        } else setError(r.error.message);
      },
    });
  };

  const approved = signOffs.length > 0;
  return (
    <section aria-labelledby="sign-off-title" className="space-y-3 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800" data-testid="sign-off-panel">
      <h2 id="sign-off-title" className="text-base font-semibold">
        Release sign-off · revision {revision}
        {revision !== latestRevision && <span className="ml-2 text-xs font-normal text-slate-500">(not the latest: revision {latestRevision} is)</span>}
      </h2>
      {approved ? (
        <ul className="space-y-1" aria-label="Approvals">
          {signOffs.map((s) => (
            <li key={s.id} className="text-emerald-800 dark:text-emerald-300">
              ✓ Approved by <strong>{s.name}</strong> on <time dateTime={s.createdAt}>{s.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
              {s.note && <span className="text-slate-600 dark:text-slate-400"> — {s.note}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-600 dark:text-slate-400">Not approved yet.</p>
      )}
      {blockers.total > 0 && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          ⚠ {blockers.total} open {blockers.total === 1 ? "finding" : "findings"} of high or critical severity
          {blockers.critical ? ` (${blockers.critical} critical)` : ""}. Set a status on {blockers.total === 1 ? "it" : "them"} or fix {blockers.total === 1 ? "it" : "them"} before approving.
        </p>
      )}
      {reviewKey && (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Approve for release">
          <label className="flex min-w-64 flex-1 flex-col gap-1">
            <span className="font-medium">Note (optional)</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={MAX_NOTE_LENGTH} className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
          </label>
          <button
            type="submit"
            disabled={busy}
            className="rounded bg-emerald-600 px-3 py-1.5 font-medium text-white hover:bg-emerald-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-500 disabled:opacity-50"
          >
            {busy ? "Approving…" : blockers.total ? "Approve anyway" : "Approve for release"}
          </button>
        </form>
      )}
      <AlertLine text={error} />
    </section>
  );
}
