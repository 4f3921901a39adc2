"use client";
/**
 * Side-by-side diff of two environments' canonical models (YAML), chosen with two
 * selects. Loaded on demand by DiffSection (its own chunk, with `yaml` and jsdiff).
 */
import { useMemo, useState } from "react";
import { diffModels, type DiffRow } from "@/lib/view/diff-models";
import { LabeledSelect } from "./filter-controls";

const SIDE_CLASS: Record<DiffRow["kind"], [string, string]> = {
  same: ["", ""],
  removed: ["bg-red-50 dark:bg-red-950/50", "bg-slate-100/60 dark:bg-slate-900"],
  added: ["bg-slate-100/60 dark:bg-slate-900", "bg-emerald-50 dark:bg-emerald-950/50"],
  changed: ["bg-red-50 dark:bg-red-950/50", "bg-emerald-50 dark:bg-emerald-950/50"],
};

/** Rows rendered at first, and added by each "Show more". */
const ROW_PAGE = 500;
const MORE_BUTTON =
  "rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-700 dark:hover:bg-slate-800";

export function ModelDiff({ envs, models }: { envs: string[]; models: Record<string, unknown> }) {
  const [left, setLeft] = useState(envs[0] ?? "");
  const [right, setRight] = useState(envs[1] ?? envs[0] ?? "");
  const [changesOnly, setChangesOnly] = useState(false);
  const diff = useMemo(() => diffModels({ left: models[left], right: models[right] }), [models, left, right]);
  const envOptions = useMemo(() => envs.map((e) => ({ value: e, label: e })), [envs]);
  const allRows = changesOnly ? diff.rows.filter((r) => r.kind !== "same") : diff.rows;
  // a large diff (thousands of lines) is shown a page at a time: rendering every row at once keeps
  // the section blank for seconds; the limit starts over when another pair or filter is picked
  const view = `${left}\u0000${right}\u0000${changesOnly}`;
  const [shown, setShown] = useState({ view, limit: ROW_PAGE });
  const limit = shown.view === view ? shown.limit : ROW_PAGE;
  const rows = allRows.length > limit ? allRows.slice(0, limit) : allRows;
  const hidden = allRows.length - rows.length;
  return (
    <>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <LabeledSelect label="Left" value={left} options={envOptions} onChange={setLeft} />
        <LabeledSelect label="Right" value={right} options={envOptions} onChange={setRight} />
        <label className="flex items-center gap-1.5">
          <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} />
          Changes only
        </label>
        <span className="text-xs text-slate-500" data-testid="diff-stats">
          <span className="text-red-700 dark:text-red-400">−{diff.removed}</span> <span className="text-emerald-700 dark:text-emerald-400">+{diff.added}</span>
        </span>
      </div>
      <div className="max-h-[36rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full table-fixed border-collapse font-mono text-xs leading-5" data-testid="model-diff">
          <caption className="sr-only">
            Canonical model of {left} (left) against {right} (right)
          </caption>
          <thead className="sticky top-0 bg-slate-100 text-left font-sans text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="w-10" />
              <th scope="col" className="px-2 py-1">{left}</th>
              <th scope="col" className="w-10" />
              <th scope="col" className="px-2 py-1">{right}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-kind={r.kind}>
                <td className={`select-none pr-2 text-right align-top text-slate-400 ${SIDE_CLASS[r.kind][0]}`}>{r.left?.line ?? ""}</td>
                <td className={`whitespace-pre-wrap break-all px-2 align-top ${SIDE_CLASS[r.kind][0]}`}>
                  {r.left && r.kind !== "same" && <span className="sr-only">removed: </span>}
                  {r.left?.text ?? ""}
                </td>
                <td className={`select-none border-l border-slate-200 pr-2 text-right align-top text-slate-400 dark:border-slate-800 ${SIDE_CLASS[r.kind][1]}`}>
                  {r.right?.line ?? ""}
                </td>
                <td className={`whitespace-pre-wrap break-all px-2 align-top ${SIDE_CLASS[r.kind][1]}`}>
                  {r.right && r.kind !== "same" && <span className="sr-only">added: </span>}
                  {r.right?.text ?? ""}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={4} className="p-4 text-center font-sans text-slate-500">
                  {left === right ? "Pick two different environments." : "The two models are identical."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {hidden > 0 && (
        <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="diff-more">
          <span className="text-slate-500">
            Showing {rows.length} of {allRows.length} lines.
          </span>
          <button type="button" onClick={() => setShown({ view, limit: limit + ROW_PAGE })} className={MORE_BUTTON}>
            Show {Math.min(ROW_PAGE, hidden)} more
          </button>
          <button type="button" onClick={() => setShown({ view, limit: allRows.length })} className={MORE_BUTTON}>
            Show all
          </button>
        </div>
      )}
    </>
  );
}
