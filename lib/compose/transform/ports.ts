/**
 * `services.*.ports`: short syntax (`"[ip:][host:]container[/proto]"`, numbers) and
 * long syntax to the canonical `PortConfig` list, as compose-go does with
 * `types.ParsePortConfig` (docker/go-connections `nat.ParsePortSpecs` v0.4.0)
 * and `transform/ports.go` + `portDefaults`.
 */
import type { Issue, PhaseResult } from "../issues";
import type { PortConfig } from "../model";
import { copyAllLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { goString, issueAt, typeName, type TransformOptions, setOwn } from "./context";
import { isIP } from "./ip";

const PROTOCOLS = new Set(["tcp", "udp", "sctp"]);

/** Go `strconv.ParseUint(s, 10, 16)`. */
function parseUint16(s: string): number | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
}

/** `nat.ParsePortRange`: `"80"` or `"80-90"` (extra `-` parts are ignored, like Go). */
function parsePortRange(s: string): [number, number] | undefined {
  if (s === "") return undefined;
  if (!s.includes("-")) {
    const n = parseUint16(s);
    return n === undefined ? undefined : [n, n];
  }
  const parts = s.split("-");
  const start = parseUint16(parts[0] ?? "");
  const end = parseUint16(parts[1] ?? "");
  if (start === undefined || end === undefined || end < start) return undefined;
  return [start, end];
}

function splitParts(raw: string): [ip: string, host: string, container: string] {
  const parts = raw.split(":");
  const n = parts.length;
  const container = parts[n - 1] ?? "";
  if (n === 1) return ["", "", container];
  if (n === 2) return ["", parts[0] ?? "", container];
  if (n === 3) return [parts[0] ?? "", parts[1] ?? "", container];
  return [parts.slice(0, n - 2).join(":"), parts[n - 2] ?? "", container];
}

function splitProtoPort(raw: string): [proto: string, port: string] {
  const parts = raw.split("/");
  if (raw.length === 0 || parts[0] === "") return ["", ""];
  if (parts.length === 1) return ["tcp", raw];
  if (parts[1] === "") return ["tcp", parts[0] ?? ""];
  return [parts[1] ?? "", parts[0] ?? ""];
}

/** Go `net.SplitHostPort(ip + ":")` for a bracketed IPv6 host; returns the host or an error text. */
function stripBrackets(ip: string): { host?: string; error?: string } {
  const addr = `${ip}:`;
  const end = addr.indexOf("]");
  if (end < 0) return { error: `address ${addr}: missing ']' in address` };
  const rest = addr.slice(end + 1);
  if (rest !== ":") {
    if (rest.startsWith(":")) return { error: `address ${addr}: too many colons in address` };
    return { error: `address ${addr}: missing port in address` };
  }
  const host = addr.slice(1, end);
  if (host.includes("[") || host.includes("]")) return { error: `address ${addr}: unexpected '[' in address` };
  return { host };
}

/**
 * Parses one short-syntax port spec into one entry per container port, sorted like
 * compose (by the `port/proto` key as text). `error` carries compose-go's message.
 */
