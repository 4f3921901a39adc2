/**
 * The small labelled controls the result page's sections filter and pick with: a
 * select with its caption, and a row of toggle buttons (aria-pressed) with counts.
 * No state of their own; usable from server and client components alike.
 */
import { SELECT } from "./styles";

const CAPTION = "text-xs font-semibold uppercase tracking-wide text-slate-500";

export interface SelectOption {
  value: string;
  label: string;
}

export function LabeledSelect({ label, value, options, onChange }: { label: string; value: string; options: readonly SelectOption[]; onChange: (value: string) => void }) {
  return (
    <label className="flex items-center gap-1.5">
      <span className={CAPTION}>{label}</span>
      <select className={SELECT} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export interface ToggleOption<T extends string> {
  value: T;
  label: string;
  count: number;
  /** classes of the pressed button */
  onClass: string;
}

const OFF = "bg-white text-slate-600 ring-slate-300 hover:bg-slate-100 dark:bg-slate-950 dark:text-slate-300 dark:ring-slate-700";

export function ToggleGroup<T extends string>({ label, caption, options, pressed, onToggle }: { label: string; caption: string; options: readonly ToggleOption<T>[]; pressed: readonly T[]; onToggle: (value: T) => void }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={label}>
      <span className={`w-16 ${CAPTION}`}>{caption}</span>
      {options.map((o) => {
        const on = pressed.includes(o.value);
        return (
          <button
            key={o.value}
            type="button"
            aria-pressed={on}
            onClick={() => onToggle(o.value)}
            className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${on ? o.onClass : OFF}`}
          >
            {o.label} <span className="tabular-nums opacity-70">{o.count}</span>
          </button>
        );
      })}
    </div>
  );
}
