"use client";
/**
 * Shows the owner token the upload page left in sessionStorage (`cp-owner-<id>`) once,
 * then removes it from storage: it is never shown again.
 */
import { useState, useSyncExternalStore } from "react";

const subscribe = () => () => undefined;
/** tokens taken out of sessionStorage during this page's life (storage is cleared on first read) */
const taken = new Map<string, string | null>();

function takeOwnerToken(id: string): string | null {
  const key = `cp-owner-${id}`;
  if (!taken.has(key)) {
    let token: string | null = null;
    try {
      token = window.sessionStorage.getItem(key);
      if (token !== null) window.sessionStorage.removeItem(key);
    } catch {
      token = null;
    }
    taken.set(key, token);
  }
  return taken.get(key) ?? null;
}

/** The owner token handed over by the upload page, for this page's life (null when there was none). */
export function useOwnerToken(id: string): string | null {
  return useSyncExternalStore(
    subscribe,
    () => takeOwnerToken(id),
    () => null,
  );
}

export function OwnerTokenNotice({ id }: { id: string }) {
  const token = useOwnerToken(id);
  const [dismissed, setDismissed] = useState(false);
  const [copied, setCopied] = useState(false);
  if (!token || dismissed) return null;
  return (
    <div role="status" className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 sm:flex-row sm:items-center dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <div className="min-w-0 flex-1">
        <p className="font-semibold">Save this owner token; it is shown only once.</p>
        <p className="text-xs">It lets you set the expiry, revoke links and delete this comparison.</p>
        <code className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900" data-testid="owner-token">
          {token}
        </code>
      </div>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true), () => undefined);
          }}
          className="rounded border border-amber-400 px-2 py-1 text-xs font-medium hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-amber-900"
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button
          type="button"
          onClick={() => setDismissed(true)}
          className="rounded bg-amber-600 px-2 py-1 text-xs font-medium text-white hover:bg-amber-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          I saved it
        </button>
      </div>
    </div>
  );
}
