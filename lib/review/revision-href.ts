/**
 * The page URL of one revision of a comparison, keeping the review key when the
 * page was opened with one (`/c/<id>?revision=2&key=…`). Revision-diff links add `compare=<from>`.
 */
export interface RevisionHrefOptions {
  comparisonId: string;
  revision: number;
  reviewKey?: string | null;
  compareWith?: number | null;
}

export function revisionHref({ comparisonId, revision, reviewKey, compareWith }: RevisionHrefOptions): string {
  const q = new URLSearchParams({ revision: String(revision) });
  if (compareWith) q.set("compare", String(compareWith));
  if (reviewKey) q.set("key", reviewKey);
  return `/c/${encodeURIComponent(comparisonId)}?${q.toString()}`;
}
