"use client";
/**
 * A finding's comment thread. Bodies are rendered by the server with
 * renderMarkdownSafe (escaped subset, safe links), so inserting that HTML is safe;
 * the raw text is never inserted as HTML. Anyone with the review link can comment.
 */
import { useEffect, useState, type FormEvent } from "react";
import { z } from "zod";
import { commentSchema, MAX_COMMENT_LENGTH, type ReviewComment } from "@/lib/review/schemas";
import { reviewRequest } from "./review-api";
import { AlertLine } from "./alert-line";
import { useNamedSubmit } from "./use-named-submit";

export interface CommentThreadProps {
  comparisonId: string;
  fingerprint: string;
  /** the review key; without it the thread is read-only */
  reviewKey?: string | null;
  /** comments already loaded by the page (skips the first fetch) */
  initialComments?: ReviewComment[];
  /** after a comment is posted (e.g. to reload the activity log) */
  onAdded?: (comment: ReviewComment) => void;
}

const listSchema = z.object({ comments: z.array(commentSchema) });
const addedSchema = z.object({ comment: commentSchema });

export function CommentThread({ comparisonId, fingerprint, reviewKey, initialComments, onAdded }: CommentThreadProps) {
  const { busy, run } = useNamedSubmit();
  const [comments, setComments] = useState<ReviewComment[] | null>(initialComments ?? null);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (initialComments) return;
    const ctrl = new AbortController();
    void reviewRequest({ comparisonId, path: `/comments?fingerprint=${fingerprint}`, schema: listSchema, secret: reviewKey, signal: ctrl.signal }).then((r) => {
      if (ctrl.signal.aborted) return;
      if (r.ok) setComments(r.data.comments);
      else setError(r.error.message);
    });
    return () => ctrl.abort();
  }, [comparisonId, fingerprint, reviewKey, initialComments]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reviewKey) return;
    await run({
      noName: () => setError("Give your name first (above), so the team sees who wrote this."),
      start: () => setError(null),
      send: (author) => reviewRequest({ comparisonId, path: "/comments", method: "POST", secret: reviewKey, body: { fingerprint, author, body }, schema: addedSchema }),
      done: (r) => {
        if (r.ok) {
          setComments((c) => [...(c ?? []), r.data.comment]);
          setBody("");
          onAdded?.(r.data.comment);
        } else setError(r.error.message);
      },
    });
  };

  return (
    <section aria-label="Comments" className="space-y-3 text-sm" data-testid="comment-thread">
      {comments === null && !error && <p className="text-slate-500">Loading comments…</p>}
      {comments?.length === 0 && <p className="text-slate-500 dark:text-slate-400">No comments yet.</p>}
      {comments && comments.length > 0 && (
        <ol className="space-y-3">
          {comments.map((c) => (
            <li key={c.id} className="rounded border border-slate-200 p-3 dark:border-slate-800">
              <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">
                <strong className="font-medium text-slate-800 dark:text-slate-200">{c.author}</strong> ·{" "}
                <time dateTime={c.createdAt}>{c.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
              </p>
              <div
                className="prose-sm space-y-2 break-words [&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-300 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 dark:[&_code]:bg-slate-800 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2 dark:[&_pre]:bg-slate-900"
                // html is renderMarkdownSafe's output: every input character escaped, only p/br/strong/em/code/pre/a(http, https, mailto) produced
                dangerouslySetInnerHTML={{ __html: c.html }}
              />
            </li>
          ))}
        </ol>
      )}
      {reviewKey && (
        <form onSubmit={submit} className="space-y-2" aria-label="Add a comment">
          <label className="flex flex-col gap-1">
            <span className="font-medium">Comment</span>
            <textarea
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={MAX_COMMENT_LENGTH}
              rows={3}
              required
              className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            />
          </label>
          <p className="text-xs text-slate-500 dark:text-slate-400">**bold**, *italic*, `code`, [links](https://…) — no HTML.</p>
          <button
            type="submit"
            disabled={busy || body.trim() === ""}
            className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
          >
            {busy ? "Posting…" : "Comment"}
          </button>
        </form>
      )}
      <AlertLine text={error} />
    </section>
  );
}
