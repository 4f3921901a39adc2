"use client";
/** One file of an environment: kind, name, size, the path compose knows it by, order buttons, errors inline. */
import { formatBytes } from "@/lib/upload/check-file-content";
import { type FormFile, position } from "@/lib/upload/form-state";
import { loadOrderRank } from "@/lib/upload/suggest-assignment";

const KIND = ["compose", "compose", "Procfile", "env", "env", "text"] as const;
const KIND_STYLE: Record<(typeof KIND)[number], string> = {
  compose: "bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-900",
  env: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900",
  Procfile: "bg-violet-50 text-violet-700 ring-violet-200 dark:bg-violet-950 dark:text-violet-300 dark:ring-violet-900",
  text: "bg-slate-100 text-slate-600 ring-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-700",
};

export interface FileRowProps {
  file: FormFile;
  index: number;
  count: number;
  envName: string;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  onAs: (as: string) => void;
}

export function FileRow({ file, index, count, envName, onMove, onRemove, onAs }: FileRowProps) {
  const kind = KIND[loadOrderRank(file.as || file.name)] ?? "text";
  const errorId = `${file.id}-error`;
  const asId = `${file.id}-as`;
  const where = file.error ? position(file.error) : "";
  const btn =
    "inline-flex h-7 w-7 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 aria-disabled:cursor-not-allowed aria-disabled:opacity-30 aria-disabled:hover:bg-transparent dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white";
  return (
    <li
      data-testid="file-row"
      data-file={file.name}
      className={`rounded-md border px-2.5 py-2 ${file.error ? "border-red-300 bg-red-50/60 dark:border-red-900 dark:bg-red-950/30" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5">
        <span className="w-5 shrink-0 text-right font-mono text-xs tabular-nums text-slate-400" aria-hidden>
          {index + 1}
        </span>
        <span className={`shrink-0 rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${KIND_STYLE[kind]}`}>{kind}</span>
        <span className="min-w-44 flex-1 break-all font-mono text-sm sm:min-w-0 sm:truncate sm:break-normal" title={file.name}>
          {file.name}
        </span>
        <span className="ml-auto flex shrink-0 items-center gap-2">
          <span className="text-xs tabular-nums text-slate-500 dark:text-slate-400">{formatBytes(file.size)}</span>
          <span className="flex items-center">
            <button
              type="button"
              className={btn}
              aria-label={`Move ${file.name} up in ${envName}`}
              aria-disabled={index === 0}
              onClick={() => index > 0 && onMove(-1)}
            >
              <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden>
                <path d="M10 5l5 6H5z" />
              </svg>
            </button>
            <button
              type="button"
              className={btn}
              aria-label={`Move ${file.name} down in ${envName}`}
              aria-disabled={index === count - 1}
              onClick={() => index < count - 1 && onMove(1)}
            >
              <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden>
                <path d="M10 15l-5-6h10z" />
              </svg>
            </button>
            <button type="button" className={`${btn} hover:text-red-600 dark:hover:text-red-400`} aria-label={`Remove ${file.name} from ${envName}`} onClick={onRemove}>
              <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
                <path d="M5 5l10 10M15 5L5 15" />
              </svg>
            </button>
          </span>
        </span>
      </div>
      {!file.rejected && (
        <div className="mt-1.5 flex items-center gap-2 pl-7 text-xs">
          <label htmlFor={asId} className="shrink-0 text-slate-500 dark:text-slate-400">
            compose path
          </label>
          <input
            id={asId}
            value={file.as}
            onChange={(e) => onAs(e.target.value)}
            placeholder={file.name}
            spellCheck={false}
            aria-label={`Path compose uses for ${file.name} in ${envName}`}
            aria-describedby={file.error ? errorId : undefined}
            className="h-7 min-w-0 flex-1 rounded border border-slate-200 bg-transparent px-2 font-mono text-xs placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-slate-700 dark:placeholder:text-slate-600"
          />
          {file.asSuggested && <span className="shrink-0 text-[11px] italic text-slate-500 dark:text-slate-400">suggested</span>}
        </div>
      )}
      {file.error && (
        <p id={errorId} className="mt-1.5 pl-7 text-sm text-red-700 dark:text-red-300" data-testid="file-error">
          {where && <span className="font-medium">{where}: </span>}
          {file.error.message}
        </p>
      )}
    </li>
  );
}
