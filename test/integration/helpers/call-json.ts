/** One JSON request to a running server: a Bearer secret and a JSON body when given; the answer's status, headers and parsed body (null when empty). */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert answers field by field
  body: any;
}

export async function callJson(baseUrl: string, method: string, p: string, { secret, body }: { secret?: string; body?: unknown } = {}): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${baseUrl}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export interface CreatedComparison {
  id: string;
  reviewKey: string;
  ownerToken: string;
}

/** POST /api/comparisons with `body` (expects 201): the new comparison's id, review key and owner token. */
export async function createComparisonOver(baseUrl: string, body: unknown): Promise<CreatedComparison> {
  const res = await callJson(baseUrl, "POST", "/api/comparisons", { body });
  if (res.status !== 201) throw new Error(`POST /api/comparisons answered ${res.status}: ${JSON.stringify(res.body)}`);
  const reviewKey = new URL(res.body.reviewUrl, "http://x").searchParams.get("key");
  if (!reviewKey) throw new Error(`POST /api/comparisons answered no review key: ${JSON.stringify(res.body)}`);
  return { id: res.body.id, reviewKey, ownerToken: res.body.ownerToken };
}
