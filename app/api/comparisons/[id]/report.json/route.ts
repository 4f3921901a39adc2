// GET /api/comparisons/:id/report.json – the full parity result (application/json); ?revision=N for an older one
import { reportResponse } from "@/lib/http/report-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return reportResponse({ request, params, format: "json" });
}