export function parsePortSpec(spec: string | number): { value: PortConfig[]; error?: string } {
  const raw = String(spec);
  const fail = (error: string) => ({ value: [] as PortConfig[], error });
  const [rawIp, hostPort, rawContainerPort] = splitParts(raw);
  let ip = rawIp;
  const [proto, containerPort] = splitProtoPort(rawContainerPort);

  if (ip !== "" && ip.startsWith("[")) {
    const stripped = stripBrackets(ip);
    if (stripped.error !== undefined) return fail(`Invalid ip address ${ip}: ${stripped.error}`);
    ip = stripped.host ?? "";
  }
  if (ip !== "" && !isIP(ip)) return fail(`Invalid ip address: ${ip}`);
  if (containerPort === "") return fail(`No port specified: ${raw}<empty>`);

  const containerRange = parsePortRange(containerPort);
  if (!containerRange) return fail(`Invalid containerPort: ${containerPort}`);
  const [start, end] = containerRange;

  let hostStart = 0;
  let hostEnd = 0;
  if (hostPort.length > 0) {
    const hostRange = parsePortRange(hostPort);
    if (!hostRange) return fail(`Invalid hostPort: ${hostPort}`);
    [hostStart, hostEnd] = hostRange;
  }
  if (hostPort !== "" && end - start !== hostEnd - hostStart && end !== start) {
    return fail(`Invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  const protocol = proto.toLowerCase();
  if (!PROTOCOLS.has(protocol)) return fail(`Invalid proto: ${proto}`);

  const portAt = (i: number): PortConfig => {
    const target = start + i;
    let published = hostPort.length > 0 ? String(hostStart + i) : "";
    if (start === end && hostStart !== hostEnd) published = `${published}-${hostEnd}`;
    const port: PortConfig = { target, protocol, mode: "ingress" };
    if (published !== "") port.published = published;
    if (ip !== "") port.host_ip = ip;
    return port;
  };
  // one container port (nearly every spec): nothing to sort
  if (start === end) return { value: [portAt(0)] };
  const entries: [key: string, port: PortConfig][] = [];
  for (let i = 0; i <= end - start; i++) {
    const port = portAt(i);
    entries.push([`${port.target}/${protocol}`, port]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { value: entries.map(([, p]) => p) };
}

/** compose-go `portDefaults`: `protocol: tcp`, `mode: ingress` on a long-syntax entry; nothing else changes. */
export function portDefaults<T extends Record<string, unknown>>(port: T): T & { protocol: unknown; mode: unknown } {
  const out: Record<string, unknown> = { ...port };
  copyAllLocs(port, out);
  if (!("protocol" in out)) out.protocol = "tcp";
  if (!("mode" in out)) out.mode = "ingress";
  return out as T & { protocol: unknown; mode: unknown };
}

function canonicalLongPort(
  raw: Record<string, unknown>,
  where: { path: readonly (string | number)[]; file?: string },
  issues: Issue[],
): PortConfig {
  const withDefaults = portDefaults(raw);
  const out: Record<string, unknown> = {};
  copyAllLocs(raw, out);
  for (const [k, v] of Object.entries(withDefaults)) {
    if (k === "published") {
      if (v === null || v === undefined || v === "") continue;
      out.published = goString(v);
    } else if (k === "target") {
      if (typeof v === "string" && /^[0-9]+$/.test(v)) out.target = Number(v);
      else {
        if (typeof v !== "number") {
          issues.push(
            issueAt("INVALID_VALUE", `invalid port target ${JSON.stringify(v)}: expected a number`, {
              path: [...where.path, "target"],
              loc: getLoc(raw, "target"),
              file: where.file,
            }),
          );
        }
        out.target = v;
      }
    } else setOwn(out, k, v);
  }
  return out as unknown as PortConfig;
}

export interface TransformPortsOptions extends TransformOptions {
  /** keep the list as written when a string entry does not parse (compose does so before interpolation) */
  ignoreParseErrors?: boolean;
}

/** `ports` list → canonical long form, one entry per port of a range; every entry keeps its raw line. */
export function transformPorts({ value, path, file, loc, ignoreParseErrors = false }: TransformPortsOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!Array.isArray(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for ports: expected a list`, { path, loc, file }));
    return { value, issues };
  }
  const out: unknown[] = [];
  setSelfLoc(out, getSelfLoc(value));
  const push = (entry: unknown, from: number) => {
    setLoc(out, out.length, getLoc(value, from));
    out.push(entry);
  };
  value.forEach((entry, i) => {
    const at = { path: [...path, i], loc: getLoc(value, i) ?? loc, file };
    if ((typeof entry === "number" && Number.isInteger(entry)) || typeof entry === "string") {
      const parsed = parsePortSpec(entry);
      if (parsed.error !== undefined) {
        if (ignoreParseErrors) return;
        issues.push(issueAt("INVALID_VALUE", parsed.error, at));
        push(entry, i);
        return;
      }
      for (const p of parsed.value) push(p, i);
    } else if (isMapping(entry)) {
      push(canonicalLongPort(entry, at, issues), i);
    } else {
      issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(entry)} for port`, at));
      push(entry, i);
    }
  });
  if (ignoreParseErrors && value.some((e) => typeof e === "string" && parsePortSpec(e).error !== undefined)) {
    return { value, issues };
  }
  return { value: out, issues };
}
