/**
 * Secret classification: by key name, by credentials inside URLs, by known
 * default/placeholder values, and by entropy. Pure functions; nothing here
 * stores or prints a value.
 */
import { createHmac } from "node:crypto";

const SECRET_KEY =
  /(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CREDENTIAL|SIGNING_?KEY|ENCRYPTION_?KEY|SESSION_?KEY|SALT|HTPASSWD|BASICAUTH|(^|_)PW$|(^|_)PWD$|(^|_)PASS$|AUTH_?KEY|CLIENT_?SECRET|MASTER_?KEY|LICENSE_?KEY|WEBHOOK_?SECRET)/;

/** Keys that name a setting about secrets rather than the secret itself. */
const NOT_SECRET_KEY =
  /(_FILE|_PATH|_DIR|_TIMEOUT|_LENGTH|_LEN|_EXPIRY|_EXPIRES?|_EXPIRATION|_AGE|_METHOD|_ENABLED?|_BACKEND|_POLICY|_VALIDATORS|_HASHERS?|_ALGORITHM|_MIN|_MAX|_TTL|_LIFETIME|_HEADER|_NAME|_USER|_USERNAME|_HOST|_PORT|_URL_PATH|_REQUIRED|_RESET_.*|_COOKIE_.*|_TYPE)$/;

/** Values everybody knows: defaults from tutorials, samples and images. */
export const KNOWN_DEFAULT_SECRETS: ReadonlySet<string> = new Set([
  "changeme",
  "change_me",
  "change-me",
  "changethis",
  "changeit",
  "password",
  "password1",
  "password123",
  "passw0rd",
  "pass",
  "pw",
  "secret",
  "secretkey",
  "mysecretkey",
  "supersecret",
  "postgres",
  "mysql",
  "root",
  "admin",
  "example",
  "test",
  "default",
  "foo",
  "bar",
  "1234",
  "12345",
  "123456",
  "qwerty",
  "letmein",
  "guest",
  "django",
  "insecure",
]);

const PLACEHOLDER =
  /^(!!!.*!!!|__[A-Z_]*CHANGE[A-Z_]*__|<[^>]+>|\{\{.*\}\}|x{3,}|\.{1,3}|your[-_ ].*|.*[-_]here|todo|tbd|replace[-_ ]?me|set[-_ ]?me|.*change[-_]?(me|this|it).*|insecure[-_].*|.*[-_]for[-_](dev|development|local|test).*)$/i;

