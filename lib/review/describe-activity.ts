/** One activity entry as a sentence for the activity log ("Ana set 3f1c0a9b… to Accepted risk: vpn only"). */
import { findingStatusSchema, STATUS_LABELS, type ActivityEntry } from "./schemas";

export interface DescribeActivityOptions {
  entry: Pick<ActivityEntry, "actor" | "action" | "fingerprint" | "detail">;
  /** a short label for a finding (e.g. its message); the first 8 characters of the fingerprint otherwise */
  findingLabel?: (fingerprint: string) => string | undefined;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);
const statusLabel = (v: unknown): string => {
  const s = findingStatusSchema.safeParse(v);
  return s.success ? STATUS_LABELS[s.data] : String(v ?? "?");
};

export function describeActivity({ entry, findingLabel }: DescribeActivityOptions): string {
  const d = entry.detail ?? {};
  const finding = entry.fingerprint ? (findingLabel?.(entry.fingerprint) ?? `finding ${entry.fingerprint.slice(0, 8)}`) : "a finding";
  const who = entry.actor;
  switch (entry.action) {
    case "status.set": {
      const reason = str(d.reason);
      return `${who} set ${finding} to ${statusLabel(d.to)}${reason ? `: ${reason}` : ""}`;
    }
    case "comment.add":
      return `${who} commented on ${finding}`;
    case "signoff.add": {
      const blockers = num(d.openBlockers) ?? 0;
      return `${who} approved revision ${num(d.revision) ?? "?"} for release${blockers ? ` with ${blockers} open high/critical finding${blockers === 1 ? "" : "s"}` : ""}`;
    }
    case "revision.add":
      return `${who} uploaded revision ${num(d.revision) ?? "?"} (${num(d.added) ?? 0} new, ${num(d.resolved) ?? 0} resolved)`;
    case "finding.resolved":
      return `${finding.charAt(0).toUpperCase()}${finding.slice(1)} is no longer found in revision ${num(d.revision) ?? "?"}`;
    case "expiry.set": {
      const at = str(d.expiresAt);
      return at ? `${who} set the links to expire on ${at.slice(0, 10)}` : `${who} set the links to never expire`;
    }
    case "link.revoke":
      return `${who} revoked the ${d.link === "review" ? "review" : "view"} link`;
    default:
      return `${who}: ${String(entry.action)}`;
  }
}
