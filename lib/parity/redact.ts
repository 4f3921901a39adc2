/**
 * Redaction: secret values never leave `lib/parity` in clear. A secret value is
 * shown as a mask (`•••• (32 chars)`), credentials inside URLs are masked in place
 * (`postgres://app:••••@db:5432/app`), and equality across environments is
 * judged from an HMAC fingerprint keyed per comparison.
 */
import { MAX_SCANNED_LENGTH, classifySecret, findUrlCredentials, fingerprintSecret, type SecretClassification } from "./secrets";

export const MASK = "••••";

export function maskValue(value: string): string {
  return `${MASK} (${[...value].length} chars)`;
}

/** Replaces the password of every `scheme://user:password@` in place. */
export function maskUrlCredentials(value: string): string {
  const creds = findUrlCredentials(value);
  let out = value;
  for (const c of [...creds].reverse()) out = out.slice(0, c.start) + MASK + out.slice(c.end);
  return out;
}

export interface RedactedValue {
  /** what may be shown: the value itself, a mask, or the value with URL credentials masked */
  display: string | null;
  secret: boolean;
  /** HMAC fingerprint of the whole value when it is secret */
  fingerprint?: string;
  classification: SecretClassification;
}

/** Redacts one env value (`key` gives the context for classification). */
export function redactValue({
  key,
  value,
  fingerprintKey,
  classify = (k, v) => classifySecret({ key: k, value: v }),
  fingerprint: fingerprintOf = fingerprintSecret,
}: {
  key: string;
  value: string | null | undefined;
  fingerprintKey: Uint8Array | string;
  /** classification and fingerprint functions (a comparison passes memoised ones, see secret-memo.ts) */
  classify?: (key: string, value: string) => SecretClassification;
  fingerprint?: (o: { value: string; key: Uint8Array | string }) => string;
}): RedactedValue {
  const classification = typeof value === "string" ? classify(key, value) : classifySecret({ key, value });
  if (value === null || value === undefined) return { display: null, secret: false, classification };
  if (!classification.secret) return { display: value, secret: false, classification };
  const fingerprint = fingerprintOf({ value, key: fingerprintKey });
  const wholeValue = classification.reasons.includes("key-name") || classification.reasons.includes("high-entropy");
  const display = wholeValue ? maskValue(value) : maskUrlCredentials(value);
  return { display, secret: true, fingerprint, classification };
}

/**
 * A function that replaces, inside any string, every occurrence of the given secret
 * values (like CI log masking). Short values (under 8 characters, or 6 with a digit,
 * capital or symbol), defaults that are also ordinary names (`postgres`, `password`) and
 * values that are names in the project (`names`) are left to field-level masking:
 * replacing them inside unrelated strings (image names, service names) would garble the output.
 */
/** Well-known defaults that are also ordinary names (images, engines, frameworks). */
const NAME_LIKE_DEFAULTS = new Set(["postgres", "mysql", "mariadb", "mongodb", "django", "secret", "example", "default", "password", "insecure", "redis"]);

/** The scrubber when there is nothing to scrub. */
const unchanged = (s: string): string => s;

export function createScrubber(
  secrets: Iterable<string>,
  { names = [] }: { names?: Iterable<string> | (() => Iterable<string>) } = {},
): (s: string) => string {
  const long = [...new Set([...secrets].map((s) => s.trim()))].filter((s) => s.length >= 8 || (s.length >= 6 && /[^a-z]/.test(s)));
  if (!long.length) return unchanged;
  // values that are also names in the project (a service, a part of an image name) stay visible there;
  // `names` may be a function, called only when some value is long enough to be scrubbed
  const exempt = new Set([...NAME_LIKE_DEFAULTS, ...[...(typeof names === "function" ? names() : names)].map((n) => n.toLowerCase())]);
  const list = long
    .filter((s) => !exempt.has(s.toLowerCase()))
    // template markers (`{{ cookiecutter.x }}`, `<your-key>`) are not secrets
    .filter((s) => !/^(\{\{.*\}\}|<[^>]+>)$/.test(s))
    .sort((a, b) => b.length - a.length);
  if (!list.length) return unchanged;
  // one pass tells whether a string holds any of the values (most hold none); only those are replaced, value by value as before
  const any = anyOf(list);
  return (s) => {
    if (!any(s)) return s;
    let out = s;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  };
}

