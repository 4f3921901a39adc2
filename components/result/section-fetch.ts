"use client";
/**
 * Loads the data of a lazily loaded section of the result page from the JSON API,
 * with the capability the page was opened with (a review link still reads when the
 * view link was revoked) and the revision the page shows.
 */
import { useEffect, useState } from "react";
import type { z } from "zod";
import { reviewRequest } from "@/components/review/review-api";

export type SectionState<T> = { status: "idle" | "loading" } | { status: "error"; message: string } | { status: "ok"; data: T };

export interface SectionDataOptions<S extends z.ZodType> {
  /** fetch once this is true */
  enabled: boolean;
  comparisonId: string;
  /** `/files`, `/models` */
  path: string;
  revision: number;
  /** review key or owner token of the page's link */
  secret: string | null;
  /** the answer's shape (a module-level constant) */
  schema: S;
}

export function useSectionData<S extends z.ZodType>({ enabled, comparisonId, path, revision, secret, schema }: SectionDataOptions<S>): { state: SectionState<z.infer<S>>; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ attempt: number; state: SectionState<z.infer<S>> } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    void reviewRequest({ comparisonId, path: `${path}?revision=${revision}`, schema, secret, signal: abort.signal }).then((res) => {
      if (!abort.signal.aborted) setAnswer({ attempt, state: res.ok ? { status: "ok", data: res.data } : { status: "error", message: res.error.message } });
    });
    return () => abort.abort();
  }, [enabled, attempt, comparisonId, path, revision, secret, schema]);
  const state: SectionState<z.infer<S>> = answer?.attempt === attempt ? answer.state : { status: enabled ? "loading" : "idle" };
  return { state, retry: () => setAttempt((a) => a + 1) };
}
