/** The message a reviewer sees when someone else changed the finding first (409). */
import { STATUS_LABELS, type FindingReview } from "./schemas";

export interface DescribeConflictOptions {
  current: Pick<FindingReview, "status" | "statusReason" | "statusBy" | "statusAt">;
}

export function describeConflict({ current }: DescribeConflictOptions): string {
  const who = current.statusBy ?? "Someone";
  const when = current.statusAt ? ` at ${current.statusAt.slice(11, 16)} UTC` : "";
  const reason = current.statusReason ? ` (“${current.statusReason}”)` : "";
  return `${who} changed this finding first${when}: it is now ${STATUS_LABELS[current.status]}${reason}. Your change was not saved — review the new state and save again if you still want it.`;
}
