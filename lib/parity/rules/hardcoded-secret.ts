/**
 * hardcoded-secret: a secret-looking value written literally in a compose file or
 * in an env file that was given (so committed or shared): by key name, credentials
 * in URLs, known defaults, placeholders, entropy (factor III).
 */
import { envKeysIn, envLocation, valueOrigin } from "../env-values";
import { isProductionLike, severityRank, type Severity } from "../roles";
import { compareLocale, createSharedFindings, findingValue, locate, locations, presentIn, secretsOf, type Rule } from "../rule-kit";
import type { FindingLocation } from "../result-schema";

const STRENGTH_WORDS = {
  "known-default": "a well-known default",
  placeholder: "a placeholder",
  literal: "a literal value",
  "random-looking": "a real-looking secret",
} as const;

function severityOf(strength: keyof typeof STRENGTH_WORDS, productionLike: boolean, value: string): Severity {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return "critical";
  if (!productionLike) return strength === "placeholder" || strength === "known-default" ? "info" : "low";
  return strength === "placeholder" ? "medium" : "high";
}

/** Every key some service of an environment has in its `environment` (own properties). */
function ownEnvKeys(services: Record<string, { environment?: Record<string, unknown> }> | undefined): Set<string> {
  const keys = new Set<string>();
  for (const svc of Object.values(services ?? {})) if (svc.environment) for (const k of Object.getOwnPropertyNames(svc.environment)) keys.add(k);
  return keys;
}

const AUTH_LABEL = /(basicauth|digestauth)\.users$/i;

