/**
 * dev-pattern-in-prod: development-only setups in a staging/production environment:
 * source-code bind mounts, dev servers, debug flags, debugger/HMR ports, dev settings
 * modules, dev build targets.
 */
import type { ServiceConfig } from "@/lib/compose/model";
import { isProductionLike, type Severity } from "../roles";
import { envLocation } from "../env-values";
import { memoOne } from "../memo";
import { commandString, findingValue, locate, locations, plainValue, presentIn, type EnvironmentView, type FindingDraft, type Rule } from "../rule-kit";
import type { FindingLocation, FindingValue } from "../result-schema";

const CODE_DIRS = new Set(["/app", "/code", "/src", "/usr/src/app", "/home/app", "/home/app/web", "/srv", "/srv/app", "/opt/app", "/var/www", "/var/www/html", "/workspace", "/project", "/usr/app", "/application"]);

const DEV_SERVERS: [RegExp, string][] = [
  [/\brunserver(_plus)?\b/, "Django's development server (`runserver`)"],
  [/\bflask\s+run\b/, "Flask's development server (`flask run`)"],
  [/\bmanage\.py\s+run\b/, "the Flask development server (`manage.py run`)"],
  [/\bfastapi\s+dev\b/, "`fastapi dev`"],
  [/\bnodemon\b/, "`nodemon`"],
  [/\b(next|nuxt|nuxi|remix|astro)\s+dev\b/, "a frontend dev server"],
  [/\b(npm|pnpm|yarn|bun)\s+(run\s+)?(dev|serve|start:dev|watch)\b/, "a `dev` script"],
  [/\bvite(\s+(dev|serve))?\s*$|\bvite\s+--/, "the Vite dev server"],
  [/\bng\s+serve\b|\bwebpack(-dev-server|\s+serve)\b/, "a webpack/Angular dev server"],
  [/\bwatchmedo\b/, "a file watcher (`watchmedo`)"],
  [/\bmkdocs\s+serve\b/, "the MkDocs dev server"],
  [/(^|[\s/])start-dev\b/, "a `start-dev` script"],
  [/\s--reload\b/, "auto-reload (`--reload`)"],
];

const DEBUG_PORTS: Record<number, string> = {
  5678: "the debugpy debugger port",
  9229: "the Node.js inspector port",
  9230: "a Node.js inspector port",
  24678: "the Vite HMR port",
  35729: "the LiveReload port",
  3035: "the webpack dev server port",
};

const TRUE = /^(1|true|yes|on|y)$/i;
const SEEDING = /\bmanage\.py\s+(seed\w*|loaddata\s+\S*(demo|sample|fake|seed)\S*)\b|\bseed\s+--mode\b|\b(db:seed|prisma\s+db\s+seed)\b/;
const MODE_KEYS = /^(NODE_ENV|FLASK_ENV|APP_ENV|RAILS_ENV|RACK_ENV|ENVIRONMENT|ENV|FASTAPI_ENV|DJANGO_ENV|ASPNETCORE_ENVIRONMENT|GO_ENV|MIX_ENV|SPRING_PROFILES_ACTIVE|APP_MODE|STAGE)$/;
const DEV_MODE = /^(dev|develop|development|local|debug)$/i;
const DEV_SETTINGS = /\.(dev|development|local|local_settings|settings_dev|develop|debug)$/i;
const DEV_TARGET = /^(dev|development|develop|local|debug|builder)$/i;

/** What dev server a command line runs, if any. */
export function devServerOf(cmd: string): string | undefined {
  for (const [re, what] of DEV_SERVERS) if (re.test(cmd)) return what;
  return undefined;
}

