/**
 * port-mismatch: per target port, a difference in published port, host IP binding,
 * protocol, or published-vs-expose-only across environments (factor VII).
 */
import type { PortConfig, ServiceConfig } from "@/lib/compose/model";
import { isProductionLike, severityRank, type Severity } from "../roles";
import { locate, locations, plainValue, presentIn, type EnvironmentView, type FindingDraft, type Rule } from "../rule-kit";

interface Binding {
  text: string;
  published: boolean;
  allInterfaces: boolean;
  exposeOnly: boolean;
  index: number | null;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function bindingsByTarget(svc: ServiceConfig): Map<string, Binding[]> {
  const out = new Map<string, Binding[]>();
  const add = (key: string, b: Binding) => {
    const list = out.get(key);
    if (list) list.push(b);
    else out.set(key, [b]);
  };
  (svc.ports ?? []).forEach((p: PortConfig, index) => {
    const published = p.published !== undefined && p.published !== "";
    const host = p.host_ip ? `${p.host_ip.includes(":") ? `[${p.host_ip}]` : p.host_ip}:` : "";
    const text = published ? `${host}${p.published}→${p.target}/${p.protocol}` : `${p.target}/${p.protocol} (random host port)`;
    add(String(p.target), { text, published, allInterfaces: published && !(p.host_ip && LOOPBACK.test(p.host_ip)), exposeOnly: false, index });
  });
  for (const e of svc.expose ?? []) {
    const [target = "", proto = "tcp"] = String(e).split("/");
    if (out.has(target)) continue;
    add(target, { text: `expose ${target}/${proto} only`, published: false, allInterfaces: false, exposeOnly: true, index: null });
  }
  return out;
}

/** The protocol written in a binding's text: what follows the first `/`, up to the next `/` or space. */
function protocolOf(text: string): string | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const next = text.indexOf("/", slash + 1);
  const part = next < 0 ? text.slice(slash + 1) : text.slice(slash + 1, next);
  const space = part.indexOf(" ");
  return space < 0 ? part : part.slice(0, space);
}

function stateText(list: Binding[] | undefined): string {
  if (!list || !list.length) return "not published";
  if (list.length === 1) return (list[0] as Binding).text;
  return list.map((b) => b.text).sort().join(", ");
}

export const portMismatchRule: Rule = {
  id: "port-mismatch",
  factor: "VII",
  title: "Port binding differs",
  description: "A container port is published on a different host port, host IP or protocol, or published in one environment and only exposed in another.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      if (present.length < 2) continue;
      const maps = present.map((p) => ({ view: p.view, name: p.name, service: p.service, ports: bindingsByTarget(p.service) }));
      const targets = new Set<string>();
      for (const m of maps) for (const t of m.ports.keys()) targets.add(t);
      for (const target of [...targets].sort((a, b) => Number(a) - Number(b))) {
        const states = maps.map((m) => stateText(m.ports.get(target)));
        if (states.every((s) => s === states[0])) continue;
        const severity = judge(maps.map((m) => ({ view: m.view, list: m.ports.get(target) ?? [] })), group.kind);
        out.push({
          rule: "port-mismatch",
          factor: "VII",
          severity,
          service: group.id,
          key: target,
          environments: maps.map((m) => m.view.name),
          values: maps.map((m, i) => plainValue(m.view.name, states[i])),
          message: `Port ${target} of \`${group.id}\` is bound differently: ${maps.map((m, i) => `${states[i]} in ${m.view.name}`).join("; ")}.`,
          fix: "Bind the port the same way everywhere (same host port and host IP); publish only what a proxy or client must reach.",
          locations: locations(
            ...maps.flatMap((m) =>
              (m.ports.get(target) ?? []).map((b) => (b.index === null ? locate(m.view, ["services", m.name, "expose"]) : locate(m.view, ["services", m.name, "ports", b.index]))),
            ),
          ),
        });
      }
    }
    return out;
  },
};

function judge(sides: { view: EnvironmentView; list: Binding[] }[], kind: string): Severity {
  let severity: Severity = "low";
  const bump = (s: Severity) => {
    if (severityRank(s) > severityRank(severity)) severity = s;
  };
  for (const s of sides) {
    if (!isProductionLike(s.view.role)) continue;
    const open = s.list.some((b) => b.allInterfaces);
    const othersClosed = sides.some((o) => o !== s && !o.list.some((b) => b.allInterfaces));
    // production opens a port to every interface that another environment keeps closed or on loopback
    if (open && othersClosed && kind !== "proxy") bump("medium");
  }
  const protocols = new Set<string | undefined>();
  for (const s of sides) for (const b of s.list) protocols.add(protocolOf(b.text));
  if (protocols.size > 1) bump("medium");
  return severity;
}
