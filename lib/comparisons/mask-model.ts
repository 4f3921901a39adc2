/**
 * Masks every secret value in loaded environments' canonical models so they can be
 * stored and shown side by side. Field-level first (a value under a secret key name,
 * env/build-arg/label values judged like env values, command-line secret flags, URL
 * credentials anywhere, inline `configs.*.content`), then, like CI log masking, every
 * secret value the environments hold is replaced wherever else it shows up.
 */
import type { ComposeProject, LoadedEnvironment } from "@/lib/compose/model";
import { MASK, createScrubber, maskCommandSecrets, maskUrlCredentials, redactFileContent, redactValue, scrubDeep } from "@/lib/parity/redact";
import { classifySecret, isSecretKey } from "@/lib/parity/secrets";

export interface MaskModelsOptions {
  environments: readonly LoadedEnvironment[];
  fingerprintKey: Uint8Array | string;
  /** the scrubber of these environments' secret values, when the caller already made it (`createEnvironmentsScrubber`) */
  scrub?: (s: string) => string;
}

/** Maps whose values are judged as env values (key name, URL credentials, entropy). */
const VALUE_MAPS = new Set(["environment", "args", "labels", "annotations", "build_args"]);
const SECRET_FLAG_ALONE = /^--?(requirepass|masterauth|password|passwd|pass|token|secret|api-key|apikey|auth-token)$/i;

/** Every secret value (or secret part of one) the environments hold. */
export function collectSecretValues({ environments }: { environments: readonly LoadedEnvironment[] }): string[] {
  const out: string[] = [];
  const add = (key: string, value: unknown) => {
    if (typeof value !== "string") return;
    const c = classifySecret({ key, value });
    if (c.secret) out.push(...c.parts);
  };
  for (const env of environments) {
    for (const [k, v] of Object.entries(env.variables ?? {})) add(k, v?.value);
    for (const svc of Object.values(env.project?.services ?? {})) {
      for (const [k, v] of Object.entries(svc.environment ?? {})) add(k, v);
      for (const [k, v] of Object.entries(svc.build?.args ?? {})) add(k, v);
      for (const [k, v] of Object.entries(svc.labels ?? {})) add(judgedKey(k), v);
      for (const line of [svc.command, svc.entrypoint, svc.healthcheck?.test]) out.push(...commandLineSecrets(line));
    }
  }
  return out;
}

/** Values given to secret flags on a command line: `["--requirepass", "x"]`, `--password=x`, `--token x`. */
function commandLineSecrets(line: unknown): string[] {
  const items = typeof line === "string" ? line.split(/\s+/) : Array.isArray(line) ? line.filter((x): x is string => typeof x === "string") : [];
  const out: string[] = [];
  items.forEach((item, i) => {
    const prev = items[i - 1];
    const inline = /^--?[A-Za-z-]+=(.+)$/.exec(item);
    const flag = inline ? item.slice(0, item.indexOf("=")) : prev;
    const value = inline ? inline[1] : item;
    if (flag !== undefined && value !== undefined && SECRET_FLAG_ALONE.test(flag) && !/^\$\$?\{?[A-Za-z_]/.test(value)) out.push(value.replace(/^["']|["']$/g, ""));
  });
  return out;
}

/** Names in the projects (services, image name parts): left visible by the scrubber. */
function projectNames(environments: readonly LoadedEnvironment[]): Set<string> {
  const names = new Set<string>();
  for (const env of environments) {
    for (const [name, svc] of Object.entries(env.project?.services ?? {})) {
      names.add(name);
      for (const part of (svc.image ?? "").split(/[/:@.]/)) if (part) names.add(part);
    }
  }
  return names;
}

/** `traefik.http.middlewares.auth.basicauth.users` is judged by its last parts. */
function judgedKey(key: string): string {
  return key.includes(".") ? key.split(".").slice(-2).join("_") : key;
}

function maskField(key: string | undefined, value: string, inValueMap: boolean, fingerprintKey: Uint8Array | string): string {
  if (key !== undefined && inValueMap) return redactValue({ key: judgedKey(key), value, fingerprintKey }).display ?? value;
  if (key !== undefined && isSecretKey(judgedKey(key)) && classifySecret({ key: judgedKey(key), value }).secret) return MASK;
  return maskUrlCredentials(value);
}

/** `services.<name>.environment.<KEY>`, `services.<name>.build.args.<KEY>`, `<kind>.<name>.labels.<KEY>`... */
function inValueMap(path: readonly string[]): boolean {
  if (path.length === 4) return VALUE_MAPS.has(path[2] ?? "");
  return path.length === 5 && path[2] === "build" && path[3] === "args";
}

function maskTree(value: unknown, fingerprintKey: Uint8Array | string): unknown {
  const walk = (v: unknown, path: string[]): unknown => {
    if (path.length > 64) return v;
    const key = path.at(-1);
    if (typeof v === "string") return maskField(key, v, inValueMap(path), fingerprintKey);
    if (Array.isArray(v)) {
      // command lines: `--requirepass X` as two items, `--password=X`, `KEY=value`
      return v.map((x, i) => {
        if (typeof x !== "string") return walk(x, [...path, String(i)]);
        const prev = v[i - 1];
        if (typeof prev === "string" && SECRET_FLAG_ALONE.test(prev) && !/^\$\$?\{?[A-Za-z_]/.test(x)) return MASK;
        return maskUrlCredentials(maskCommandSecrets(x));
      });
    }
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        // inline config files (top-level `configs: { name: { content: ... } }`) are masked like an uploaded file
        if (path.length === 2 && path[0] === "configs" && k === "content" && typeof x === "string") {
          out[k] = redactFileContent({ name: path[1] ?? "config", kind: "compose", content: x });
          continue;
        }
        out[k] = walk(x, [...path, k]);
      }
      return out;
    }
    return v;
  };
  return walk(value, []);
}

/** Per environment name: its canonical model with every secret value masked. */
export function maskModels({ environments, fingerprintKey, scrub = createEnvironmentsScrubber({ environments }) }: MaskModelsOptions): Record<string, ComposeProject> {
  const out: Record<string, ComposeProject> = {};
  for (const env of environments) {
    const masked = maskTree(env.project, fingerprintKey) as ComposeProject;
    out[env.name] = scrubDeep(masked, scrub);
  }
  return out;
}

/** A scrubber over every secret value of the environments (for stored file contents). */
export function createEnvironmentsScrubber({ environments }: { environments: readonly LoadedEnvironment[] }): (s: string) => string {
  return createScrubber(collectSecretValues({ environments }), { names: projectNames(environments) });
}
