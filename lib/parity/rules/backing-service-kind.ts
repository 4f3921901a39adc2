/**
 * backing-service-kind: the same role (database, cache, broker, search, mail) served
 * by a different kind of backing service, recognised from images, URL schemes in
 * env values and settings-like values (`django.db.backends.sqlite3`).
 */
import { isProductionLike, type Severity } from "../roles";
import { envLocation } from "../env-values";
import { memoOne } from "../memo";
import { locate, locations, type EnvironmentView, type FindingDraft, type Rule } from "../rule-kit";
import { BACKING_CATEGORY, backingTechOfImage, type BackingTech } from "../service-kind";
import type { FindingLocation } from "../result-schema";

type Category = (typeof BACKING_CATEGORY)[BackingTech];

const SCHEMES: [RegExp, BackingTech][] = [
  [/^(postgres|postgresql|postgis|pgsql|postgresql\+\w+)(:\/\/|:)/i, "postgres"],
  [/^(mysql|mysql\+\w+|mysql2)(:\/\/|:)/i, "mysql"],
  [/^mariadb(:\/\/|:)/i, "mariadb"],
  [/^mongodb(\+srv)?:\/\//i, "mongodb"],
  [/^sqlite(3)?(\+\w+)?:/i, "sqlite"],
  [/^rediss?:\/\//i, "redis"],
  [/^valkeys?:\/\//i, "valkey"],
  [/^memcached?:\/\//i, "memcached"],
  [/^amqps?:\/\//i, "rabbitmq"],
  [/^(kafka|kafka\+ssl):\/\//i, "kafka"],
  [/^nats:\/\//i, "nats"],
  [/^smtps?:\/\//i, "smtp"],
];

const SETTINGS: [RegExp, BackingTech][] = [
  [/\bdjango\.db\.backends\.sqlite3\b/i, "sqlite"],
  [/\b(django\.db\.backends|django\.contrib\.gis\.db\.backends)\.(postgresql|postgis|postgresql_psycopg2)\b/i, "postgres"],
  [/\bdjango\.db\.backends\.mysql\b/i, "mysql"],
  [/\bdjango_redis\b|\bdjango\.core\.cache\.backends\.redis\b/i, "redis"],
  [/\bdjango\.core\.cache\.backends\.memcached\b/i, "memcached"],
  [/\bdjango\.core\.mail\.backends\.smtp\b/i, "smtp"],
];

/** Technologies whose difference matters less: compatible forks or drop-in protocols. */
const COMPATIBLE: [BackingTech, BackingTech][] = [
  ["redis", "valkey"],
  ["mysql", "mariadb"],
  ["elasticsearch", "opensearch"],
];

/** Every scheme above needs a `:`, every setting names django: values with neither are none of them. */
const MAYBE_SETTING = /django/i;
/** Every scheme above starts with one of these (`http://...` is none of them). */
const SCHEME_START = /^(postgres|postgis|pgsql|mysql|mariadb|mongodb|sqlite|redis|valkey|memcache|amqp|kafka|nats|smtp)/i;

export function techOfValue(value: string): BackingTech | undefined {
  if (!value.includes(":") && !MAYBE_SETTING.test(value)) return undefined;
  const v = value.trim().replace(/^["']|["']$/g, "");
  if (SCHEME_START.test(v)) for (const [re, tech] of SCHEMES) if (re.test(v)) return tech;
  if (MAYBE_SETTING.test(v)) for (const [re, tech] of SETTINGS) if (re.test(v)) return tech;
  return undefined;
}

interface Sighting {
  tech: BackingTech;
  how: string;
  loc?: FindingLocation;
}

/** Sightings kept per category (the first ones; a sighting past them is not described at all). */
const MAX_SIGHTINGS = 20;

function sightings(view: EnvironmentView): Map<Category, Sighting[]> {
  const out = new Map<Category, Sighting[]>();
  /** the list `tech`'s next sighting goes to, or undefined when it is full */
  const listFor = (tech: BackingTech): Sighting[] | undefined => {
    const cat = BACKING_CATEGORY[tech];
    let list = out.get(cat);
    if (!list) {
      list = [];
      out.set(cat, list);
    }
    return list.length < MAX_SIGHTINGS ? list : undefined;
  };
  // services often share values (the same DATABASE_URL): each distinct value is judged once
  const techOf = memoOne(techOfValue);
  for (const [name, svc] of Object.entries(view.env.project.services ?? {})) {
    const tech = backingTechOfImage(svc.image);
    if (tech) listFor(tech)?.push({ tech, how: `service \`${name}\` (${svc.image})`, loc: locate(view, ["services", name, "image"]) });
    const environment = svc.environment ?? {};
    for (const key of Object.keys(environment)) {
      const value = environment[key];
      if (typeof value !== "string") continue;
      const t = techOf(value);
      if (t) listFor(t)?.push({ tech: t, how: `\`${key}\` of \`${name}\``, loc: envLocation(view, name, key) });
    }
  }
  return out;
}

function compatible(a: BackingTech, b: BackingTech): boolean {
  return COMPATIBLE.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

const LABEL: Record<BackingTech, string> = {
  postgres: "PostgreSQL",
  mysql: "MySQL",
  mariadb: "MariaDB",
  mongodb: "MongoDB",
  sqlite: "SQLite",
  redis: "Redis",
  valkey: "Valkey",
  memcached: "Memcached",
  rabbitmq: "RabbitMQ",
  kafka: "Kafka",
  nats: "NATS",
  elasticsearch: "Elasticsearch",
  opensearch: "OpenSearch",
  clickhouse: "ClickHouse",
  minio: "MinIO",
  smtp: "SMTP",
};

export const backingServiceKindRule: Rule = {
  id: "backing-service-kind",
  factor: "X",
  title: "Different kind of backing service",
  description: "The same role (database, cache, broker, search) is served by a different kind of backing service, e.g. SQLite in development and PostgreSQL in production.",
  check(ctx) {
    const out: FindingDraft[] = [];
    if (ctx.environments.length < 2) return out;
    const seen = ctx.environments.map((v) => ({ view: v, cats: sightings(v) }));
    const categories = new Set<Category>();
    for (const s of seen) for (const c of s.cats.keys()) categories.add(c);
    for (const cat of categories) {
      if (cat === "mail") continue; // mail catchers in development are the norm; service-missing covers them
      const withCat = seen.filter((s) => s.cats.has(cat));
      if (withCat.length < 2) continue;
      const techSets = withCat.map((s) => new Set((s.cats.get(cat) ?? []).map((x) => x.tech)));
      const all = new Set(techSets.flatMap((s) => [...s]));
      // every environment uses the same technologies: no finding
      if (techSets.every((s) => s.size === all.size)) continue;
      const list = [...all];
      const onlyCompatible = list.every((a) => list.every((b) => a === b || compatible(a, b)));
      const prodInvolved = withCat.some((s) => isProductionLike(s.view.role));
      let severity: Severity = onlyCompatible ? "low" : cat === "database" ? "high" : "medium";
      if (!prodInvolved && severity === "high") severity = "medium";
      const techsOf = (s: (typeof withCat)[number]) => [...new Set((s.cats.get(cat) ?? []).map((x) => x.tech))];
      const per = withCat.map((s) => `${techsOf(s).map((t) => LABEL[t]).join(" + ")} in ${s.view.name}`).join(", ");
      out.push({
        rule: "backing-service-kind",
        factor: "X",
        severity,
        service: null,
        key: cat,
        environments: withCat.map((s) => s.view.name),
        values: withCat.map((s) => ({
          env: s.view.name,
          state: "set" as const,
          value: techsOf(s)
            .map((t) => `${LABEL[t]} via ${(s.cats.get(cat) ?? []).filter((x) => x.tech === t).map((x) => x.how).join(", ")}`)
            .join("; "),
          secret: false,
        })),
        message: `The ${cat} is not the same kind of service everywhere: ${per}.`,
        fix: `Run the same ${cat} (same engine and major version) in every environment, e.g. a ${LABEL[list.find((t) => t !== "sqlite") ?? list[0] ?? "postgres"]} container in development.`,
        locations: locations(...withCat.flatMap((s) => (s.cats.get(cat) ?? []).map((x) => x.loc))),
      });
    }
    return out;
  },
};
