"use client";
/**
 * The submit of a review form that records who acted (a status, a comment, a
 * sign-off, a revision): without the reviewer's name it only says why; otherwise it
 * marks the form busy while the request runs and hands the answer over.
 */
import { useState } from "react";
import { useReviewerName } from "./reviewer-name";

export interface NamedSubmit<T> {
  /** the form's message when no name is given yet */
  noName: () => void;
  /** called as the request starts (e.g. to clear the last message) */
  start: () => void;
  /** the request, made with the reviewer's name */
  send: (name: string) => Promise<T>;
  /** the answer (after busy is cleared) */
  done: (answer: T) => void;
}

export function useNamedSubmit(): { name: string | null; busy: boolean; run: <T>(submit: NamedSubmit<T>) => Promise<void> } {
  const name = useReviewerName();
  const [busy, setBusy] = useState(false);
  const run = async <T,>({ noName, start, send, done }: NamedSubmit<T>) => {
    if (!name) {
      noName();
      return;
    }
    setBusy(true);
    start();
    let answer: T;
    try {
      answer = await send(name);
    } finally {
      setBusy(false);
    }
    done(answer);
  };
  return { name, busy, run };
}
