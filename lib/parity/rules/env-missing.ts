/**
 * env-missing: a container env key that a service gets in one environment and not
 * in another (after the `env_file` + `environment` merge). Keys that may come from
 * an env file that was not given are reported as unknown, not missing.
 */
import { UNKNOWN_KEY, envKeysIn, envLocation } from "../env-values";
import { isProductionLike, severityRank, type Severity } from "../roles";
import { findingValue, locations, presentIn, type FindingDraft, type Rule } from "../rule-kit";

/** Keys that only make sense while developing: their absence in production is expected. */
const DEV_ONLY_KEY = /^(DEBUG|.*_DEBUG|USE_DOCKER|IPYTHONDIR|PYTHONBREAKPOINT|.*POLLING|CHOKIDAR_.*|WATCHPACK_.*|.*_EAGER|.*_ALWAYS_EAGER|WEB_RELOAD|.*_RELOAD|.*HOT_RELOAD.*|DEV_.*|.*_DEV)$/;

export const envMissingRule: Rule = {
  id: "env-missing",
  factor: "III",
  title: "Env key set in some environments only",
  description: "A service gets an environment variable in one environment and not in another (after merging env_file and environment); keys from env files that were not given are reported as unknown.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      if (present.length < 2) continue;
      for (const key of envKeysIn(ctx, group)) {
        const has = present.filter((p) => p.service.environment && Object.hasOwn(p.service.environment, key));
        if (has.length === present.length) continue;
        const lacking = present.filter((p) => !has.includes(p));
        const unknown = lacking.filter((p) => p.view.env.envSources?.[p.name]?.[UNKNOWN_KEY]?.kind === "unknown");
        const missing = lacking.filter((p) => !unknown.includes(p));
        let severity: Severity = "info";
        if (missing.length) {
          severity = "low";
          // a key whose development value says "development" is a mode switch production does without
          const devOnly = DEV_ONLY_KEY.test(key) || has.some((h) => /^["']?(dev|develop|development|local|debug)["']?$/i.test(String(h.service.environment?.[key] ?? "")));
          for (const m of missing) {
            const s: Severity = isProductionLike(m.view.role) && has.some((h) => !isProductionLike(h.view.role)) && !devOnly ? "medium" : "low";
            if (severityRank(s) > severityRank(severity)) severity = s;
          }
        }
        const parts = [`set in ${has.map((h) => h.view.name).join(", ")}`];
        if (missing.length) parts.push(`missing in ${missing.map((m) => m.view.name).join(", ")}`);
        if (unknown.length) parts.push(`unknown in ${unknown.map((u) => `${u.view.name} (from ${u.view.env.envSources?.[u.name]?.[UNKNOWN_KEY]?.file ?? "an env file"} that was not given)`).join(", ")}`);
        out.push({
          rule: "env-missing",
          factor: "III",
          severity,
          service: group.id,
          key,
          environments: present.map((p) => p.view.name),
          values: present.map((p) =>
            has.includes(p)
              ? findingValue(ctx, p.view.name, key, p.service.environment?.[key] ?? null)
              : findingValue(ctx, p.view.name, key, null, unknown.includes(p) ? "unknown" : "absent"),
          ),
          message: `\`${key}\` of \`${group.id}\` is ${parts.join("; ")}.`,
          fix: missing.length
            ? `Declare \`${key}\` in every environment (with the environment's own value), or remove it where it is not needed.`
            : `Upload the env file the service reads in ${unknown.map((u) => u.view.name).join(", ")} to compare \`${key}\`.`,
          locations: locations(...has.map((h) => envLocation(h.view, h.name, key))),
        });
      }
    }
    return out;
  },
};
