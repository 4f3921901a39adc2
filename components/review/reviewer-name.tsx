"use client";
/**
 * The reviewer's display name: asked once, remembered in this browser
 * (localStorage), shown with a "change" button. Every review action records it.
 */
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { reviewerNameSchema } from "@/lib/review/schemas";

export const REVIEWER_NAME_KEY = "cp-reviewer-name";
const CHANGED = "cp-reviewer-name-changed";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function read(): string | null {
  try {
    const v = localStorage.getItem(REVIEWER_NAME_KEY);
    return v && reviewerNameSchema.safeParse(v).success ? v : null;
  } catch {
    return null;
  }
}

export function saveReviewerName(name: string | null): void {
  try {
    if (name === null) localStorage.removeItem(REVIEWER_NAME_KEY);
    else localStorage.setItem(REVIEWER_NAME_KEY, name);
  } catch {
    // storage may be disabled: the name then lasts until the tab closes
  }
  window.dispatchEvent(new Event(CHANGED));
}

/** The remembered reviewer name (null until given; always null during server rendering). */
export function useReviewerName(): string | null {
  return useSyncExternalStore(subscribe, read, () => null);
}

export function ReviewerName({ label = "Your name (shown with your changes)" }: { label?: string }) {
  const name = useReviewerName();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = reviewerNameSchema.safeParse(draft);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "invalid name");
      return;
    }
    saveReviewerName(parsed.data);
    setEditing(false);
    setError(null);
  };

  if (name && !editing) {
    return (
      <p className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400" data-testid="reviewer-name">
        Reviewing as <strong className="font-medium text-slate-900 dark:text-slate-100">{name}</strong>
        <button
          type="button"
          className="rounded px-1.5 py-0.5 text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
          onClick={() => {
            setDraft(name);
            setEditing(true);
          }}
        >
          change
        </button>
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Reviewer name">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{label}</span>
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          maxLength={80}
          autoComplete="name"
          required
          className="w-64 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "reviewer-name-error" : undefined}
        />
      </label>
      <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500">
        Save name
      </button>
      {error && (
        <p id="reviewer-name-error" role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
