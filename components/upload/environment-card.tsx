"use client";
/** One environment: name, role, its files in load order, and three ways to add files (drop, pick, paste). */
import { useId, useRef, useState } from "react";
import type { FormAction, FormEnvironment, IncomingFile } from "@/lib/upload/form-state";
import { ROLES, type Role } from "@/lib/parity/roles";
import { FileRow } from "./file-row";
import { readPastedText } from "./read-files";
import { useFileDrop } from "./use-file-drop";

const ROLE_LABEL: Record<Role, string> = { development: "Development", staging: "Staging", production: "Production", other: "Other" };
const ROLE_DOT: Record<Role, string> = {
  development: "bg-emerald-500",
  staging: "bg-amber-500",
  production: "bg-rose-500",
  other: "bg-slate-400",
};

export interface EnvironmentCardProps {
  env: FormEnvironment;
  problems: string[];
  canRemove: boolean;
  maxBytes: number;
  dispatch: (action: FormAction) => void;
  onFiles: (files: File[]) => void;
  announce: (message: string) => void;
}

export function EnvironmentCard({ env, problems, canRemove, maxBytes, dispatch, onFiles, announce }: EnvironmentCardProps) {
  const id = useId();
  const pickerRef = useRef<HTMLInputElement>(null);
  const [pasting, setPasting] = useState(false);
  const [pasteName, setPasteName] = useState("");
  const [pasteText, setPasteText] = useState("");
  const { over, dropProps } = useFileDrop(onFiles);
  const label = env.name.trim() || "this environment";

  const addPasted = () => {
    const name = pasteName.trim();
    if (!name) return;
    const file: IncomingFile = readPastedText({ name, text: pasteText, maxBytes });
    dispatch({ type: "addFiles", envId: env.id, files: [file] });
    announce(`Added ${name} to ${label}.`);
    setPasting(false);
    setPasteName("");
    setPasteText("");
  };

  const field =
    "rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-slate-700 dark:bg-slate-950";

  return (
    <section
      aria-label={`Environment ${label}`}
      data-testid="environment"
      data-env={env.name}
      {...dropProps}
      className={`flex flex-col rounded-lg border bg-slate-50/60 p-3 transition-colors dark:bg-slate-900/40 ${
        over ? "border-indigo-500 ring-2 ring-indigo-500/40" : problems.length ? "border-red-300 dark:border-red-900" : "border-slate-200 dark:border-slate-800"
      }`}
    >
      <div className="flex flex-wrap items-end gap-2">
        <span className={`mb-2.5 h-2.5 w-2.5 shrink-0 rounded-full ${ROLE_DOT[env.role]}`} aria-hidden />
        <div className="min-w-40 flex-1">
          <label htmlFor={`${id}-name`} className="block text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Environment
          </label>
          <input
            id={`${id}-name`}
            value={env.name}
            onChange={(e) => dispatch({ type: "renameEnvironment", envId: env.id, name: e.target.value })}
            maxLength={64}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problems.length > 0}
            className={`${field} h-8 w-full font-medium`}
          />
        </div>
        <div>
          <label htmlFor={`${id}-role`} className="block text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Role
          </label>
          <select
            id={`${id}-role`}
            value={env.role}
            onChange={(e) => dispatch({ type: "setRole", envId: env.id, role: e.target.value as Role })}
            className={`${field} h-8 pr-7`}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        {canRemove && (
          <button
            type="button"
            onClick={() => {
              dispatch({ type: "removeEnvironment", envId: env.id });
              announce(`Removed environment ${label}.`);
            }}
            className="h-8 rounded-md px-2 text-sm text-slate-500 hover:bg-red-50 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-400 dark:hover:bg-red-950 dark:hover:text-red-300"
          >
            Remove<span className="sr-only"> environment {label}</span>
          </button>
        )}
      </div>

      {problems.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-sm text-red-700 dark:text-red-300" data-testid="environment-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}

      {env.files.length > 0 ? (
        <>
          <p className="mt-3 mb-1 text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400" id={`${id}-files`}>
            Files, in load order
          </p>
          <ol className="space-y-1.5" aria-labelledby={`${id}-files`}>
            {env.files.map((f, i) => (
              <FileRow
                key={f.id}
                file={f}
                index={i}
                count={env.files.length}
                envName={label}
                onMove={(delta) => {
                  dispatch({ type: "moveFile", envId: env.id, fileId: f.id, delta });
                  announce(`${f.name} moved to position ${i + 1 + delta} of ${env.files.length} in ${label}.`);
                }}
                onRemove={() => {
                  dispatch({ type: "removeFile", envId: env.id, fileId: f.id });
                  announce(`Removed ${f.name} from ${label}.`);
                }}
                onAs={(as) => dispatch({ type: "setAs", envId: env.id, fileId: f.id, as })}
              />
            ))}
          </ol>
        </>
      ) : null}

      <div
        className={`mt-3 flex flex-1 flex-col items-center justify-center gap-1 rounded-md border border-dashed px-3 py-3 text-center text-sm ${
          over ? "border-indigo-500 bg-indigo-50 text-indigo-700 dark:bg-indigo-950/50 dark:text-indigo-300" : "border-slate-300 text-slate-500 dark:border-slate-700 dark:text-slate-400"
        }`}
        data-testid="environment-dropzone"
      >
        <span>
          Drop files here,{" "}
          <button
            type="button"
            onClick={() => pickerRef.current?.click()}
            className="font-medium text-indigo-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
          >
            choose files<span className="sr-only"> for {label}</span>
          </button>{" "}
          or{" "}
          <button
            type="button"
            onClick={() => setPasting((p) => !p)}
            aria-expanded={pasting}
            aria-controls={`${id}-paste`}
            className="font-medium text-indigo-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
          >
            paste text<span className="sr-only"> into {label}</span>
          </button>
        </span>
        <input
          ref={pickerRef}
          type="file"
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-label={`Choose files for ${label}`}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = "";
            if (files.length) onFiles(files);
          }}
        />
      </div>

      {pasting && (
        <div id={`${id}-paste`} className="mt-2 space-y-2 rounded-md border border-slate-200 bg-white p-2.5 dark:border-slate-800 dark:bg-slate-900">
          <div>
            <label htmlFor={`${id}-paste-name`} className="block text-xs font-medium text-slate-600 dark:text-slate-300">
              File name
            </label>
            <input
              id={`${id}-paste-name`}
              value={pasteName}
              onChange={(e) => setPasteName(e.target.value)}
              placeholder="docker-compose.yml, .env.prod…"
              spellCheck={false}
              autoFocus
              className={`${field} mt-0.5 h-8 w-full font-mono`}
            />
          </div>
          <div>
            <label htmlFor={`${id}-paste-text`} className="block text-xs font-medium text-slate-600 dark:text-slate-300">
              Content
            </label>
            <textarea
              id={`${id}-paste-text`}
              value={pasteText}
              onChange={(e) => setPasteText(e.target.value)}
              rows={8}
              spellCheck={false}
              className={`${field} mt-0.5 w-full py-1.5 font-mono text-xs`}
            />
          </div>
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => setPasting(false)}
              className="h-8 rounded-md px-3 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              Cancel
            </button>
            <button
              type="button"
              onClick={addPasted}
              disabled={!pasteName.trim()}
              className="h-8 rounded-md bg-slate-900 px-3 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-40 dark:bg-white dark:text-slate-900 dark:hover:bg-slate-200"
            >
              Add file
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
