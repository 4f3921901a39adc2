/**
 * command-drift: a service runs a different command across environments; a dev
 * server in development and a production server in production means development
 * never exercises what production runs.
 */
import type { ServiceConfig } from "@/lib/compose/model";
import { isProductionLike, type Severity } from "../roles";
import { commandString, locate, locations, plainValue, presentIn, type FindingDraft, type Rule } from "../rule-kit";
import { devServerOf } from "./dev-pattern-in-prod";

function fullCommand(svc: ServiceConfig): string | undefined {
  const parts = [...(svc.entrypoint ?? []), ...(svc.command ?? [])];
  return parts.length ? parts.join(" ") : undefined;
}

export const commandDriftRule: Rule = {
  id: "command-drift",
  factor: "X",
  title: "Command differs",
  description: "A service runs a different command across environments, e.g. a development server in development and a WSGI server in production.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      if (present.length < 2) continue;
      const cmds = present.map((p) => fullCommand(p.service));
      if (cmds.every((c) => c === cmds[0])) continue;
      const dev = present.map((_, i) => (cmds[i] ? devServerOf(cmds[i] as string) : undefined));
      const devServerOnlyOutsideProd =
        present.some((p, i) => !isProductionLike(p.view.role) && dev[i]) && present.some((p, i) => isProductionLike(p.view.role) && !dev[i]);
      const severity: Severity = devServerOnlyOutsideProd ? "medium" : "low";
      const shown = present.map((p) => commandString([...(p.service.entrypoint ?? []), ...(p.service.command ?? [])]) ?? "(image default)");
      out.push({
        rule: "command-drift",
        factor: "X",
        severity,
        service: group.id,
        key: "command",
        environments: present.map((p) => p.view.name),
        values: present.map((p, i) => plainValue(p.view.name, shown[i])),
        message: devServerOnlyOutsideProd
          ? `\`${group.id}\` runs ${present.map((p, i) => `${dev[i] ?? `\`${shown[i]}\``} in ${p.view.name}`).join(", ")}, so development never exercises the production server.`
          : `\`${group.id}\` runs a different command: ${present.map((p, i) => `\`${shown[i]}\` in ${p.view.name}`).join(", ")}.`,
        fix: devServerOnlyOutsideProd
          ? "Run the production server in development too (with reload enabled if needed), or at least in a staging environment."
          : "Keep the commands the same, or explain the difference in the compose file.",
        locations: locations(...present.map((p) => locate(p.view, ["services", p.name, p.service.command ? "command" : "entrypoint"]))),
      });
    }
    return out;
  },
};
