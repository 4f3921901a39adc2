/**
 * The capability of the link a result page `/c/<id>` was opened with, checked once
 * per request: proxy.ts checks it (lib/review's authorizeCapability; it needs the
 * verdict to answer an expired or revoked link with 410) and hands its verdict to
 * the page in an internal request header. The proxy removes that header from every
 * client request before it sets its own, so a client cannot forge it; the page
 * checks the capability itself when the header is absent (a request the proxy did
 * not check) or names another id.
 */
import type { PrismaClient } from "@/lib/db/client";
import { authorizeCapability } from "./authorize-capability";
import { decideCapability, type CapabilityRow } from "./decide-capability";
import { isReviewError } from "./errors";
import { CAPABILITIES, type Capability } from "./schemas";

/** internal request header, proxy → page (never accepted from a client) */
export const PAGE_CAPABILITY_HEADER = "x-compose-parity-capability";

export type PageCapability =
  | { kind: "ok"; capability: Capability }
  | { kind: "missing" }
  | { kind: "gone"; reason: "expired" | "revoked" };

/** The `?key=` of a page URL: exactly one value of at most 200 characters, else none. */
export function readPageKey(values: readonly string[]): string | null {
  const [key] = values;
  return values.length === 1 && key !== undefined && key.length <= 200 ? key : null;
}

export interface CheckPageCapabilityOptions {
  prisma: PrismaClient;
  comparisonId: string;
  key: string | null;
}

/** Unknown id → missing; expired or revoked link → gone; otherwise the link's capability. */
export async function checkPageCapability({ prisma, comparisonId, key }: CheckPageCapabilityOptions): Promise<PageCapability> {
  try {
    const auth = await authorizeCapability({ prisma, comparisonId, secret: key, need: "view" });
    return { kind: "ok", capability: auth.capability };
  } catch (err) {
    if (isReviewError(err) && err.code === "NOT_FOUND") return { kind: "missing" };
    if (isReviewError(err) && err.code === "GONE") return { kind: "gone", reason: /expired/i.test(err.message) ? "expired" : "revoked" };
    throw err;
  }
}

/**
 * The same verdict from a comparison row already read (null: no such id), without
 * the database: server.ts's result-page cache reads the row with the page's state
 * in one statement.
 */
export function pageCapabilityOf({ row, key, now = new Date() }: { row: CapabilityRow | null; key: string | null; now?: Date }): PageCapability {
  if (!row) return { kind: "missing" };
  try {
    return { kind: "ok", capability: decideCapability({ row, secret: key, need: "view", now }) };
  } catch (err) {
    if (isReviewError(err) && err.code === "GONE") return { kind: "gone", reason: /expired/i.test(err.message) ? "expired" : "revoked" };
    throw err;
  }
}

/** `<id> <verdict>`, e.g. `abc123 review`, `abc123 gone-expired`, `abc123 missing`. */
export function encodePageCapability(comparisonId: string, verdict: PageCapability): string {
  const word = verdict.kind === "ok" ? verdict.capability : verdict.kind === "gone" ? `gone-${verdict.reason}` : "missing";
  return `${comparisonId} ${word}`;
}

/** The verdict the header holds for `comparisonId`; null when it is absent, malformed or about another id. */
export function decodePageCapability(value: string | null, comparisonId: string): PageCapability | null {
  if (!value) return null;
  const [id, word, ...rest] = value.split(" ");
  if (id !== comparisonId || rest.length > 0 || !word) return null;
  if ((CAPABILITIES as readonly string[]).includes(word)) return { kind: "ok", capability: word as Capability };
  if (word === "missing") return { kind: "missing" };
  if (word === "gone-expired") return { kind: "gone", reason: "expired" };
  if (word === "gone-revoked") return { kind: "gone", reason: "revoked" };
  return null;
}
