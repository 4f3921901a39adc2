/**
 * backing-port-published: a database, cache, broker or search engine publishes its
 * port on every host interface in staging/production.
 */
import { isProductionLike } from "../roles";
import { locate, locations, plainValue, presentIn, type FindingDraft, type Rule } from "../rule-kit";

const BACKING = new Set(["database", "cache", "queue", "search", "storage"]);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export const backingPortPublishedRule: Rule = {
  id: "backing-port-published",
  factor: "VII",
  title: "Backing service port published in staging/production",
  description: "A database, cache, broker or search engine publishes its port on every host interface in staging or production.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      if (!BACKING.has(group.kind)) continue;
      for (const p of presentIn(ctx, group)) {
        if (!isProductionLike(p.view.role)) continue;
        (p.service.ports ?? []).forEach((port, i) => {
          if (!port.published || (port.host_ip && LOOPBACK.test(port.host_ip))) return;
          out.push({
            rule: "backing-port-published",
            factor: "VII",
            severity: p.view.role === "production" ? "high" : "medium",
            service: group.id,
            key: String(port.target),
            environments: [p.view.name],
            values: [plainValue(p.view.name, `${port.host_ip ? `${port.host_ip}:` : ""}${port.published}:${port.target}/${port.protocol}`)],
            message: `The ${group.kind} \`${group.id}\` publishes port ${port.target} on ${port.host_ip || "all interfaces"} (host port ${port.published}) in ${p.view.name}, reachable from outside the host.`,
            fix: "Remove the published port (services reach it on the compose network), or bind it to 127.0.0.1 for local administration.",
            locations: locations(locate(p.view, ["services", p.name, "ports", i])),
          });
        });
      }
    }
    return out;
  },
};
