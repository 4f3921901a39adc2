// POST /api/comparisons – create a comparison (analyse the upload, store it redacted)
import { createComparison } from "@/lib/comparisons/create-comparison";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { errorResponse, jsonResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { requestOrigin } from "@/lib/http/request-origin";
import { getLogger } from "@/lib/log";
import { requireFingerprintKey } from "@/lib/fingerprint-key";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const config = getConfig();
    const input = await readJsonBody({ request, maxBytes: config.MAX_UPLOAD_BYTES });
    const fingerprintKey = requireFingerprintKey();
    const created = await createComparison({
      db: await getDb(),
      input,
      fingerprintKey,
      publicUrl: config.PUBLIC_URL ?? requestOrigin({ request }),
    });
    const { id, url, reviewUrl, ownerToken } = created;
    return jsonResponse({ id, url, reviewUrl, ownerToken }, 201, { location: url });
  } catch (error) {
    return errorResponse({ error, log: getLogger(), route: "POST /api/comparisons" });
  }
}
