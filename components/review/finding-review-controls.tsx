"use client";
/**
 * Status select + reason for one finding (review link). Saves with the version it
 * last saw; when someone else changed the finding first (409) it shows their state
 * and adopts it, so the reviewer decides again with the newer version.
 */
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { describeConflict } from "@/lib/review/describe-conflict";
import { FINDING_STATUSES, findingReviewSchema, STATUS_LABELS, type FindingReview, type FindingStatus } from "@/lib/review/schemas";
import { reviewRequest } from "./review-api";
import { useNamedSubmit } from "./use-named-submit";

export interface FindingReviewControlsProps {
  comparisonId: string;
  reviewKey: string;
  finding: Pick<FindingReview, "fingerprint" | "status" | "statusReason" | "version"> & Partial<Pick<FindingReview, "statusBy" | "statusAt">>;
  onSaved?: (finding: FindingReview) => void;
}

const answerSchema = z.object({ finding: findingReviewSchema });

export function FindingReviewControls({ comparisonId, reviewKey, finding, onSaved }: FindingReviewControlsProps) {
  const { busy, run } = useNamedSubmit();
  const [saved, setSaved] = useState(finding);
  const [status, setStatus] = useState<FindingStatus>(finding.status);
  const [reason, setReason] = useState(finding.statusReason ?? "");
  const [message, setMessage] = useState<{ kind: "error" | "conflict" | "ok"; text: string } | null>(null);
  const dirty = status !== saved.status || reason.trim() !== (saved.statusReason ?? "");
  const id = `review-${finding.fingerprint}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run({
      noName: () => setMessage({ kind: "error", text: "Give your name first (above), so the team sees who changed what." }),
      start: () => setMessage(null),
      send: (by) =>
        reviewRequest({
          comparisonId,
          path: `/findings/${finding.fingerprint}`,
          method: "PATCH",
          secret: reviewKey,
          body: { status, reason: reason.trim() || null, by, expectedVersion: saved.version },
          schema: answerSchema,
        }),
      done: (r) => {
        if (r.ok) {
          setSaved(r.data.finding);
          setMessage({ kind: "ok", text: "Saved." });
          onSaved?.(r.data.finding);
        } else if (r.error.code === "CONFLICT" && r.error.current) {
          const current = r.error.current;
          setSaved(current);
          setStatus(current.status);
          setReason(current.statusReason ?? "");
          setMessage({ kind: "conflict", text: describeConflict({ current }) });
          onSaved?.(current);
        } else {
          setMessage({ kind: "error", text: r.error.message });
        }
      },
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2 text-sm" aria-label="Review status" data-testid="finding-review-controls">
      <label className="flex flex-col gap-1">
        <span className="font-medium">Status</span>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as FindingStatus)}
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        >
          {FINDING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-48 flex-1 flex-col gap-1">
        <span className="font-medium">Reason (optional)</span>
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <button
        type="submit"
        disabled={busy || !dirty}
        className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {busy ? "Saving…" : "Save"}
      </button>
      {saved.statusBy && (
        <p className="w-full text-xs text-slate-500 dark:text-slate-400">
          {STATUS_LABELS[saved.status]} · set by {saved.statusBy}
          {saved.statusAt ? ` on ${saved.statusAt.slice(0, 16).replace("T", " ")} UTC` : ""}
        </p>
      )}
      <p
        role={message?.kind === "ok" ? "status" : "alert"}
        className={
          message?.kind === "conflict"
            ? "w-full rounded border border-amber-300 bg-amber-50 p-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
            : message?.kind === "error"
              ? "w-full text-red-700 dark:text-red-400"
              : "w-full text-emerald-700 dark:text-emerald-400"
        }
      >
        {message?.text}
      </p>
    </form>
  );
}
