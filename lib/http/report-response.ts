/**
 * The shared edge of `GET /api/comparisons/:id/report.{md,sarif,json}`: reads the
 * comparison, maps unknown → 404 and expired/revoked → 410, renders the report.
 */
import { getComparison } from "@/lib/comparisons/get-comparison";
import { renderReport, type ReportFormat } from "@/lib/comparisons/render-report";
import { getDb } from "@/lib/db/client";
import { getLogger } from "@/lib/log";
import { API_HEADERS, apiError, errorResponse } from "./error-response";
import { readRevisionParam } from "./revision-param";

export interface ReportResponseOptions {
  request: Request;
  params: Promise<{ id: string }>;
  format: ReportFormat;
}

export async function reportResponse({ request, params, format }: ReportResponseOptions): Promise<Response> {
  try {
    const { id } = await params;
    const comparison = await getComparison({ db: await getDb(), id, revision: readRevisionParam({ url: request.url }) });
    if (!comparison) return apiError(404, "NOT_FOUND", "No comparison (or revision) with this id.");
    if (comparison.status === "gone") return apiError(410, "GONE", "This comparison link has expired or was revoked.");
    const report = renderReport({ comparison, format });
    return new Response(report.body, {
      status: 200,
      headers: { ...API_HEADERS, "content-type": report.contentType, "content-disposition": `inline; filename="${report.filename}"` },
    });
  } catch (error) {
    return errorResponse({ error, log: getLogger(), route: `GET /api/comparisons/:id/report.${format}` });
  }
}
