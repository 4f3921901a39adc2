/**
 * Small HTTP helpers for the hardening suites: timed JSON posts, raw bodies
 * through node:http (chunked, invalid bytes), and a minimal valid upload.
 */
import http from "node:http";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  ms: number;
  json: () => { error?: { code?: string; message?: string; file?: string | null; line?: number | null; col?: number | null; path?: string } } & Record<string, unknown>;
}

export async function timedFetch(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, { ...init, redirect: "manual" });
  const text = await res.text();
  const ms = performance.now() - started;
  return { status: res.status, headers: res.headers, text, ms, json: () => JSON.parse(text) as ReturnType<Answer["json"]> };
}

export function postJson(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return timedFetch(`${base}/api/comparisons`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** POST raw bytes through node:http; `chunked` leaves out Content-Length. */
export function postRaw(base: string, body: Uint8Array | string, { chunked = false, contentType = "application/json" } = {}): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const bytes = typeof body === "string" ? Buffer.from(body) : Buffer.from(body);
    const headers: Record<string, string> = { "content-type": contentType };
    if (!chunked) headers["content-length"] = String(bytes.byteLength);
    const req = http.request(`${base}/api/comparisons`, { method: "POST", headers });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - started }));
    });
    // the server may answer 413 and close before the whole body is sent
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" || err.code === "ECONNRESET" ? undefined : reject(err)));
    if (chunked) {
      const size = 16 * 1024;
      let offset = 0;
      const write = () => {
        while (offset < bytes.byteLength) {
          const piece = bytes.subarray(offset, offset + size);
          offset += size;
          if (!req.write(piece)) return void req.once("drain", write);
        }
        req.end();
      };
      write();
    } else {
      req.end(bytes);
    }
  });
}

export const DEV_COMPOSE = "services:\n  web:\n    image: example/app:dev\n    ports: [\"8000:8000\"]\n";
export const PROD_COMPOSE = "services:\n  web:\n    image: example/app:1.2\n    ports: [\"80:8000\"]\n";

/** Two environments; `prodFile` replaces prod's compose file. */
export function uploadWith(prodFile: { name: string; content: string } = { name: "compose.prod.yaml", content: PROD_COMPOSE }): unknown {
  return {
    title: "hostile",
    environments: [
      { name: "dev", files: [{ name: "compose.yaml", content: DEV_COMPOSE }] },
      { name: "prod", files: [prodFile] },
    ],
  };
}
