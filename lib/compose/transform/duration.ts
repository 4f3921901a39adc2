/**
 * Durations (`healthcheck.interval`, `stop_grace_period`, `deploy.restart_policy.delay`...):
 * read like compose-go (`xhit/go-str2duration`: Go's `time.ParseDuration` plus `d` and
 * `w` units) and printed like Go's `time.Duration.String()` — what `docker compose
 * config` prints: `90s` → `1m30s`, `1h` → `1h0m0s`, `0.5s` → `500ms`. Still text.
 */
import type { PhaseResult } from "../issues";
import { goString, issueAt, type TransformOptions } from "./context";

const NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "µs": 1e3,
  "μs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
  w: 604800e9,
};

/** Nanoseconds, or `undefined` when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return undefined;
  let total = 0;
  const part = /^([0-9]*(?:\.[0-9]*)?)([a-zµμ]+)/;
  let guard = 0;
  while (s !== "" && guard++ < 100) {
    const m = part.exec(s);
    if (!m) return undefined;
    const [all, num = "", unit = ""] = m;
    if (num === "" || num === ".") return undefined;
    const mul = Object.hasOwn(NS, unit) ? NS[unit] : undefined;
    if (mul === undefined) return undefined;
    total += Number(num) * mul;
    s = s.slice(all.length);
  }
  return s === "" ? sign * Math.round(total) : undefined;
}

/** Go `time.Duration.String()`. */
export function formatDuration(ns: number): string {
  if (ns === 0) return "0s";
  const neg = ns < 0;
  let u = Math.abs(ns);
  const sign = neg ? "-" : "";
  const frac = (value: number, digits: number) => {
    const int = Math.floor(value / 10 ** digits);
    const rest = value % 10 ** digits;
    if (rest === 0) return String(int);
    return `${int}.${String(rest).padStart(digits, "0").replace(/0+$/, "")}`;
  };
  if (u < 1e9) {
    if (u < 1e3) return `${sign}${u}ns`;
    if (u < 1e6) return `${sign}${frac(u, 3)}µs`;
    return `${sign}${frac(u, 6)}ms`;
  }
  let out = "";
  const hours = Math.floor(u / 3600e9);
  u -= hours * 3600e9;
  const minutes = Math.floor(u / 60e9);
  u -= minutes * 60e9;
  if (hours > 0) out += `${hours}h`;
  if (hours > 0 || minutes > 0) out += `${minutes}m`;
  out += `${frac(u, 9)}s`;
  return sign + out;
}

export function transformDuration({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  if (value === null || value === undefined) return { value, issues: [] };
  const text = goString(value);
  const ns = parseDuration(text);
  if (ns === undefined) {
    return { value, issues: [issueAt("INVALID_VALUE", `time: invalid duration ${JSON.stringify(text)}`, { path, loc, file })] };
  }
  return { value: formatDuration(ns), issues: [] };
}
