/**
 * How a render of the result page tells our server (server.ts) which state it
 * rendered. server.ts opens a report under a fresh random token and hands the
 * token to the page in an internal request header (it removes that header from
 * every client request first, so a client cannot name a token); the page, having
 * read the state (lib/view/load-result-page.ts), reports the state's digest and
 * the capability it rendered for; server.ts closes the report when the response
 * is done. The page code is bundled apart from server.ts, so the open reports
 * live on globalThis (as the database does, lib/db/client.ts).
 *
 * A render that reports two different states (two reads that saw different data)
 * closes with no report: its page is not the page of either state alone.
 */
import { randomBytes } from "node:crypto";

/** internal request header, server.ts → page (never accepted from a client) */
export const RENDER_TOKEN_HEADER = "x-compose-parity-render";

export interface RenderReport {
  /** digest of the page statement's row the render read (lib/view/read-result-page-state.ts) */
  digest: string;
  /** the capability the page was rendered for: view, review or owner */
  capability: string;
}

type Slot = { report: RenderReport | null; conflict: boolean };
const g = globalThis as typeof globalThis & { __composeParityRenderReports?: Map<string, Slot> };
const slots = (): Map<string, Slot> => (g.__composeParityRenderReports ??= new Map());

/** Opens a report; the token goes to the page in RENDER_TOKEN_HEADER. */
export function openRenderReport(): string {
  const token = randomBytes(16).toString("base64url");
  slots().set(token, { report: null, conflict: false });
  return token;
}

/** Called by the page: records what it rendered under `token` (ignored when no such report is open). */
export function reportRender(token: string | null | undefined, report: RenderReport): void {
  const slot = token ? slots().get(token) : undefined;
  if (!slot) return;
  if (slot.report && (slot.report.digest !== report.digest || slot.report.capability !== report.capability)) slot.conflict = true;
  slot.report ??= report;
}

/** Closes the report: what the render reported, or null (nothing, or two different states). */
export function closeRenderReport(token: string): RenderReport | null {
  const slot = slots().get(token);
  slots().delete(token);
  return slot && !slot.conflict ? slot.report : null;
}

/** Open reports (tests: every report is closed). */
export function openRenderReports(): number {
  return slots().size;
}