/** A test for whether a string contains any of `values`: one regular expression of the escaped values. */
function anyOf(values: readonly string[]): (s: string) => boolean {
  try {
    const re = new RegExp(values.map((v) => v.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")).join("|"));
    return (s) => re.test(s);
  } catch {
    // too large for one expression
    return (s) => values.some((v) => s.includes(v));
  }
}

/** Masks secrets written on a command line: `--requirepass X`, `--password=X`, `KEY=value` with a secret key, URL credentials. */
export function maskCommandSecrets(command: string): string {
  if (command.length > MAX_SCANNED_LENGTH) return `${MASK} (command of ${command.length} chars)`;
  let out = maskUrlCredentials(command).replace(SECRET_FLAG, (all, flag: string, sep: string, v: string) =>
    v === MASK || /^\$\$?\{?[A-Za-z_]/.test(v) ? all : `${flag}${sep}${MASK}`,
  );
  if (!out.includes("=")) return out;
  out = out.replace(/(^|[\s"'])([A-Za-z_][A-Za-z0-9_]*)=([^\s"']+)/g, (all, pre: string, k: string, v: string) =>
    classifySecret({ key: k, value: v }).reasons.includes("key-name") ? `${pre}${k}=${MASK}` : all,
  );
  return out;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A deep scrub: copies of values with every string scrubbed (keys included), except under `skipKeys`. */
export interface DeepScrub {
  /** a scrubbed copy of `value`, which sits `depth` levels deep in the tree being scrubbed (nothing below 64 levels is touched) */
  copy: (value: unknown, depth: number) => unknown;
  /** what an object key becomes */
  key: (k: string) => string;
}

/** `scrub` must be a pure function of its string (each distinct key is scrubbed once). */
export function createDeepScrub(scrub: (s: string) => string, skipKeys: ReadonlySet<string> = new Set()): DeepScrub {
  const scrubbedKeys = new Map<string, string>();
  const key =
    scrub === unchanged
      ? unchanged
      : (k: string): string => {
          let s = scrubbedKeys.get(k);
          if (s === undefined) {
            s = scrub(k);
            scrubbedKeys.set(k, s);
          }
          return s;
        };
  const copy = (v: unknown, depth: number): unknown => {
    if (depth > 64) return v;
    if (typeof v === "string") return scrub(v);
    if (typeof v !== "object" || v === null) return v;
    if (Array.isArray(v)) {
      const n = v.length;
      const out: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) if (i in v) out[i] = copy(v[i], depth + 1);
      return out;
    }
    // own enumerable string keys, in Object.keys order
    const out: Record<string, unknown> = {};
    for (const k in v) {
      if (!hasOwn.call(v, k)) continue;
      const x = (v as Record<string, unknown>)[k];
      out[key(k)] = skipKeys.has(k) ? x : copy(x, depth + 1);
    }
    return out;
  };
  return { copy, key };
}

/**
 * Applies `scrub` to every string inside a JSON-like value (keys included), except under `skipKeys`;
 * returns a copy. `scrub` must be a pure function of its string.
 */
export function scrubDeep<T>(value: T, scrub: (s: string) => string, skipKeys: ReadonlySet<string> = new Set()): T {
  return createDeepScrub(scrub, skipKeys).copy(value, 0) as T;
}

const ENV_LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;
/** `KEY: value`, `- KEY=value`, `"KEY": value` inside YAML, one line at a time. */
const YAML_PAIR = /^(\s*(?:-\s+)?["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)(.*)$/;

const SECRET_FLAG_ITEM = /^\s*-\s+["']?--?(?:requirepass|masterauth|password|passwd|pass|token|secret|api-key|apikey|auth-token)["']?\s*$/i;
const LIST_ITEM = /^(\s*-\s+["']?)([^\s"']+)(["']?\s*)$/;
// the separator also spans list syntax: `"--requirepass", "x"` (flow) and `- --requirepass\n  - x` (block)
const SECRET_FLAG = /(--?(?:requirepass|masterauth|password|passwd|pass|token|secret|api-key|apikey|auth-token))((?:["']?[ \t]*,[ \t]*["']?)|(?:["']?[ \t]*\r?\n[ \t]*-[ \t]+["']?)|[= ]+)([^\s"',\]]+)/gi;

function splitTrailingComment(raw: string): [string, string] {
  const trimmed = raw.trimStart();
  if (trimmed.startsWith('"') || trimmed.startsWith("'")) {
    const q = trimmed[0] as string;
    const lead = raw.length - trimmed.length;
    const close = trimmed.indexOf(q, 1);
    if (close > 0) return [raw.slice(0, lead + close + 1), raw.slice(lead + close + 1)];
    return [raw, ""];
  }
  const m = /\s+#/.exec(raw);
  return m ? [raw.slice(0, m.index), raw.slice(m.index)] : [raw, ""];
}

function unquote(v: string): { inner: string; open: string; close: string } {
  const t = v.trim();
  const lead = v.slice(0, v.length - v.trimStart().length);
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) {
    return { inner: t.slice(1, -1), open: lead + t[0], close: t[0] as string };
  }
  return { inner: t, open: lead, close: "" };
}

function redactPair(key: string, rawValue: string, found: string[]): string {
  const [valuePart, rest] = splitTrailingComment(rawValue);
  const { inner, open, close } = unquote(valuePart);
  if (inner === "" || inner === "|" || inner === ">" || inner.startsWith("&") || inner.startsWith("*")) return rawValue;
  const c = classifySecret({ key, value: inner });
  if (!c.secret) return maskUrlCredentials(rawValue);
  found.push(...c.parts);
  const wholeValue = c.reasons.includes("key-name") || c.reasons.includes("high-entropy");
  return `${open}${wholeValue ? MASK : maskUrlCredentials(inner)}${close}${rest}`;
}

/**
 * Masks secret values in an env file, compose file or Procfile text, line by line,
 * keeping the line layout so line numbers still match. Commented-out assignments
 * are masked too (`#SECRET_KEY=...`). Like the parity result, a secret value that
 * shows up elsewhere in the file (a user or database name equal to the password) is
 * masked there too; `knownSecrets` adds values found in the environment's other files.
 */
export function redactFileContent({
  name,
  kind,
  content,
  knownSecrets = [],
}: {
  name: string;
  kind: "compose" | "env" | "procfile";
  content: string;
  knownSecrets?: readonly string[];
}): string {
  void name;
  const found: string[] = [...knownSecrets];
  const lines = maskLines(kind, content, found);
  const scrub = createScrubber(found);
  for (let i = 0; i < lines.length; i += 2) lines[i] = scrub(lines[i] ?? "");
  return lines.join("");
}

/**
 * Redacts the files of one environment together: a secret found in any of them
 * (the password in `.env.prod.db`) is also masked where another file repeats it.
 */
export function redactFileSet(files: readonly { name: string; kind: "compose" | "env" | "procfile"; content: string }[]): string[] {
  const found: string[] = [];
  const masked = files.map((f) => maskLines(f.kind, f.content, found));
  const scrub = createScrubber(found);
  return masked.map((lines) => lines.map((part, i) => (i % 2 === 0 ? scrub(part) : part)).join(""));
}

/** Masks secret values line by line; collects the secret values it masked into `found`. Odd entries are line breaks. */
function maskLines(kind: "compose" | "env" | "procfile", content: string, found: string[]): string[] {
  const lines = content.split(/(\r?\n)/);
  // block list syntax: `- --requirepass` on one line, its value as the next item
  let flagBefore = false;
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i] ?? "";
    if (kind !== "env") {
      const wasFlag = flagBefore;
      flagBefore = SECRET_FLAG_ITEM.test(line);
      const item = wasFlag ? LIST_ITEM.exec(line) : null;
      if (item) {
        const [, lead = "", value = "", tail = ""] = item;
        if (value !== MASK && !/^\$\$?\{?[A-Za-z_]/.test(value)) {
          found.push(value);
          lines[i] = `${lead}${MASK}${tail}`;
          continue;
        }
      }
    }
    const comment = /^(\s*#+\s*)(.*)$/.exec(line);
    const prefix = comment ? (comment[1] ?? "") : "";
    const body = comment ? (comment[2] ?? "") : line;
    let redacted = body;
    const m = (kind === "env" ? ENV_LINE : YAML_PAIR).exec(body) ?? (kind !== "env" ? ENV_LINE.exec(body.replace(/^(\s*-\s+)/, "$1")) : null);
    if (m) {
      const [, lead = "", key = "", sep = "", rawValue = ""] = m;
      // `- "KEY=value"`: keep the closing quote that belongs to the whole item
      const q = lead.trimEnd().slice(-1);
      const closing = (q === '"' || q === "'") && !sep.startsWith(q) && rawValue.trimEnd().endsWith(q) ? q : "";
      const value = closing ? rawValue.trimEnd().slice(0, -1) : rawValue;
      // a label key like `traefik.http.middlewares.auth.basicauth.users` is judged by its last parts
      const judgedKey = key.includes(".") ? key.split(".").slice(-2).join("_") : key;
      redacted = lead + key + sep + redactPair(judgedKey, value, found) + closing;
    } else {
      redacted = maskUrlCredentials(body);
    }
    // inline `KEY=value` pairs inside a longer line (Procfile commands, list items with quotes)
    if (kind !== "env" && redacted.length <= MAX_SCANNED_LENGTH) {
      redacted = redacted.replace(/(^|[\s"'-])([A-Za-z_][A-Za-z0-9_]*)=([^\s"']+)/g, (all, pre: string, k: string, v: string) => {
        const c = classifySecret({ key: k, value: v });
        if (!c.secret || v === MASK) return all;
        found.push(...c.parts);
        const whole = c.reasons.includes("key-name") || c.reasons.includes("high-entropy");
        return `${pre}${k}=${whole ? MASK : maskUrlCredentials(v)}`;
      });
    }
    // command-line flags that take a secret: `--requirepass X`, `--password=X`
    if (kind !== "env" && redacted.length <= MAX_SCANNED_LENGTH) {
      redacted = redacted.replace(SECRET_FLAG, (all, flag: string, sep: string, v: string) =>
        v === MASK || /^\$\$?\{?[A-Za-z_]/.test(v) ? all : `${flag}${sep}${MASK}`,
      );
    }
    lines[i] = prefix + redacted;
  }
  return lines;
}
