/**
 * What a service is for (app, worker, database...) and which backing technology it
 * runs, recognised from its image, name and command. Used to match renamed services
 * and to judge how much a difference matters.
 */
import type { ServiceConfig } from "@/lib/compose/model";
import { parseImage } from "./image-ref";

export type ServiceKind =
  | "app"
  | "worker"
  | "scheduler"
  | "proxy"
  | "database"
  | "cache"
  | "queue"
  | "search"
  | "storage"
  | "mail"
  | "dev-tool"
  | "job"
  | "other";

export type BackingTech =
  | "postgres"
  | "mysql"
  | "mariadb"
  | "mongodb"
  | "sqlite"
  | "redis"
  | "valkey"
  | "memcached"
  | "rabbitmq"
  | "kafka"
  | "nats"
  | "elasticsearch"
  | "opensearch"
  | "clickhouse"
  | "minio"
  | "smtp";

export const BACKING_CATEGORY: Record<BackingTech, "database" | "cache" | "queue" | "search" | "storage" | "mail"> = {
  postgres: "database",
  mysql: "database",
  mariadb: "database",
  mongodb: "database",
  sqlite: "database",
  clickhouse: "database",
  redis: "cache",
  valkey: "cache",
  memcached: "cache",
  rabbitmq: "queue",
  kafka: "queue",
  nats: "queue",
  elasticsearch: "search",
  opensearch: "search",
  minio: "storage",
  smtp: "mail",
};

/** Image name → technology. Matched against the last path segment of the repository. */
const IMAGE_TECH: [string[], BackingTech][] = [
  [["postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "pgvector", "supabase-postgres"], "postgres"],
  [["mysql", "mysql-server"], "mysql"],
  [["mariadb"], "mariadb"],
  [["mongo", "mongodb", "mongodb-community-server"], "mongodb"],
  [["redis", "redis-stack", "redis-stack-server", "keydb"], "redis"],
  [["valkey"], "valkey"],
  [["memcached"], "memcached"],
  [["rabbitmq"], "rabbitmq"],
  [["kafka", "cp-kafka", "redpanda"], "kafka"],
  [["nats"], "nats"],
  [["elasticsearch"], "elasticsearch"],
  [["opensearch"], "opensearch"],
  [["clickhouse", "clickhouse-server"], "clickhouse"],
  [["minio"], "minio"],
  [["exim4", "postfix", "docker-postfix", "smtp", "sendmail"], "smtp"],
];
const TECH_OF_NAME = new Map(IMAGE_TECH.flatMap(([names, tech]) => names.map((n) => [n, tech] as const)));

const DEV_TOOLS = new Set([
  ..."mailhog mailpit mailtrap mailtrap-local maildev smtp4dev pgadmin pgadmin4 adminer phpmyadmin flower redis-commander redisinsight mongo-express portainer".split(" "),
  ..."playwright selenium standalone-chrome cypress storybook jupyter notebook dozzle localstack ngrok mkdocs docs kibana rediscommander pgweb dbgate whoami".split(" "),
]);

const PROXIES = new Set("nginx nginx-proxy openresty traefik caddy haproxy envoy httpd apache apache2 varnish swag".split(" "));

export function backingTechOfImage(image: string | undefined): BackingTech | undefined {
  if (!image) return undefined;
  return TECH_OF_NAME.get(parseImage(image).name);
}

function commandText(svc: ServiceConfig): string {
  const parts = [...(svc.entrypoint ?? []), ...(svc.command ?? [])];
  return parts.join(" ").toLowerCase();
}

function nameWords(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** All `classifyService` reads of a service: its name, image name, command text and whether it is built. */
interface ServiceFacts {
  name: string;
  image: string;
  cmd: string;
  built: boolean;
}

function factsOf(name: string, service: ServiceConfig): ServiceFacts {
  return { name, image: service.image ? parseImage(service.image).name : "", cmd: commandText(service), built: !!service.build };
}

/** Classifies a service by image, name and command (first match wins, see docs/rules.md). */
export function classifyService({ name, service }: { name: string; service: ServiceConfig }): ServiceKind {
  return kindOf(factsOf(name, service));
}

/**
 * `classifyService` for one comparison: services that agree on everything it reads (the same
 * service in several environments, usually) are classified once.
 */
export function createServiceClassifier(): (input: { name: string; service: ServiceConfig }) => ServiceKind {
  const memo = new Map<string, ServiceKind>();
  return ({ name, service }) => {
    const facts = factsOf(name, service);
    // length-prefixed, so no two different fact sets share a key
    const key = `${facts.built ? "b" : "-"}${facts.name.length}:${facts.name}${facts.image.length}:${facts.image}${facts.cmd}`;
    let kind = memo.get(key);
    if (kind === undefined) {
      kind = kindOf(facts);
      memo.set(key, kind);
    }
    return kind;
  };
}

function kindOf({ name, image, cmd, built }: ServiceFacts): ServiceKind {
  const words = nameWords(name);
  const joined = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  const cmdWords = cmd.split(/[^a-z0-9_-]+/).filter(Boolean);

  if (DEV_TOOLS.has(image) || DEV_TOOLS.has(name.toLowerCase()) || words.some((w) => DEV_TOOLS.has(w) && w !== "docs") || /\bflower\b/.test(cmd) || /\bmkdocs\s+serve\b/.test(cmd))
    return "dev-tool";
  if (PROXIES.has(image) || words.some((w) => PROXIES.has(w))) return "proxy";
  // what `backingTechOfImage(service.image)` answers
  let tech = image ? TECH_OF_NAME.get(image) : undefined;
  // the first name word that names a technology (each word judged only until one does)
  for (let i = 0; !tech && i < words.length; i++) tech = backingTechOfImage(words[i]);
  if (tech && !built) return BACKING_CATEGORY[tech];
  if (tech && built && words.some((w) => backingTechOfImage(w))) return BACKING_CATEGORY[tech];
  if (cmdWords.includes("beat") || /(beat|scheduler|cron|clock|tick)/.test(joined)) return "scheduler";
  if (cmdWords.includes("worker") || /(worker|celery|consumer|rq|sidekiq|queue)/.test(joined) || /\b(celery|rq|sidekiq|dramatiq|huey|arq)\b/.test(cmd)) return "worker";
  if (/(migrate|migration|certbot|seed|setup|init|createbuckets|bootstrap)/.test(joined) && !/(runserver|gunicorn|uvicorn)/.test(cmd)) return "job";
  if (
    built ||
    /(web|app|api|backend|frontend|server|django|flask|fastapi|rails|node|next|nuxt|vue|react|ui|site|portal|netbox|mattermost|sentry|relay|snuba)/.test(joined) ||
    /(runserver|gunicorn|uvicorn|daphne|hypercorn|puma|npm|yarn|node|flask|fastapi)/.test(cmd)
  )
    return "app";
  return "other";
}
