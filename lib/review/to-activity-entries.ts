/** Activity rows as the review API shows them: unknown actions dropped, detail only when it is an object. */
import { ACTIVITY_ACTIONS, type ActivityAction, type ActivityEntry } from "./schemas";

export interface ActivityRow {
  id: string;
  actor: string;
  action: string;
  fingerprint: string | null;
  detail: unknown;
  createdAt: Date;
}

const isAction = (a: string): a is ActivityAction => (ACTIVITY_ACTIONS as readonly string[]).includes(a);

export function toActivityEntries(rows: readonly ActivityRow[]): ActivityEntry[] {
  return rows
    .filter((r) => isAction(r.action))
    .map((r) => ({
      id: r.id,
      actor: r.actor,
      action: r.action as ActivityAction,
      fingerprint: r.fingerprint,
      detail: r.detail !== null && typeof r.detail === "object" && !Array.isArray(r.detail) ? (r.detail as Record<string, unknown>) : null,
      createdAt: r.createdAt.toISOString(),
    }));
}
