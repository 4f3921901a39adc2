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
