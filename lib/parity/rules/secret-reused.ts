/**
 * secret-reused: the same secret value in two environments, compared by HMAC
 * fingerprint (never by plaintext).
 */
import { envKeysIn, envLocation, valueOrigin } from "../env-values";
import { isProductionLike, type Severity } from "../roles";
import { createSharedFindings, locations, presentIn, secretsOf, type Rule } from "../rule-kit";

export const secretReusedRule: Rule = {
  id: "secret-reused",
  factor: "III",
  title: "Same secret in several environments",
  description: "The same secret value (compared by keyed fingerprint) is used in two or more environments.",
  check(ctx) {
    if (ctx.environments.length < 2) return [];
    const out = createSharedFindings();
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      if (present.length < 2) continue;
      for (const key of envKeysIn(ctx, group)) {
        const byPrint = new Map<string, { p: (typeof present)[number]; display: string | null }[]>();
        for (const p of present) {
          const raw = p.service.environment?.[key];
          if (typeof raw !== "string" || raw === "") continue;
          // a value we do not know (env file not given, required variable set elsewhere) cannot be compared
          if (valueOrigin(p.view, p.name, key).kind === "unknown") continue;
          const r = secretsOf(ctx).redact(key, raw);
          // a placeholder is not a secret yet (hardcoded-secret reports it)
          if (!r.secret || !r.fingerprint || r.classification.strength === "placeholder") continue;
          const users = byPrint.get(r.fingerprint);
          if (users) users.push({ p, display: r.display });
          else byPrint.set(r.fingerprint, [{ p, display: r.display }]);
        }
        for (const [fingerprint, users] of byPrint) {
          if (users.length < 2) continue;
          const roles = users.map((u) => u.p.view.role);
          const prod = roles.filter((r) => r === "production").length;
          const staging = roles.filter((r) => r === "staging").length;
          const nonProd = roles.length - prod - staging;
          const severity: Severity = prod && (nonProd || staging) ? "high" : prod > 1 || (staging && nonProd) ? "medium" : "low";
          const names = users.map((u) => u.p.view.name);
          const place = { rule: "secret-reused", severity, service: group.id, key, environments: names, locations: locations(...users.map((u) => envLocation(u.p.view, u.p.name, key))) };
          // the values and message are written only for the first service of a shared place
          out.add(place, () => ({
            rule: place.rule,
            factor: "III",
            severity,
            service: place.service,
            key,
            environments: names,
            values: users.map((u) => ({ env: u.p.view.name, state: "set" as const, value: u.display, secret: true, fingerprint })),
            message: `\`${key}\` of \`${group.id}\` has the same secret value in ${names.join(" and ")}.`,
            fix: `Give each environment its own \`${key}\`${users.some((u) => isProductionLike(u.p.view.role)) ? " (production's generated and kept out of the repository)" : ""}.`,
            locations: place.locations,
          }));
        }
      }
    }
    return out.done();
  },
};
