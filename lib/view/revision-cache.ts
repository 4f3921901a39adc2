/**
 * The parsed, validated result and models of revisions (and their environments'
 * file outlines), kept in this process so
 * the result page does not read, parse and validate the large JSON on every view.
 * Sound because a revision's result, models, environments and files are never changed once stored
 * (a new upload is a new revision; deleting a comparison deletes its revisions,
 * and the capability check, run on every request, finds it gone first). Everything
 * mutable (review state, comments, sign-offs, activity, expiry, revocation) is not
 * cached. Bounded by the approximate size of the stored JSON (RESULT_CACHE_MB;
 * 0 turns it off), least recently used out first. Values are frozen: readers
 * share them.
 */
import { getConfig } from "@/lib/config";
import type { ParityResult } from "@/lib/parity/result-schema";
import type { ResultPageData } from "./load-result-page";

export interface CachedRevision {
  result: ParityResult;
  models: Record<string, unknown>;
  /** the revision's environments and the outline of their files (stored with it, never changed) */
  environments: ResultPageData["revision"]["environments"];
}

export class RevisionCache {
  private readonly entries = new Map<string, { value: CachedRevision; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(revisionId: string): CachedRevision | undefined {
    const hit = this.entries.get(revisionId);
    if (!hit) return undefined;
    // most recently used last
    this.entries.delete(revisionId);
    this.entries.set(revisionId, hit);
    return hit.value;
  }

  /** Keeps `value` (frozen) unless it alone is larger than the whole cache; returns it. */
  set(revisionId: string, value: CachedRevision, bytes: number): CachedRevision {
    if (bytes > this.maxBytes) return value;
    const old = this.entries.get(revisionId);
    if (old) {
      this.entries.delete(revisionId);
      this.bytes -= old.bytes;
    }
    deepFreeze(value);
    this.entries.set(revisionId, { value, bytes });
    this.bytes += bytes;
    for (const [id, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(id);
      this.bytes -= e.bytes;
    }
    return value;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

let shared: RevisionCache | undefined;
/** The process's cache, sized by RESULT_CACHE_MB. */
export function getRevisionCache(): RevisionCache {
  shared ??= new RevisionCache(getConfig().RESULT_CACHE_MB * 1024 * 1024);
  return shared;
}