export const hardcodedSecretRule: Rule = {
  id: "hardcoded-secret",
  factor: "III",
  title: "Secret written in a file",
  description: "A secret-looking value (by key name, credentials in a URL, a known default, or entropy) is written literally in a compose file or an env file.",
  check(ctx) {
    const out = createSharedFindings();
    const { classify } = secretsOf(ctx);
    const coveredVars = new Map<string, Set<string>>();
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      for (const key of envKeysIn(ctx, group)) {
        const hits: { env: string; severity: Severity; strength: keyof typeof STRENGTH_WORDS; where: string; loc?: FindingLocation; raw: string }[] = [];
        for (const p of present) {
          const raw = p.service.environment?.[key];
          if (typeof raw !== "string") continue;
          const origin = valueOrigin(p.view, p.name, key);
          const src = p.view.env.envSources?.[p.name]?.[key];
          for (const v of src?.variables ?? []) {
            const set = coveredVars.get(p.view.name) ?? new Set<string>();
            set.add(v.name);
            coveredVars.set(p.view.name, set);
          }
          if (origin.kind === "unknown") continue;
          const c = classify(key, raw);
          if (!c.secret) continue;
          const where =
            origin.kind === "env-file" ? `the env file ${origin.file ?? ""}`.trim() : origin.kind === "default" ? "a variable default in the compose file" : "the compose file";
          hits.push({
            env: p.view.name,
            severity: severityOf(c.strength, isProductionLike(p.view.role), raw),
            strength: c.strength,
            where,
            loc: envLocation(p.view, p.name, key),
            raw,
          });
        }
        if (!hits.length) continue;
        const worst = hits.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
        const place = {
          rule: "hardcoded-secret",
          severity: worst.severity,
          service: group.id,
          key,
          environments: hits.map((h) => h.env),
          locations: locations(...hits.map((h) => h.loc)),
        };
        // the values and message are written only for the first service of a shared place
        out.add(place, () => ({
          rule: place.rule,
          factor: "III",
          severity: place.severity,
          service: place.service,
          key,
          environments: place.environments,
          values: hits.map((h) => findingValue(ctx, h.env, key, h.raw)),
          message: `\`${key}\` of \`${group.id}\` is ${STRENGTH_WORDS[worst.strength]} written in ${[...new Set(hits.map((h) => `${h.where} (${h.env})`))].join(", ")}.`,
          fix:
            worst.strength === "placeholder"
              ? `Make sure \`${key}\` is set from a secret store at deploy time; keep only the placeholder in the repository.`
              : `Move \`${key}\` out of the repository (deploy-time env, Docker secrets or a secret manager) and rotate the value.`,
          locations: place.locations,
        }));
      }
      // build arguments end up in the image history
      const argHits: { p: (typeof present)[number]; k: string; v: string }[] = [];
      for (const p of present) {
        const args = p.service.build?.args;
        if (!args) continue;
        for (const k of Object.keys(args)) {
          const v = args[k];
          if (typeof v === "string" && classify(k, v).secret) argHits.push({ p, k, v });
        }
      }
      for (const k of [...new Set(argHits.map((h) => h.k))].sort()) {
        const hs = argHits.filter((h) => h.k === k);
        let severity: Severity = "info";
        for (const h of hs) {
          const s = severityOf(classify(k, h.v).strength, isProductionLike(h.p.view.role), h.v);
          if (severityRank(s) > severityRank(severity)) severity = s;
        }
        out.push({
          rule: "hardcoded-secret",
          factor: "III",
          severity,
          service: group.id,
          key: `build.args.${k}`,
          environments: hs.map((h) => h.p.view.name),
          values: hs.map((h) => findingValue(ctx, h.p.view.name, k, h.v)),
          message: `The build argument \`${k}\` of \`${group.id}\` holds a secret (${hs.map((h) => h.p.view.name).join(", ")}); build arguments stay readable in the image history.`,
          fix: "Pass build-time secrets with BuildKit secret mounts (`build.secrets`), not build arguments, and rotate the value.",
          locations: locations(...hs.map((h) => locate(h.p.view, ["services", h.p.name, "build", "args", h.k]))),
        });
      }
      // htpasswd hashes in labels (Traefik basic auth)
      const labelHits: { p: (typeof present)[number]; k: string; v: string }[] = [];
      for (const p of present) {
        const labels = p.service.labels;
        if (!labels) continue;
        for (const k of Object.keys(labels)) {
          const v = labels[k];
          if (AUTH_LABEL.test(k) && typeof v === "string" && v.includes(":")) labelHits.push({ p, k, v });
        }
      }
      for (const k of [...new Set(labelHits.map((h) => h.k))]) {
        const hs = labelHits.filter((h) => h.k === k);
        const prod = hs.some((h) => isProductionLike(h.p.view.role));
        out.push({
          rule: "hardcoded-secret",
          factor: "III",
          severity: prod ? "medium" : "low",
          service: group.id,
          key: `labels.${k}`,
          environments: hs.map((h) => h.p.view.name),
          values: hs.map((h) => findingValue(ctx, h.p.view.name, "HTPASSWD", h.v)),
          message: `A basic-auth password hash for \`${group.id}\` is written in the compose file (${hs.map((h) => h.p.view.name).join(", ")}).`,
          fix: "Load the users file from a Docker secret or a file outside the repository (`usersfile`), and change the password.",
          locations: locations(...hs.map((h) => locate(h.p.view, ["services", h.p.name, "labels", h.k]))),
        });
      }
    }
    // project variables (interpolation only) that no service env value used
    const byVar = new Map<string, { env: string; value: string; file: string; line: number; productionLike: boolean }[]>();
    for (const view of ctx.environments) {
      let serviceKeys: Set<string> | undefined;
      for (const [name, v] of Object.entries(view.env.variables ?? {})) {
        if (coveredVars.get(view.name)?.has(name) || name.startsWith("COMPOSE_")) continue;
        // the same key reaches a service through env_file: reported with the service
        serviceKeys ??= ownEnvKeys(view.env.project.services);
        if (serviceKeys.has(name)) continue;
        const c = classify(name, v.value);
        if (!c.secret) continue;
        const hit = { env: view.name, value: v.value, file: v.file, line: v.line, productionLike: isProductionLike(view.role) };
        const list = byVar.get(name);
        if (list) list.push(hit);
        else byVar.set(name, [hit]);
      }
    }
    for (const [name, hits] of [...byVar].sort(([a], [b]) => compareLocale(a, b))) {
      let severity: Severity = "info";
      for (const h of hits) {
        const c = classify(name, h.value);
        const s = severityOf(c.strength, h.productionLike, h.value);
        if (severityRank(s) > severityRank(severity)) severity = s;
      }
      out.push({
        rule: "hardcoded-secret",
        factor: "III",
        severity,
        service: null,
        key: name,
        environments: hits.map((h) => h.env),
        values: hits.map((h) => findingValue(ctx, h.env, name, h.value)),
        message: `The project variable \`${name}\` holds a secret written in ${[...new Set(hits.map((h) => h.file))].join(", ")}.`,
        fix: `Set \`${name}\` at deploy time instead of in a committed env file, and rotate the value.`,
        locations: locations(...hits.map((h) => ({ env: h.env, file: h.file, line: Math.max(1, h.line), col: 1 }))),
      });
    }
    return out.done();
  },
};