function unquote(v: string): string {
  const t = v.trim();
  // only a value that starts with a quote can be quoted
  if (t[0] !== '"' && t[0] !== "'") return t;
  return t.replace(/^(["'])(.*)\1$/, "$2");
}

interface Hit {
  key: string;
  severity: Severity;
  message: string;
  fix: string;
  value: FindingValue;
  loc?: FindingLocation;
}

function isSourceMount(v: NonNullable<ServiceConfig["volumes"]>[number]): boolean {
  if (v.type !== "bind" || !v.source) return false;
  const source = v.source.replace(/\/+$/, "") || "/";
  const target = v.target.replace(/\/+$/, "") || "/";
  if (/^\/(etc|run|var\/run|certificates|certs|docker-entrypoint-initdb\.d|var\/lib|data|backups?)(\/|$)/.test(target)) return false;
  const relative = !source.startsWith("/") && !source.startsWith("~");
  if (!relative) return false;
  return source === "." || source === "./" || CODE_DIRS.has(target);
}

interface KeyKind {
  debug: boolean;
  mode: boolean;
  settings: boolean;
  hosts: boolean;
}

/** What an env key may switch on, judged by its name alone (null: none of them). */
function keyKindOf(key: string): KeyKind | null {
  const k = key.toUpperCase();
  const found = {
    debug: /^DEBUG$|_DEBUG$|^DEBUG_MODE$/.test(k) && !/TOOLBAR|LOG/.test(k),
    mode: MODE_KEYS.test(k),
    settings: k.endsWith("SETTINGS_MODULE"),
    hosts: /ALLOWED_HOSTS$/.test(k),
  };
  return found.debug || found.mode || found.settings || found.hosts ? found : null;
}

function hitsFor(ctx: Parameters<Rule["check"]>[0], view: EnvironmentView, name: string, svc: ServiceConfig, keyKind: (key: string) => KeyKind | null): Hit[] {
  const prod = view.role === "production";
  const sev = (high: Severity, lower: Severity): Severity => (prod ? high : lower);
  const hits: Hit[] = [];
  (svc.volumes ?? []).forEach((v, i) => {
    if (!isSourceMount(v)) return;
    hits.push({
      key: `volumes:${v.target}`,
      severity: sev("high", "medium"),
      message: `\`${name}\` bind-mounts source code (${v.source}:${v.target}) in ${view.name}, so it runs whatever is on the host instead of the built image.`,
      fix: "Copy the code into the image at build time (COPY in the Dockerfile) and drop the bind mount outside development.",
      value: plainValue(view.name, `${v.source}:${v.target}`),
      loc: locate(view, ["services", name, "volumes", i]),
    });
  });
  const cmd = [...(svc.entrypoint ?? []), ...(svc.command ?? [])].join(" ");
  for (const [re, what] of DEV_SERVERS) {
    if (!re.test(cmd)) continue;
    hits.push({
      key: "command",
      severity: sev("high", "medium"),
      message: `\`${name}\` runs ${what} in ${view.name}; development servers are not built for production traffic.`,
      fix: "Run a production server (gunicorn/uvicorn workers, `node server.js`, a built frontend) and keep the dev server in the development override.",
      value: plainValue(view.name, commandString(svc.command) ?? commandString(svc.entrypoint)),
      loc: locate(view, ["services", name, svc.command ? "command" : "entrypoint"]),
    });
    break;
  }
  if (SEEDING.test(cmd)) {
    hits.push({
      key: "command:seed",
      severity: sev("medium", "low"),
      message: `\`${name}\` loads demo or seed data on start in ${view.name}.`,
      fix: "Seed data in development and tests only; run data migrations as one-off admin processes (factor XII).",
      value: plainValue(view.name, commandString(svc.command) ?? commandString(svc.entrypoint)),
      loc: locate(view, ["services", name, svc.command ? "command" : "entrypoint"]),
    });
  }
  const environment = svc.environment ?? {};
  for (const key of Object.keys(environment)) {
    const raw = environment[key];
    if (typeof raw !== "string") continue;
    const value = unquote(raw);
    // both patterns need a `=`
    if (value.includes("=") && (/[?&]sslmode=disable\b/i.test(value) || /[?&](ssl|tls)=(false|0|off)\b/i.test(value))) {
      hits.push({
        key: `env:${key}:tls`,
        severity: sev("medium", "low"),
        message: `In ${view.name}, \`${name}\` connects without TLS (\`${key}\` disables it).`,
        fix: "Use `sslmode=require` (or verify-full) for connections that leave the host in production.",
        value: findingValue(ctx, view.name, key, raw),
        loc: envLocation(view, name, key),
      });
    }
    const kind = keyKind(key);
    if (kind === null) continue;
    let message: string | null = null;
    let severity: Severity = sev("high", "medium");
    if (kind.debug && TRUE.test(value)) message = `debug mode is on (\`${key}=${value}\`)`;
    else if (kind.mode && DEV_MODE.test(value)) message = `it runs in development mode (\`${key}=${value}\`)`;
    else if (kind.settings && DEV_SETTINGS.test(value)) message = `it loads a development settings module (\`${value}\`)`;
    else if (kind.hosts) {
      const hosts = value.split(/[\s,]+/).filter(Boolean);
      if (hosts.includes("*")) {
        message = `it accepts any Host header (\`${key}=*\`)`;
        severity = sev("medium", "low");
      } else if (hosts.length && hosts.every((h) => /^(localhost|127\.0\.0\.1|\[::1\]|::1|0\.0\.0\.0|\.localhost)$/.test(h))) {
        message = `it only allows local hosts (\`${key}=${value}\`), so the real domain is rejected`;
        severity = sev("medium", "low");
      }
    }
    if (!message) continue;
    hits.push({
      key: `env:${key}`,
      severity,
      message: `In ${view.name}, \`${name}\`: ${message}.`,
      fix: `Set \`${key}\` to its production value in the ${view.name} configuration.`,
      value: findingValue(ctx, view.name, key, raw),
      loc: envLocation(view, name, key),
    });
  }
  (svc.ports ?? []).forEach((p, i) => {
    const what = DEBUG_PORTS[p.target];
    if (!what || !p.published) return;
    hits.push({
      key: `ports:${p.target}`,
      severity: p.target === 24678 || p.target === 35729 || p.target === 3035 ? sev("medium", "low") : sev("high", "medium"),
      message: `\`${name}\` publishes ${what} (${p.target}) in ${view.name}.`,
      fix: "Remove the port from the production compose files; publish debug ports in the development override only.",
      value: plainValue(view.name, `${p.host_ip ? `${p.host_ip}:` : ""}${p.published}:${p.target}`),
      loc: locate(view, ["services", name, "ports", i]),
    });
  });
  const target = svc.build?.target;
  if (target && DEV_TARGET.test(target)) {
    hits.push({
      key: "build.target",
      severity: sev("medium", "low"),
      message: `\`${name}\` is built from the \`${target}\` stage in ${view.name}.`,
      fix: "Build the production stage of the Dockerfile for staging and production.",
      value: plainValue(view.name, target),
      loc: locate(view, ["services", name, "build", "target"]),
    });
  }
  return hits;
}

export const devPatternInProdRule: Rule = {
  id: "dev-pattern-in-prod",
  factor: "X",
  title: "Development setup in staging/production",
  description: "A staging or production service uses a development setup: source-code bind mount, dev server, debug flag, debugger/HMR port, dev settings module or dev build target.",
  check(ctx) {
    const out: FindingDraft[] = [];
    // each distinct env key name is judged once per check
    const keyKind = memoOne(keyKindOf);
    for (const group of ctx.groups) {
      for (const p of presentIn(ctx, group)) {
        if (!isProductionLike(p.view.role)) continue;
        for (const h of hitsFor(ctx, p.view, p.name, p.service, keyKind)) {
          out.push({
            rule: "dev-pattern-in-prod",
            factor: "X",
            severity: h.severity,
            service: group.id,
            key: h.key,
            environments: [p.view.name],
            values: [h.value],
            message: h.message,
            fix: h.fix,
            locations: locations(h.loc),
          });
        }
      }
    }
    return out;
  },
};
