/**
 * The downloadable forms of a stored comparison: the API's JSON view (files without
 * contents), the full result (report.json), Markdown and SARIF.
 */
import { renderMarkdown } from "@/lib/parity/format/markdown";
import { renderSarif } from "@/lib/parity/format/sarif";
import type { StoredComparison } from "./get-comparison";

export const REPORT_FORMATS = ["md", "sarif", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  body: string;
  contentType: string;
  filename: string;
}

/** `GET /api/comparisons/:id`: the stored result and the environments, files without contents. */
export function toComparisonJson({ comparison }: { comparison: StoredComparison }) {
  const { revision } = comparison;
  return {
    id: comparison.id,
    title: comparison.title,
    createdAt: comparison.createdAt.toISOString(),
    expiresAt: comparison.expiresAt?.toISOString() ?? null,
    revision: revision.number,
    revisions: comparison.revisions.map((r) => ({ number: r.number, createdAt: r.createdAt.toISOString(), score: r.score })),
    result: revision.result,
    environments: revision.environments.map((e) => ({
      name: e.name,
      role: e.role,
      position: e.position,
      files: e.files.map((f) => ({ name: f.name, path: f.path, kind: f.kind, size: f.size, sha256: f.sha256 })),
    })),
    findings: revision.findings,
  };
}
export type ComparisonJson = ReturnType<typeof toComparisonJson>;

export function renderReport({ comparison, format }: { comparison: StoredComparison; format: ReportFormat }): RenderedReport {
  const result = comparison.revision.result;
  const base = `compose-parity-r${comparison.revision.number}`;
  switch (format) {
    case "md":
      return {
        body: renderMarkdown({ result, ...(comparison.title ? { title: comparison.title } : {}) }),
        contentType: "text/markdown; charset=utf-8",
        filename: `${base}.md`,
      };
    case "sarif":
      return { body: `${JSON.stringify(renderSarif({ result }), null, 2)}\n`, contentType: "application/sarif+json", filename: `${base}.sarif` };
    case "json":
      return { body: `${JSON.stringify(result, null, 2)}\n`, contentType: "application/json", filename: `${base}.json` };
  }
}
