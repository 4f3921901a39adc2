/**
 * tls-drift: HTTPS is terminated in some environments only (Traefik TLS routers or
 * certificate resolvers, a published 443, Caddy), so the others never exercise it.
 */
import type { ServiceConfig } from "@/lib/compose/model";
import { isProductionLike } from "../roles";
import { locate, locations, plainValue, type EnvironmentView, type FindingDraft, type Rule } from "../rule-kit";
import type { FindingLocation } from "../result-schema";

function tlsEvidence(view: EnvironmentView): { how: string; loc?: FindingLocation }[] {
  const out: { how: string; loc?: FindingLocation }[] = [];
  for (const [name, svc] of Object.entries(view.env.project.services ?? {}) as [string, ServiceConfig][]) {
    for (const [k, v] of Object.entries(svc.labels ?? {})) {
      if ((/\.tls$/.test(k) && /^true$/i.test(String(v))) || /\.tls\.certresolver$/.test(k)) {
        out.push({ how: `label ${k} on \`${name}\``, loc: locate(view, ["services", name, "labels", k]) });
        break;
      }
    }
    const cmd = [...(svc.entrypoint ?? []), ...(svc.command ?? [])].join(" ");
    if (/--certificatesresolvers\.|--entrypoints\.[\w-]+\.address=:443\b/.test(cmd)) out.push({ how: `TLS options in the command of \`${name}\``, loc: locate(view, ["services", name, "command"]) });
    (svc.ports ?? []).forEach((p, i) => {
      if (p.target === 443 && p.published) out.push({ how: `port 443 published by \`${name}\``, loc: locate(view, ["services", name, "ports", i]) });
    });
  }
  return out;
}

export const tlsDriftRule: Rule = {
  id: "tls-drift",
  factor: "X",
  title: "HTTPS in some environments only",
  description: "HTTPS is terminated (TLS routers, certificate resolvers, port 443) in some environments only, so the others never exercise it.",
  check(ctx) {
    if (ctx.environments.length < 2) return [];
    const seen = ctx.environments.map((view) => ({ view, evidence: tlsEvidence(view) }));
    const withTls = seen.filter((s) => s.evidence.length);
    const without = seen.filter((s) => !s.evidence.length);
    if (!withTls.length || !without.length) return [];
    const finding: FindingDraft = {
      rule: "tls-drift",
      factor: "X",
      severity: withTls.some((s) => isProductionLike(s.view.role)) && without.some((s) => !isProductionLike(s.view.role)) ? "low" : without.some((s) => isProductionLike(s.view.role)) ? "medium" : "info",
      service: null,
      key: "tls",
      environments: seen.map((s) => s.view.name),
      values: seen.map((s) => plainValue(s.view.name, s.evidence.length ? `HTTPS (${s.evidence[0]?.how})` : "HTTP only")),
      message: `HTTPS is terminated in ${withTls.map((s) => s.view.name).join(", ")} but not in ${without.map((s) => s.view.name).join(", ")}, so redirects, secure cookies and HSTS are only exercised there.`,
      fix: "Serve HTTPS in every environment (e.g. a local certificate with mkcert or the proxy's internal CA in development).",
      locations: locations(...withTls.flatMap((s) => s.evidence.slice(0, 3).map((e) => e.loc))),
    };
    return [finding];
  },
};
