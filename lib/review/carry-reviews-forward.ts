/**
 * After a new revision's findings are stored: carries the review of every finding
 * whose fingerprint persists, resolves the ones that disappeared and lists the new
 * ones (called by addRevision inside its transaction).
 *
 * - persists (in the previous revision): status, reason, who and when are copied.
 * - came back (absent from the previous revision, present in an older one): if it
 *   had been resolved automatically it is reopened (`open`, "found again in
 *   revision N"); a human decision (e.g. `false_positive`) is copied.
 * - disappeared (in the previous revision, not in this one): that previous row
 *   becomes `fixed` with reason "no longer found in revision N", by
 *   `compose-parity` — unless a reviewer had already set `fixed` or
 *   `false_positive`, which is kept. Each one is logged as `finding.resolved`.
 * - new: stays `open`; listed in `added` (the page highlights them).
 * Comments need no carrying: they are keyed by comparison + fingerprint.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordActivity } from "./record-activity";

export const SYSTEM_ACTOR = "compose-parity";

export interface CarryReviewsForwardOptions {
  tx: Prisma.TransactionClient;
  comparisonId: string;
  /** the new revision (its findings already stored) */
  revisionId: string;
  number: number;
  now?: Date;
}

export interface CarryReport {
  kept: string[];
  added: string[];
  reopened: string[];
  resolved: string[];
}

const KEEP_WHEN_GONE = new Set(["fixed", "false_positive"]);

export async function carryReviewsForward({ tx, comparisonId, revisionId, number, now = new Date() }: CarryReviewsForwardOptions): Promise<CarryReport> {
  const report: CarryReport = { kept: [], added: [], reopened: [], resolved: [] };
  const select = { id: true, fingerprint: true, status: true, statusReason: true, statusBy: true, statusAt: true, revision: { select: { number: true } } } as const;
  const current = await tx.finding.findMany({ where: { revisionId }, select });
  const earlier = await tx.finding.findMany({
    where: { revision: { comparisonId, number: { lt: number } } },
    select,
    orderBy: { revision: { number: "desc" } },
  });
  // the most recent earlier row per fingerprint
  const latest = new Map<string, (typeof earlier)[number]>();
  for (const row of earlier) if (!latest.has(row.fingerprint)) latest.set(row.fingerprint, row);
  const inNew = new Set(current.map((f) => f.fingerprint));

  for (const f of current) {
    const prev = latest.get(f.fingerprint);
    if (!prev) {
      report.added.push(f.fingerprint);
      continue;
    }
    const autoResolved = prev.status === "fixed" && prev.statusBy === SYSTEM_ACTOR;
    if (prev.revision.number < number - 1 && autoResolved) {
      await tx.finding.update({
        where: { id: f.id },
        data: { status: "open", statusReason: `found again in revision ${number}`, statusBy: SYSTEM_ACTOR, statusAt: now },
        select: { id: true },
      });
      report.reopened.push(f.fingerprint);
      continue;
    }
    await tx.finding.update({
      where: { id: f.id },
      data: { status: prev.status, statusReason: prev.statusReason, statusBy: prev.statusBy, statusAt: prev.statusAt },
      select: { id: true },
    });
    report.kept.push(f.fingerprint);
  }

  for (const prev of latest.values()) {
    if (prev.revision.number !== number - 1 || inNew.has(prev.fingerprint)) continue;
    report.resolved.push(prev.fingerprint);
    if (!KEEP_WHEN_GONE.has(prev.status)) {
      await tx.finding.update({
        where: { id: prev.id },
        data: { status: "fixed", statusReason: `no longer found in revision ${number}`, statusBy: SYSTEM_ACTOR, statusAt: now, version: { increment: 1 } },
        select: { id: true },
      });
    }
    await recordActivity({ tx, comparisonId, actor: SYSTEM_ACTOR, action: "finding.resolved", fingerprint: prev.fingerprint, detail: { revision: number, previousStatus: prev.status }, at: now });
  }
  return report;
}
