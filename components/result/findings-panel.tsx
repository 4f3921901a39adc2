"use client";
/**
 * Findings grouped by factor, filtered by severity, factor, service and review status.
 * The filters live in the URL query string (replaceState), so a filtered view can be shared.
 */
import { useMemo, useState } from "react";
import type { Finding } from "@/lib/parity/result-schema";
import type { ReviewComment } from "@/lib/review/schemas";
import { FACTORS, FACTOR_IDS, type Factor, type Severity } from "@/lib/parity/roles";
import { EMPTY_FILTERS, filterFindings, groupFindingsByFactor, listFindingServices, serializeFindingFilters, statusOf, type FindingFilters } from "@/lib/view/filter-findings";
import { FINDING_STATUSES, STATUS_LABELS, type FindingStatus } from "@/lib/view/view-types";
import { FindingCard } from "./finding-card";
import { FindingReview } from "./finding-review";
import { useReviewState } from "./review-state";
import { LabeledSelect, ToggleGroup } from "./filter-controls";
import { SECTION_HEADING, SEVERITY_BADGE, SEVERITY_ORDER } from "./styles";

export interface FindingsPanelProps {
  findings: Finding[];
  envs: string[];
  /** review status per finding id */
  statuses: Record<string, string>;
  initialFilters: FindingFilters;
  /** anchor ids of the files shown in the Files section */
  fileAnchors: string[];
  /** comments per finding id (inside a ReviewProvider: the review part of each finding) */
  comments?: Record<string, ReviewComment[]>;
  /** ids of findings that were not in the previous revision */
  newIds?: string[];
}

export function FindingsPanel({ findings, envs, statuses: initialStatuses, initialFilters, fileAnchors, comments, newIds }: FindingsPanelProps) {
  const anchors = useMemo(() => new Set(fileAnchors), [fileAnchors]);
  const review = useReviewState();
  const reviews = review?.reviews;
  // statuses saved on this page win over the ones the page was rendered with
  const statuses = useMemo(
    () => (reviews ? { ...initialStatuses, ...Object.fromEntries(Object.values(reviews).map((r) => [r.fingerprint, r.status])) } : initialStatuses),
    [initialStatuses, reviews],
  );
  const fresh = useMemo(() => new Set(newIds ?? []), [newIds]);
  const [filters, setFilters] = useState<FindingFilters>(initialFilters);
  // options: what the findings have, plus whatever a shared link asks for (so the select shows it)
  const services = useMemo(() => [...new Set([...listFindingServices({ findings }), ...initialFilters.service])], [findings, initialFilters.service]);
  const factors = useMemo(
    () => FACTOR_IDS.filter((f) => findings.some((x) => x.factor === f) || initialFilters.factor.includes(f)),
    [findings, initialFilters.factor],
  );
  const visible = useMemo(() => filterFindings({ findings, filters, statuses }), [findings, filters, statuses]);
  const groups = useMemo(() => groupFindingsByFactor({ findings: visible }), [visible]);
  const active = filters.severity.length + filters.factor.length + filters.service.length + filters.status.length > 0;

  const update = (next: FindingFilters) => {
    setFilters(next);
    const qs = serializeFindingFilters({ filters: next, base: window.location.search });
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${qs ? `?${qs}` : ""}${window.location.hash}`);
  };
  const toggle = <K extends "severity" | "status">(key: K, value: FindingFilters[K][number]) => {
    const list = filters[key] as string[];
    update({ ...filters, [key]: list.includes(value) ? list.filter((x) => x !== value) : [...list, value] });
  };
  const count = (pred: (f: Finding) => boolean) => findings.filter(pred).length;

  return (
    <section aria-labelledby="findings-heading" id="findings" className="scroll-mt-16 space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="findings-heading" className={SECTION_HEADING}>
          Findings
        </h2>
        <p className="text-sm text-slate-500" aria-live="polite" data-testid="findings-count">
          Showing {visible.length} of {findings.length}
        </p>
      </div>
      <div role="group" aria-label="Filter findings" className="flex flex-col gap-2 rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-900">
        <ToggleGroup
          label="Severity"
          caption="Severity"
          options={SEVERITY_ORDER.map((s: Severity) => ({ value: s, label: s, count: count((f) => f.severity === s), onClass: SEVERITY_BADGE[s] }))}
          pressed={filters.severity}
          onToggle={(s) => toggle("severity", s)}
        />
        <ToggleGroup
          label="Review status"
          caption="Status"
          options={FINDING_STATUSES.map((s: FindingStatus) => ({
            value: s,
            label: STATUS_LABELS[s],
            count: count((f) => statusOf({ id: f.id, statuses }) === s),
            onClass: "bg-indigo-600 text-white ring-indigo-600",
          }))}
          pressed={filters.status}
          onToggle={(s) => toggle("status", s)}
        />
        <div className="flex flex-wrap items-center gap-3">
          <LabeledSelect
            label="Factor"
            value={filters.factor[0] ?? ""}
            options={[{ value: "", label: "All factors" }, ...factors.map((f) => ({ value: f, label: `${f} · ${FACTORS[f]}` }))]}
            onChange={(v) => update({ ...filters, factor: v ? [v as Factor] : [] })}
          />
          <LabeledSelect
            label="Service"
            value={filters.service[0] ?? ""}
            options={[{ value: "", label: "All services" }, ...services.map((s) => ({ value: s, label: s }))]}
            onChange={(v) => update({ ...filters, service: v ? [v] : [] })}
          />
          {active && (
            <button
              type="button"
              onClick={() => update(EMPTY_FILTERS)}
              className="rounded px-2 py-1 text-xs text-indigo-700 underline hover:text-indigo-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-300"
            >
              Clear filters
            </button>
          )}
        </div>
      </div>
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700">
          {findings.length ? "No finding matches these filters." : "No parity gap found: these environments match."}
        </p>
      ) : (
        groups.map((g) => (
          <section key={g.factor} aria-labelledby={`factor-${g.factor}`} className="space-y-1.5" data-factor={g.factor}>
            <h3 id={`factor-${g.factor}`} className="flex items-baseline gap-2 text-sm font-semibold">
              <span className="rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">{g.factor}</span>
              {g.name}
              <span className="font-normal text-slate-500">({g.findings.length})</span>
            </h3>
            <ul className="space-y-1.5">
              {g.findings.map((f) => (
                <li key={f.id}>
                  <FindingCard finding={f} envs={envs} status={statusOf({ id: f.id, statuses })} fileAnchors={anchors} isNew={fresh.has(f.id)} comments={comments?.[f.id]?.length ?? 0}>
                    {review && <FindingReview fingerprint={f.id} comments={comments?.[f.id] ?? []} />}
                  </FindingCard>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
