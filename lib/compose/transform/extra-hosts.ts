/**
 * `extra_hosts` (service and build): compose-go `HostsList`. Written as a mapping
 * (`host: ip` or `host: [ip, ip]`) or a list (`host=ip`, legacy `host:ip`, several
 * IPs comma-separated); printed as a sorted list of `host=ip`, brackets removed
 * from IPv6 addresses.
 */
import type { Issue, PhaseResult } from "../issues";
import { getLoc, getSelfLoc, setLoc, setSelfLoc, type SourceLocation } from "../source-map";
import { isMapping } from "../tags";
import { goString, issueAt, typeName, type TransformOptions } from "./context";

const unbracket = (ip: string) => (ip.length > 2 && ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip);

export function transformExtraHosts({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  const entries: { host: string; ip: string; loc?: SourceLocation; at: (string | number)[] }[] = [];
  if (isMapping(value)) {
    for (const [host, v] of Object.entries(value)) {
      const ips = Array.isArray(v) ? v.map((x) => goString(x)) : [v === null || v === undefined ? "" : goString(v)];
      for (const ip of ips) entries.push({ host, ip, loc: getLoc(value, host), at: [...path, host] });
    }
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const text = goString(item);
      const itemLoc = getLoc(value, i) ?? loc;
      const sep = text.includes("=") ? "=" : text.includes(":") ? ":" : undefined;
      if (!sep) {
        issues.push(issueAt("INVALID_VALUE", `invalid additional host, missing IP: ${text}`, { path: [...path, i], loc: itemLoc, file }));
        continue;
      }
      const cut = text.indexOf(sep);
      const host = text.slice(0, cut);
      for (const ip of text.slice(cut + 1).split(",")) entries.push({ host, ip, loc: itemLoc, at: [...path, i] });
    }
  } else {
    if (value === null || value === undefined) return { value: [], issues };
    issues.push(issueAt("INVALID_VALUE", `unexpected value type ${typeName(value)} for extra_hosts`, { path, loc, file }));
    return { value, issues };
  }
  const lines: { text: string; loc?: SourceLocation }[] = [];
  for (const e of entries) {
    if (e.host === "" || /[:=]/.test(e.host)) {
      issues.push(issueAt("INVALID_VALUE", `bad host name '${e.host}'`, { path: e.at, loc: e.loc, file }));
      continue;
    }
    lines.push({ text: `${e.host}=${unbracket(e.ip)}`, loc: e.loc });
  }
  lines.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const out = lines.map((l) => l.text);
  setSelfLoc(out, getSelfLoc(value));
  lines.forEach((l, i) => setLoc(out, i, l.loc));
  return { value: out, issues };
}
