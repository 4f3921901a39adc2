/**
 * Renders a parity result as Markdown ready to paste in a pull request: a summary
 * table, the service matrix, then findings grouped by Twelve-Factor factor.
 */
import type { Finding, ParityResult } from "../result-schema";
import { FACTORS, FACTOR_IDS, SEVERITIES, type Factor } from "../roles";

const BADGE: Record<Finding["severity"], string> = {
  critical: "🟣 critical",
  high: "🔴 high",
  medium: "🟠 medium",
  low: "🟡 low",
  info: "⚪ info",
};

/** Escapes text for a Markdown table cell or list item. */
function esc(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;");
}

function where(f: Finding): string {
  return f.locations
    .slice(0, 3)
    .map((l) => `\`${esc(l.file)}:${l.line}\` (${esc(l.env)})`)
    .join(", ");
}

export function renderMarkdown({ result, title = "Compose parity report" }: { result: ParityResult; title?: string }): string {
  const out: string[] = [];
  const envs = result.environments;
  out.push(`## ${title}: ${envs.map((e) => `${e.name} (${e.role})`).join(" ↔ ")}`, "");
  const s = result.summary;
  out.push(`**Parity score: ${s.score}/100** — ${s.total} finding${s.total === 1 ? "" : "s"}.`, "");
  out.push("| Severity | Findings |", "|---|---:|");
  for (const sev of [...SEVERITIES].reverse()) out.push(`| ${BADGE[sev]} | ${s.bySeverity[sev] ?? 0} |`);
  out.push("");

  out.push("<details><summary>Environments and services</summary>", "");
  out.push("| Environment | Role | Files |", "|---|---|---|");
  for (const e of envs)
    out.push(`| ${esc(e.name)}${e.status === "failed" ? " (did not load)" : ""} | ${e.role} | ${e.files.map((f) => `\`${esc(f.as)}\``).join(", ") || "—"} |`);
  const loaded = envs.filter((e) => e.status === "loaded");
  out.push("");
  out.push(`| Service | Kind | ${loaded.map((e) => esc(e.name)).join(" | ")} |`, `|---|---|${loaded.map(() => "---").join("|")}|`);
  for (const row of result.services) {
    const cells = row.cells.map((c) =>
      c.state === "present" ? `${c.name !== row.id ? `\`${esc(c.name ?? "")}\` ` : ""}${esc(c.image ?? (c.build ? `build ${c.build}` : "✓"))}` : c.state === "inactive" ? "inactive profile" : "—",
    );
    out.push(`| \`${esc(row.id)}\` | ${row.kind} | ${cells.join(" | ")} |`);
  }
  out.push("", "</details>", "");

  if (!result.findings.length) {
    out.push("No parity gaps found. 🎉", "");
    return out.join("\n");
  }
  const byFactor = new Map<Factor, Finding[]>();
  for (const f of result.findings) byFactor.set(f.factor as Factor, [...(byFactor.get(f.factor as Factor) ?? []), f]);
  for (const factor of FACTOR_IDS) {
    const list = byFactor.get(factor);
    if (!list?.length) continue;
    out.push(`### ${factor}. ${FACTORS[factor]} (${list.length})`, "");
    for (const f of list) {
      const subject = [f.service ? `\`${esc(f.service)}\`` : null, f.key ? `\`${esc(f.key)}\`` : null].filter(Boolean).join(" · ");
      out.push(`- **${BADGE[f.severity]}** ${subject ? `${subject} — ` : ""}${esc(f.message)} <sub>\`${f.rule}\` · ${f.id}</sub>`);
      out.push(`  - Fix: ${esc(f.fix)}`);
      const w = where(f);
      if (w) out.push(`  - Where: ${w}`);
    }
    out.push("");
  }
  if (result.issues.some((i) => i.severity === "error")) {
    out.push("### Loading problems", "");
    for (const i of result.issues.filter((x) => x.severity === "error"))
      out.push(`- ${esc(i.env)}: ${i.file ? `\`${esc(i.file)}${i.line ? `:${i.line}` : ""}\` ` : ""}${esc(i.message)} (${i.code})`);
    out.push("");
  }
  return out.join("\n");
}
