"use client";
/**
 * "Upload new revision" (review link): new files for each environment of the
 * comparison — same names and roles, files in load order, added by drop, picker or
 * paste with the new-comparison page's own cards, checks and reducer. The analysis
 * keeps statuses and comments of findings that persist; the page then opens the
 * new revision with what changed since the previous one.
 */
import { useReducer, useState, type FormEvent } from "react";
import { z } from "zod";
import { EnvironmentCard } from "@/components/upload/environment-card";
import { readFiles } from "@/components/upload/read-files";
import { useReviewerName } from "@/components/review/reviewer-name";
import type { Role } from "@/lib/parity/roles";
import { revisionHref } from "@/lib/review/revision-href";
import { apiErrorSchema } from "@/lib/upload/comparison-request";
import { formReducer, initialFormState, toRequestBody, validateForm, type FormAction, type FormProblem, type FormState } from "@/lib/upload/form-state";
import { FormProblems } from "@/components/upload/form-problems";

export interface UploadRevisionFormProps {
  comparisonId: string;
  reviewKey: string;
  /** the comparison's environments, in order */
  environments: readonly { name: string; role: Role }[];
  /** the revision number the upload will follow */
  latestRevision: number;
  maxUploadBytes: number;
}

const addedSchema = z.object({ revision: z.number().int(), score: z.number(), added: z.array(z.string()), kept: z.array(z.string()), resolved: z.array(z.string()), reopened: z.array(z.string()) });

function startState(environments: UploadRevisionFormProps["environments"]): FormState {
  return formReducer(initialFormState(), { type: "loadEnvironments", environments: environments.map((e) => ({ name: e.name, role: e.role, files: [] })) });
}

export function UploadRevisionForm({ comparisonId, reviewKey, environments, latestRevision, maxUploadBytes }: UploadRevisionFormProps) {
  const name = useReviewerName();
  const [state, rawDispatch] = useReducer(formReducer, environments, startState);
  const [problems, setProblems] = useState<FormProblem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  // a revision keeps the comparison's environments: names are fixed, none is added or removed
  const dispatch = (action: FormAction) => {
    if (action.type === "renameEnvironment" || action.type === "removeEnvironment" || action.type === "addEnvironment") return;
    rawDispatch(action);
  };
  const shownProblems = problems === null ? [] : validateForm({ state, maxBytes: maxUploadBytes });

  const addTo = async (envId: string, envName: string, files: File[]) => {
    const read = await readFiles({ files, maxBytes: maxUploadBytes });
    rawDispatch({ type: "addFiles", envId, files: read });
    const bad = read.filter((f) => f.error).length;
    setMessage(`Added ${read.length - bad} ${read.length - bad === 1 ? "file" : "files"} to ${envName}${bad ? `; ${bad} could not be read` : ""}.`);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!name) {
      rawDispatch({ type: "formError", message: "Give your name first (above), so the team sees who uploaded this revision." });
      return;
    }
    const found = validateForm({ state, maxBytes: maxUploadBytes });
    setProblems(found);
    if (found.length > 0) {
      setMessage(`${found.length === 1 ? "One thing needs" : `${found.length} things need`} fixing before uploading.`);
      return;
    }
    setBusy(true);
    rawDispatch({ type: "formError", message: null });
    setMessage(`Loading and comparing ${state.environments.length} environments…`);
    let res: Response;
    try {
      res = await fetch(`/api/comparisons/${encodeURIComponent(comparisonId)}/revisions`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${reviewKey}` },
        body: JSON.stringify({ by: name, environments: toRequestBody(state).environments }),
        cache: "no-store",
      });
    } catch {
      setBusy(false);
      rawDispatch({ type: "formError", message: "The server could not be reached. Check your connection and try again." });
      setMessage("");
      return;
    }
    const body: unknown = await res.json().catch(() => null);
    const added = res.status === 201 ? addedSchema.safeParse(body) : null;
    if (added?.success) {
      const { revision, added: fresh, resolved } = added.data;
      setMessage(`Revision ${revision} is ready: ${fresh.length} new, ${resolved.length} resolved. Opening it…`);
      window.location.assign(revisionHref({ comparisonId, revision, reviewKey, compareWith: revision - 1 }));
      return;
    }
    setBusy(false);
    const error = apiErrorSchema.safeParse(body);
    if (error.success) {
      rawDispatch({ type: "serverError", error: error.data.error });
      setMessage(error.data.error.file ? `The revision could not be made: ${error.data.error.file} has a problem, shown next to it.` : "");
    } else {
      rawDispatch({ type: "formError", message: `The revision could not be made (HTTP ${res.status}). Try again in a moment.` });
      setMessage("");
    }
  };

  const general = shownProblems.filter((p) => !p.envId);
  return (
    <section aria-labelledby="upload-revision-title" className="space-y-3 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800" data-testid="upload-revision">
      <div>
        <h2 id="upload-revision-title" className="text-base font-semibold">
          Upload new revision <span className="font-normal text-slate-500">(revision {latestRevision + 1})</span>
        </h2>
        <p className="text-slate-600 dark:text-slate-400">
          New files for the same environments, in load order. Findings that persist keep their status and comments; findings that disappear are marked resolved; new ones are
          highlighted.
        </p>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {state.environments.map((env) => (
          <EnvironmentCard
            key={env.id}
            env={env}
            problems={shownProblems.filter((p) => p.envId === env.id).map((p) => p.message)}
            canRemove={false}
            maxBytes={maxUploadBytes}
            dispatch={dispatch}
            onFiles={(files) => void addTo(env.id, env.name, files)}
            announce={setMessage}
          />
        ))}
      </div>
      <form onSubmit={submit} className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={busy}
          className="inline-flex h-9 items-center gap-2 rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-wait disabled:opacity-60"
        >
          {busy && <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-white/40 border-t-white" aria-hidden />}
          {busy ? "Analysing…" : "Upload revision"}
        </button>
        <p role="status" aria-live="polite" className="min-h-5 text-slate-600 dark:text-slate-400" data-testid="upload-revision-status">
          {message}
        </p>
      </form>
      <FormProblems formError={state.formError} problems={general} testId="upload-revision-error" />
    </section>
  );
}
