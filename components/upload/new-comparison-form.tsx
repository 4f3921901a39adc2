"use client";
/**
 * The new-comparison form: environments with their files in load order, a drop zone
 * for a whole set (with a suggested assignment to review), an example, and submission
 * to `POST /api/comparisons`, then on to the result page.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { DJANGO_EXAMPLE } from "@/lib/examples/django";
import { formatBytes } from "@/lib/upload/check-file-content";
import { MAX_ENVIRONMENTS, ownerTokenKey, readCreateResponse } from "@/lib/upload/comparison-request";
import { type FormProblem, formReducer, initialFormState, toRequestBody, validateForm } from "@/lib/upload/form-state";
import { AssignmentReview } from "./assignment-review";
import { EnvironmentCard } from "./environment-card";
import { readFiles } from "./read-files";
import { useFileDrop } from "./use-file-drop";
import { FormProblems } from "./form-problems";

type Phase = { kind: "idle" } | { kind: "sending"; started: number } | { kind: "redirecting"; id: string };

export function NewComparisonForm({ maxUploadBytes }: { maxUploadBytes: number }) {
  const router = useRouter();
  const [state, dispatch] = useReducer(formReducer, undefined, initialFormState);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [problems, setProblems] = useState<FormProblem[] | null>(null);
  const [message, setMessage] = useState("");
  const pickerRef = useRef<HTMLInputElement>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const busy = phase.kind !== "idle";

  // a file dropped beside a drop zone must not make the browser navigate away from the form
  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (e.dataTransfer && Array.from(e.dataTransfer.types).includes("Files")) e.preventDefault();
    };
    window.addEventListener("dragover", stop);
    window.addEventListener("drop", stop);
    return () => {
      window.removeEventListener("dragover", stop);
      window.removeEventListener("drop", stop);
    };
  }, []);

  // problems shown after a first attempt follow the edits
  const shownProblems = problems === null ? [] : validateForm({ state, maxBytes: maxUploadBytes });

  const proposeSet = useCallback(
    async (files: File[]) => {
      const read = await readFiles({ files, maxBytes: maxUploadBytes });
      dispatch({ type: "propose", files: read });
    },
    [maxUploadBytes],
  );
  const global = useFileDrop((files) => void proposeSet(files));

  const addTo = async (envId: string, envName: string, files: File[]) => {
    const read = await readFiles({ files, maxBytes: maxUploadBytes });
    dispatch({ type: "addFiles", envId, files: read });
    const bad = read.filter((f) => f.error).length;
    setMessage(`Added ${read.length - bad} ${read.length - bad === 1 ? "file" : "files"} to ${envName || "the environment"}${bad ? `; ${bad} could not be read` : ""}.`);
  };

  const submit = async (current = state) => {
    if (busy) return;
    const found = validateForm({ state: current, maxBytes: maxUploadBytes });
    setProblems(found);
    if (found.length > 0) {
      setMessage(`${found.length === 1 ? "One thing needs" : `${found.length} things need`} fixing before comparing.`);
      requestAnimationFrame(() => problemsRef.current?.focus());
      return;
    }
    setPhase({ kind: "sending", started: Date.now() });
    setMessage(`Loading and comparing ${current.environments.length} environments…`);
    try {
      const res = await fetch("/api/comparisons", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(toRequestBody(current)),
      });
      const body: unknown = await res.json().catch(() => null);
      const answer = readCreateResponse({ status: res.status, body });
      if (!answer.ok) {
        dispatch({ type: "serverError", error: answer.error });
        setPhase({ kind: "idle" });
        setMessage(
          answer.error.file
            ? `The comparison could not be made: ${answer.error.file} has a problem, shown next to it.`
            : `The comparison could not be made: ${answer.error.message}`,
        );
        return;
      }
      const { id, ownerToken } = answer.created;
      // the result page shows the owner token once, then removes it; nothing secret goes in the URL
      if (ownerToken) {
        try {
          window.sessionStorage.setItem(ownerTokenKey(id), ownerToken);
        } catch {
          /* storage disabled: the token cannot be shown later */
        }
      }
      setPhase({ kind: "redirecting", id });
      setMessage("Comparison ready. Opening the result…");
      router.push(`/c/${encodeURIComponent(id)}`);
    } catch {
      setPhase({ kind: "idle" });
      dispatch({ type: "formError", message: "The server could not be reached. Check your connection and try again." });
      setMessage("The server could not be reached.");
    }
  };

  const loadExample = (andCompare: boolean) => {
    const hasFiles = state.environments.some((e) => e.files.length > 0);
    if (hasFiles && !window.confirm("Replace the environments and files in the form with the example?")) return;
    const action = { type: "loadEnvironments", title: DJANGO_EXAMPLE.title, environments: DJANGO_EXAMPLE.environments } as const;
    dispatch(action);
    setProblems(null);
    setMessage("Loaded the Django example: sqlite and runserver in development, PostgreSQL 16 and gunicorn in production.");
    if (andCompare) void submit(formReducer(state, action));
  };

  const generalProblems = shownProblems.filter((p) => !p.envId);
  const fileCount = state.environments.reduce((n, e) => n + e.files.length, 0);

  return (
    <div {...global.dropProps} className="space-y-4">
      {/* whole set */}
      <div
        data-testid="global-dropzone"
        className={`flex flex-col gap-3 rounded-lg border-2 border-dashed p-4 sm:flex-row sm:items-center sm:justify-between ${
          global.over ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40" : "border-slate-300 dark:border-slate-700"
        }`}
      >
        <div className="min-w-0">
          <p className="font-medium">Drop all your compose, env and Procfile files here</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Each file is placed by its name (<code className="font-mono text-xs">docker-compose.yml</code> everywhere,{" "}
            <code className="font-mono text-xs">*.prod.*</code> in production, <code className="font-mono text-xs">*.override.*</code> in development…) — you review it before
            it is applied. Up to {formatBytes(maxUploadBytes)} in total.
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <button
            type="button"
            onClick={() => pickerRef.current?.click()}
            className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
          >
            Choose files…
          </button>
          <input
            ref={pickerRef}
            type="file"
            multiple
            className="sr-only"
            tabIndex={-1}
            aria-label="Choose files for all environments"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = "";
              if (files.length) void proposeSet(files);
            }}
          />
          <button
            type="button"
            disabled={busy}
            onClick={() => loadExample(true)}
            className="h-9 rounded-md bg-emerald-600 px-3 text-sm font-medium text-white hover:bg-emerald-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-500 disabled:opacity-50"
          >
            Try an example
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => loadExample(false)}
            className="h-9 rounded-md px-2 text-sm text-slate-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50 dark:text-slate-400"
          >
            Load it into the form
          </button>
        </div>
      </div>

      {state.proposal && <AssignmentReview proposal={state.proposal} environments={state.environments} dispatch={dispatch} announce={setMessage} />}

      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
          Environments <span className="font-normal normal-case tracking-normal">({state.environments.length})</span>
        </h2>
        <button
          type="button"
          disabled={state.environments.length >= MAX_ENVIRONMENTS}
          onClick={() => {
            dispatch({ type: "addEnvironment" });
            setMessage("Added an environment.");
          }}
          className="h-8 rounded-md border border-slate-300 px-2.5 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-900"
        >
          + Add environment
        </button>
      </div>

      <div className="grid gap-3 md:grid-cols-2">
        {state.environments.map((env) => (
          <EnvironmentCard
            key={env.id}
            env={env}
            problems={shownProblems.filter((p) => p.envId === env.id).map((p) => p.message)}
            canRemove={state.environments.length > 1}
            maxBytes={maxUploadBytes}
            dispatch={dispatch}
            onFiles={(files) => void addTo(env.id, env.name, files)}
            announce={setMessage}
          />
        ))}
      </div>

      <form
        className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3 sm:flex-row sm:items-end dark:border-slate-800"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="min-w-0 flex-1">
          <label htmlFor="comparison-title" className="block text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Title <span className="normal-case tracking-normal">(optional)</span>
          </label>
          <input
            id="comparison-title"
            value={state.title}
            onChange={(e) => dispatch({ type: "setTitle", title: e.target.value })}
            maxLength={200}
            placeholder="e.g. Release 4.2: staging vs production"
            className="mt-0.5 h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-slate-700 dark:bg-slate-950"
          />
        </div>
        <button
          type="submit"
          disabled={busy}
          aria-describedby="submit-status"
          className="inline-flex h-9 items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-wait disabled:opacity-60"
        >
          {busy && <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-white/40 border-t-white" aria-hidden />}
          {phase.kind === "sending" ? "Comparing…" : phase.kind === "redirecting" ? "Opening…" : `Compare ${state.environments.length} environments`}
        </button>
      </form>

      <FormProblems ref={problemsRef} formError={state.formError} problems={generalProblems} testId="form-error" />
      {shownProblems.length > 0 && generalProblems.length === 0 && !state.formError && (
        <div ref={problemsRef} tabIndex={-1} className="text-sm text-red-700 focus:outline-none dark:text-red-300">
          Fix the environments marked in red, then compare again.
        </div>
      )}

      <p id="submit-status" role="status" aria-live="polite" className="min-h-5 text-sm text-slate-600 dark:text-slate-400" data-testid="status">
        {message || (fileCount === 0 ? "Add files to each environment, or try the example." : `${fileCount} files in ${state.environments.length} environments.`)}
      </p>
    </div>
  );
}
