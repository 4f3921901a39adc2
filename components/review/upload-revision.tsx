"use client";
/**
 * "Upload new revision" (review link): new files for each environment of the
 * comparison (same names). Statuses and comments carry over by finding; the answer
 * says how many findings are new and how many were resolved, with a link to the diff.
 */
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { revisionHref } from "@/lib/review/revision-href";
import { reviewRequest } from "./review-api";
import { useNamedSubmit } from "./use-named-submit";

export interface UploadRevisionProps {
  comparisonId: string;
  reviewKey: string;
  /** environment names of the comparison, in order */
  environments: readonly string[];
  /** called with the new revision number (default: open its diff against the previous one) */
  onUploaded?: (revision: number) => void;
}

const answerSchema = z.object({ revision: z.number(), score: z.number(), added: z.array(z.string()), kept: z.array(z.string()), resolved: z.array(z.string()), reopened: z.array(z.string()) });

export function UploadRevision({ comparisonId, reviewKey, environments, onUploaded }: UploadRevisionProps) {
  const { busy, run } = useNamedSubmit();
  const [files, setFiles] = useState<Record<string, File[]>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string; href?: string } | null>(null);
  const ready = environments.every((e) => (files[e]?.length ?? 0) > 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run({
      noName: () => setMessage({ kind: "error", text: "Give your name first (above), so the team sees who uploaded." }),
      start: () => setMessage(null),
      send: async (by) => {
        const body = {
          by,
          environments: await Promise.all(environments.map(async (env) => ({ name: env, files: await Promise.all((files[env] ?? []).map(async (f) => ({ name: f.name, content: await f.text() }))) }))),
        };
        return reviewRequest({ comparisonId, path: "/revisions", method: "POST", secret: reviewKey, body, schema: answerSchema });
      },
      done: (r) => {
        if (!r.ok) {
          setMessage({ kind: "error", text: r.error.message });
          return;
        }
        const { revision, added, resolved } = r.data;
        const href = revisionHref({ comparisonId, revision, reviewKey, compareWith: revision - 1 });
        setMessage({ kind: "ok", text: `Revision ${revision} uploaded: ${added.length} new, ${resolved.length} resolved.`, href });
        if (onUploaded) onUploaded(revision);
      },
    });
  };

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800" aria-labelledby="upload-revision-title" data-testid="upload-revision">
      <h2 id="upload-revision-title" className="text-base font-semibold">Upload new revision</h2>
      <p className="text-slate-600 dark:text-slate-400">New files for the same environments. Statuses and comments follow each finding; findings that disappear are marked resolved.</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {environments.map((env) => (
          <label key={env} className="flex flex-col gap-1">
            <span className="font-medium">{env}</span>
            <input
              type="file"
              multiple
              onChange={(e) => {
                const list = Array.from(e.target.files ?? []);
                setFiles((f) => ({ ...f, [env]: list }));
              }}
              className="text-sm file:mr-2 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1 dark:file:bg-slate-800"
            />
          </label>
        ))}
      </div>
      <button
        type="submit"
        disabled={busy || !ready}
        className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {busy ? "Analysing…" : "Upload revision"}
      </button>
      {message && (
        <p role={message.kind === "ok" ? "status" : "alert"} className={message.kind === "ok" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
          {message.text}{" "}
          {message.href && (
            <a href={message.href} className="underline">
              See what changed
            </a>
          )}
        </p>
      )}
    </form>
  );
}
