"use client";
/**
 * Owner controls (owner token only): when the links expire, revoking the view or
 * the review link, and deleting the comparison (after typing "delete"). Without
 * a token it asks for one (kept in memory only) and checks it with the server.
 */
import { useEffect, useState, type FormEvent } from "react";
import { z } from "zod";
import { EXPIRY_CHOICES, EXPIRY_LABELS, type ExpiryChoice, type LinkKind } from "@/lib/review/schemas";
import { reviewRequest } from "./review-api";

export interface OwnerPanelProps {
  comparisonId: string;
  /** the owner token when the page has it (e.g. right after creation); asked for otherwise */
  ownerToken?: string | null;
  /** after deletion (default: go to the home page) */
  onDeleted?: () => void;
}

const settingsSchema = z.object({ expiresAt: z.string().nullable(), viewRevokedAt: z.string().nullable(), reviewRevokedAt: z.string().nullable() });
type Settings = z.infer<typeof settingsSchema>;
const expirySchema = z.object({ expiresAt: z.string().nullable() });
const revokedSchema = z.object({ viewRevokedAt: z.string().nullable(), reviewRevokedAt: z.string().nullable() });
const deletedSchema = z.object({}).loose();

const fmt = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const button = "rounded px-3 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50";
const input = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

export function OwnerPanel({ comparisonId, ownerToken, onDeleted }: OwnerPanelProps) {
  const [token, setToken] = useState<string | null>(ownerToken ?? null);
  const [draft, setDraft] = useState("");
  const [settings, setSettings] = useState<Settings | null>(null);
  const [choice, setChoice] = useState<ExpiryChoice>("30d");
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  useEffect(() => {
    if (!token) return;
    const ctrl = new AbortController();
    void reviewRequest({ comparisonId, path: "/expiry", secret: token, schema: settingsSchema, signal: ctrl.signal }).then((r) => {
      if (ctrl.signal.aborted) return;
      if (r.ok) setSettings(r.data);
      else {
        setToken(null);
        setMessage({ kind: "error", text: r.error.status === 403 ? "That is not this comparison's owner token." : r.error.message });
      }
    });
    return () => ctrl.abort();
  }, [comparisonId, token]);

  const unlock = (e: FormEvent) => {
    e.preventDefault();
    const t = draft.trim();
    if (!t) return;
    setMessage(null);
    setSettings(null);
    setToken(t);
    setDraft("");
  };

  const saveExpiry = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    setBusy("expiry");
    const r = await reviewRequest({ comparisonId, path: "/expiry", method: "PUT", secret: token, body: { expiresIn: choice }, schema: expirySchema });
    setBusy(null);
    if (r.ok) {
      setSettings((s) => (s ? { ...s, expiresAt: r.data.expiresAt } : s));
      setMessage({ kind: "ok", text: r.data.expiresAt ? `Links now expire on ${fmt(r.data.expiresAt)}.` : "Links never expire." });
    } else setMessage({ kind: "error", text: r.error.message });
  };

  const revoke = async (link: LinkKind) => {
    if (!token || !window.confirm(`Revoke the ${link} link for good? Everyone using it will get “410 Gone”.`)) return;
    setBusy(link);
    const r = await reviewRequest({ comparisonId, path: "/revoke", method: "POST", secret: token, body: { link }, schema: revokedSchema });
    setBusy(null);
    if (r.ok) {
      setSettings((s) => (s ? { ...s, ...r.data } : s));
      setMessage({ kind: "ok", text: `The ${link} link is revoked.` });
    } else setMessage({ kind: "error", text: r.error.message });
  };

  const remove = async (e: FormEvent) => {
    e.preventDefault();
    if (!token || confirm !== "delete") return;
    setBusy("delete");
    const r = await reviewRequest({ comparisonId, path: "", method: "DELETE", secret: token, schema: deletedSchema });
    setBusy(null);
    if (r.ok) {
      if (onDeleted) onDeleted();
      else window.location.assign("/");
    } else setMessage({ kind: "error", text: r.error.message });
  };

  const feedback = message && (
    <p role={message.kind === "ok" ? "status" : "alert"} className={message.kind === "ok" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
      {message.text}
    </p>
  );

  return (
    <section aria-labelledby="owner-title" className="space-y-4 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800" data-testid="owner-panel">
      <h2 id="owner-title" className="text-base font-semibold">Owner settings</h2>
      {!token ? (
        <form onSubmit={unlock} className="flex flex-wrap items-end gap-2" aria-label="Owner token">
          <label className="flex flex-col gap-1">
            <span className="font-medium">Owner token (given once when the comparison was created)</span>
            <input type="password" value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" className={`${input} w-full sm:w-80`} />
          </label>
          <button type="submit" className={`${button} bg-indigo-600 text-white hover:bg-indigo-700`}>
            Unlock
          </button>
        </form>
      ) : !settings ? (
        <p className="text-slate-500">Checking the owner token…</p>
      ) : (
        <>
          <form onSubmit={saveExpiry} className="flex flex-wrap items-end gap-2" aria-label="Link expiry">
            <label className="flex flex-col gap-1">
              <span className="font-medium">Links expire</span>
              <select value={choice} onChange={(e) => setChoice(e.target.value as ExpiryChoice)} className={input}>
                {EXPIRY_CHOICES.map((c) => (
                  <option key={c} value={c}>
                    {c === "never" ? "Never" : `In ${EXPIRY_LABELS[c]}`}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={busy !== null} className={`${button} bg-indigo-600 text-white hover:bg-indigo-700`}>
              Set expiry
            </button>
            <p className="w-full text-slate-600 dark:text-slate-400">{settings.expiresAt ? `Currently: expires on ${fmt(settings.expiresAt)}.` : "Currently: never expires."}</p>
          </form>

          <div className="flex flex-wrap gap-2" role="group" aria-label="Revoke links">
            {(["view", "review"] as const).map((link) => {
              const at = link === "view" ? settings.viewRevokedAt : settings.reviewRevokedAt;
              return at ? (
                <p key={link} className="rounded border border-slate-200 px-3 py-1.5 text-slate-600 dark:border-slate-800 dark:text-slate-400">
                  {link === "view" ? "View" : "Review"} link revoked on {fmt(at)}
                </p>
              ) : (
                <button
                  key={link}
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void revoke(link)}
                  className={`${button} border border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950`}
                >
                  Revoke {link} link
                </button>
              );
            })}
          </div>

          <form onSubmit={remove} className="flex flex-wrap items-end gap-2" aria-label="Delete comparison">
            <label className="flex flex-col gap-1">
              <span className="font-medium">Type “delete” to delete this comparison and all its data</span>
              <input value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" className={`${input} w-48`} />
            </label>
            <button type="submit" disabled={busy !== null || confirm !== "delete"} className={`${button} bg-red-600 text-white hover:bg-red-700`}>
              Delete comparison
            </button>
          </form>
        </>
      )}
      {feedback}
    </section>
  );
}
