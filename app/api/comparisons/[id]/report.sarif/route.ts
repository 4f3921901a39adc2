// GET /api/comparisons/:id/report.sarif – SARIF 2.1.0 report (application/sarif+json); ?revision=N for an older one
import { reportResponse } from "@/lib/http/report-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return reportResponse({ request, params, format: "sarif" });
}