export function isSecretKey(key: string): boolean {
  const k = key.toUpperCase().replace(/[.-]/g, "_");
  if (NOT_SECRET_KEY.test(k)) return false;
  return SECRET_KEY.test(k);
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi;

/** Passwords written inside URLs (`scheme://user:password@host`), with their offsets. */
/** Longer values are judged by key name only (keeps the regular expressions linear in practice). */
export const MAX_SCANNED_LENGTH = 4096;

export function findUrlCredentials(value: string): { password: string; start: number; end: number }[] {
  const out: { password: string; start: number; end: number }[] = [];
  // both patterns below need a `://`
  if (value.length > MAX_SCANNED_LENGTH || !value.includes("://")) return out;
  URL_CREDENTIALS.lastIndex = 0;
  for (let i = 0; i < 1000; i++) {
    const m = URL_CREDENTIALS.exec(value);
    if (!m) break;
    const [, scheme = "", user = "", password = ""] = m;
    const start = m.index + scheme.length + user.length + 1;
    if (password && !/^\$\{?[A-Za-z_]/.test(password)) out.push({ password, start, end: start + password.length });
  }
  // a token as the whole user part (`https://<key>@o1.ingest.sentry.io/42`, `https://<token>@github.com`)
  URL_TOKEN_USER.lastIndex = 0;
  for (let i = 0; i < 1000; i++) {
    const m = URL_TOKEN_USER.exec(value);
    if (!m) break;
    const [, scheme = "", token = ""] = m;
    if (!looksLikeUrlToken(token)) continue;
    const start = m.index + scheme.length;
    out.push({ password: token, start, end: start + token.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

const URL_TOKEN_USER = /\b([a-z][a-z0-9+.-]*:\/\/)([A-Za-z0-9_-]{16,256})@/gi;

/** A random-looking user part: long hex, or letters and digits mixed with high entropy. */
function looksLikeUrlToken(token: string): boolean {
  if (/^[0-9a-f]{24,}$/i.test(token)) return true;
  return token.length >= 20 && /\d/.test(token) && /[A-Za-z]/.test(token) && shannonEntropy(token) >= 3.5;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A long random-looking token: no spaces, not a path, URL, version or name. */
export function looksHighEntropy(value: string): boolean {
  if (value.length < 16 || value.length > 512) return false;
  if (/\s/.test(value)) return false;
  if (/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:\/\/|[A-Za-z]:\\)/i.test(value)) return false;
  if (/^[\w.-]+(\/[\w.-]+)+(:[\w.-]+)?$/.test(value) && !/\d.*[A-Z]|[A-Z].*\d/.test(value)) return false;
  if (/^[a-z]+([._-][a-z]+)+$/.test(value)) return false;
  // `a=b,c=d` settings lists and comma-separated identifiers (`kafka.log=WARN,state.change.logger=WARN`)
  if (/^[\w.-]+=[\w.-]+([,;][\w.-]+=[\w.-]+)+$/.test(value) || /^[\w.-]+(,[\w.-]+)+$/.test(value)) return false;
  // dotted identifiers: Python modules, hostnames, Java packages (`backend.settings.ec2`)
  if (/^[A-Za-z_][\w-]*(\.[\w-]+)+$/.test(value) && !/[A-Z].*\d|\d.*[A-Z]/.test(value)) return false;
  const alnum = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(value)).length;
  const symbols = /[^A-Za-z0-9]/.test(value);
  const hex = /^[0-9a-f]{32,}$/i.test(value);
  const base64ish = /^[A-Za-z0-9+/=_-]{32,}$/.test(value) && alnum >= 2;
  if (!hex && !base64ish && alnum < 3 && !(alnum === 2 && symbols && value.length >= 24)) return false;
  return shannonEntropy(value) >= (hex ? 3.0 : 3.5);
}

export function isKnownDefault(value: string): boolean {
  return KNOWN_DEFAULT_SECRETS.has(value.trim().toLowerCase());
}

/** Sample keys shaped like the real thing (`sk-proj-ABCD`, `nvapi-ABC-123`, `AKIAXXXXXXXX`). */
const SAMPLE_KEY = /(ABCD|ABC[-_]?123|XXXX|xxxx|DUMMY|dummy|FAKE|fake|SAMPLE|sample|EXAMPLE|example)/;

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length <= 32 && SAMPLE_KEY.test(v)) return true;
  return v.length <= 256 && PLACEHOLDER.test(v);
}

export type SecretReason = "key-name" | "url-credentials" | "known-default" | "high-entropy";

export interface SecretClassification {
  secret: boolean;
  reasons: SecretReason[];
  /** `known-default`: a value everybody knows; `placeholder`: a reminder to set one; `literal`: anything else */
  strength: "known-default" | "placeholder" | "literal" | "random-looking";
  /** the parts of the value that are secret (the whole value, or passwords inside URLs) */
  parts: string[];
}

/** A value that is a reference to a secret, not a secret: `/run/secrets/x`, `${VAR}`, empty. */
function isReference(value: string): boolean {
  return value === "" || /^\/(run|var|etc|secrets)\//.test(value) || /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value);
}

/** Classifies one key/value pair (the key may be empty for a bare value). */
export function classifySecret({
  key,
  value,
  secretKey = isSecretKey,
}: {
  key: string;
  value: string | null | undefined;
  /** `isSecretKey`, or the same memoised (a comparison judges each key name once, see secret-memo.ts) */
  secretKey?: (key: string) => boolean;
}): SecretClassification {
  const none: SecretClassification = { secret: false, reasons: [], strength: "literal", parts: [] };
  if (value === null || value === undefined) return none;
  const v = value.trim();
  if (isReference(v)) return none;
  const reasons: SecretReason[] = [];
  const urlCreds = findUrlCredentials(v);
  const byKey = key !== "" && secretKey(key);
  if (byKey) reasons.push("key-name");
  if (urlCreds.length) reasons.push("url-credentials");
  const entropy = looksHighEntropy(v);
  if (!byKey && !urlCreds.length && entropy && key !== "" && !/(_URL|_URI|_HOST|_IMAGE|_PATH|_DIR|_VERSION|_ID)$/i.test(key)) reasons.push("high-entropy");
  if (!reasons.length) return none;
  const wholeValue = byKey || reasons.includes("high-entropy");
  const parts = wholeValue ? [v] : urlCreds.map((c) => c.password);
  const judged = wholeValue ? v : (parts[0] ?? v);
  if (isKnownDefault(judged)) reasons.push("known-default");
  const strength: SecretClassification["strength"] = isKnownDefault(judged)
    ? "known-default"
    : isPlaceholder(judged)
      ? "placeholder"
      : looksHighEntropy(judged)
        ? "random-looking"
        : "literal";
  return { secret: true, reasons, strength, parts };
}

/** HMAC-SHA256 of a value, keyed per comparison; hex, first 32 characters. */
export function fingerprintSecret({ value, key }: { value: string; key: Uint8Array | string }): string {
  return createHmac("sha256", key).update(value, "utf8").digest("hex").slice(0, 32);
}
