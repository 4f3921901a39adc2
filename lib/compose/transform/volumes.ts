/**
 * `services.*.volumes`: short syntax `[source:]target[:mode,...]` to the long form,
 * as compose-go `format.ParseVolume` + `transform/volume.go`: a source starting
 * with `.`, `/`, `~`, `\\` or a Windows drive is a bind mount (`create_host_path:
 * true`), anything else a named volume; modes `ro`/`rw`/`nocopy`, propagation
 * (`rprivate`...`slave`) and SELinux `z`/`Z`. Bind sources stay as written
 * (relative paths are NOT made absolute: we have no project directory).
 */
import type { Issue, PhaseResult } from "../issues";
import { copyAllLocs, getLoc, getSelfLoc, setLoc, setSelfLoc } from "../source-map";
import { isMapping } from "../tags";
import { castField } from "./booleans";
import { transformUnitBytes } from "./bytes";
import { issueAt, typeName, type TransformOptions } from "./context";

const PROPAGATIONS = new Set(["rprivate", "private", "rshared", "shared", "rslave", "slave"]);

/**
 * Whether `cleanPath(p)` is `p` itself (checked without splitting): no empty, `.` or `..`
 * segment, except `..` segments leading a relative path; `/` alone is clean.
 */
function isClean(p: string): boolean {
  if (p === "/") return true;
  const rooted = p.charCodeAt(0) === 47;
  let leadingDotDots = !rooted;
  let start = rooted ? 1 : 0;
  for (;;) {
    let end = p.indexOf("/", start);
    if (end < 0) end = p.length;
    const len = end - start;
    if (len === 0) return false;
    const dots = p.charCodeAt(start) === 46 ? (len === 1 ? 1 : len === 2 && p.charCodeAt(start + 1) === 46 ? 2 : 0) : 0;
    if (dots === 1 || (dots === 2 && !leadingDotDots)) return false;
    if (dots !== 2) leadingDotDots = false;
    if (end === p.length) return true;
    start = end + 1;
  }
}

/** Go `path.Clean` (slash-separated, lexical). */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  if (isClean(p)) return p;
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

const isLetter = (c: string | undefined) => c !== undefined && /^\p{L}$/u.test(c);

function isFilePath(source: string): boolean {
  if (source === "") return false;
  if (source[0] === "." || source[0] === "/" || source[0] === "~") return true;
  if (source.startsWith("\\\\")) return true;
  // a drive letter (one character, which may be outside the BMP) and `:`
  const first = source.codePointAt(0) as number;
  const width = first > 0xffff ? 2 : 1;
  return source.length > width && isLetter(String.fromCodePoint(first)) && source[width] === ":";
}

export interface VolumeMount {
  type: string;
  source?: string;
  target?: string;
  read_only?: boolean;
  bind?: { selinux?: string; propagation?: string; create_host_path?: boolean };
  volume?: { nocopy?: boolean };
}

/**
 * compose-go `format.ParseVolume` (target not yet cleaned). `byCodePoint` reads any spec the way
 * specs holding `$` or characters outside the BMP are read (the tests compare both readings).
 */
export function parseVolumeSpec(spec: string, byCodePoint = false): { value: VolumeMount; error?: string } {
  if (spec.length === 0) return { value: { type: "volume" }, error: "invalid empty volume spec" };
  if (spec.length <= 2) return { value: { type: "volume", target: spec } };

  let source = "";
  let target = "";
  let readOnly = false;
  let bind: VolumeMount["bind"];
  let volume: VolumeMount["volume"];
  const populateType = (): VolumeMount => {
    const v: VolumeMount = { type: "volume" };
    if (isFilePath(source)) {
      v.type = "bind";
      bind = { ...bind, create_host_path: true };
    } else volume = volume ?? {};
    if (source !== "") v.source = source;
    if (target !== "") v.target = target;
    if (readOnly) v.read_only = true;
    if (bind) v.bind = bind;
    if (volume) v.volume = volume;
    return v;
  };
  const populate = (atEnd: boolean, buffer: string): string | undefined => {
    if (buffer.length === 0) return "empty section between colons";
    if (source === "" && atEnd) {
      target = buffer;
      return undefined;
    }
    if (source === "") {
      source = buffer;
      return undefined;
    }
    if (target === "") {
      target = buffer;
      return undefined;
    }
    if (!atEnd) return "too many colons";
    for (const option of buffer.split(",")) {
      if (option === "ro") readOnly = true;
      else if (option === "rw") readOnly = false;
      else if (option === "nocopy") volume = { nocopy: true };
      else if (PROPAGATIONS.has(option)) bind = { ...bind, propagation: option };
      else if (option === "z" || option === "Z") bind = { ...bind, selinux: option };
      // unknown options are ignored, like compose
    }
    return undefined;
  };

  if (!byCodePoint && !/[$\uD800-\uDFFF]/.test(spec)) {
    // no `${` and no character outside the BMP (nearly every spec): the same reading on UTF-16
    // units, each section a slice of the spec
    let start = 0;
    for (let i = 0; i <= spec.length; i++) {
      const atEnd = i === spec.length;
      if (!atEnd) {
        if (spec.charCodeAt(i) !== 58) continue; // not `:`
        if (i - start === 1 && isLetter(spec.charAt(start))) continue; // Windows drive letter
      }
      const err = populate(atEnd, spec.slice(start, i));
      if (err !== undefined) return { value: populateType(), error: `invalid spec: ${spec}: ${err}` };
      start = i + 1;
    }
    return { value: populateType() };
  }

  const chars = Array.from(spec);
  let buffer: string[] = [];
  let inVar = 0;
  const END = "\u0000-end";
  const all = [...chars, END];
  for (let i = 0; i < all.length; i++) {
    const c = all[i] as string;
    if (c === "$" && chars[i + 1] === "{") {
      inVar++;
      buffer.push(c);
      continue;
    }
    if (c === "}" && inVar > 0) {
      inVar--;
      buffer.push(c);
      continue;
    }
    if (c === ":" && buffer.length === 1 && isLetter(buffer[0])) {
      buffer.push(c);
    } else if ((c === ":" || c === END) && inVar === 0) {
      const err = populate(c === END, buffer.join(""));
      if (err !== undefined) return { value: populateType(), error: `invalid spec: ${spec}: ${err}` };
      buffer = [];
    } else if (c !== END) buffer.push(c);
  }
  return { value: populateType() };
}

function canonicalLongVolume(
  raw: Record<string, unknown>,
  where: { path: (string | number)[]; file?: string },
  issues: Issue[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  copyAllLocs(raw, out);
  castField(out, "read_only", "bool", { ...where, loc: getLoc(raw, "read_only") }, issues);
  if (isMapping(raw.bind)) {
    const bind: Record<string, unknown> = { ...raw.bind };
    copyAllLocs(raw.bind, bind);
    castField(bind, "create_host_path", "bool", { path: [...where.path, "bind"], file: where.file, loc: getLoc(raw.bind, "create_host_path") }, issues);
    if (!("create_host_path" in bind)) bind.create_host_path = true;
    out.bind = bind;
  }
  if (isMapping(raw.volume)) {
    const volume: Record<string, unknown> = { ...raw.volume };
    copyAllLocs(raw.volume, volume);
    castField(volume, "nocopy", "bool", { path: [...where.path, "volume"], file: where.file, loc: getLoc(raw.volume, "nocopy") }, issues);
    out.volume = volume;
  }
  if (isMapping(raw.tmpfs) && "size" in raw.tmpfs) {
    const tmpfs: Record<string, unknown> = { ...raw.tmpfs };
    copyAllLocs(raw.tmpfs, tmpfs);
    const r = transformUnitBytes({ value: raw.tmpfs.size, path: [...where.path, "tmpfs", "size"], file: where.file, loc: getLoc(raw.tmpfs, "size") });
    tmpfs.size = r.value;
    issues.push(...r.issues);
    out.tmpfs = tmpfs;
  }
  return out;
}

/** `volumes` list: each short entry to the long form (target cleaned like `path.Clean`); long entries get `bind.create_host_path: true` by default. */
export function transformVolumes({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  if (!Array.isArray(value)) {
    issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for volumes: expected a list`, { path, loc, file }));
    return { value, issues };
  }
  const out: unknown[] = [];
  setSelfLoc(out, getSelfLoc(value));
  value.forEach((entry, i) => {
    const at = { path: [...path, i], loc: getLoc(value, i) ?? loc, file };
    setLoc(out, i, getLoc(value, i));
    if (typeof entry === "string") {
      const parsed = parseVolumeSpec(entry);
      if (parsed.error !== undefined) {
        issues.push(issueAt("INVALID_VALUE", parsed.error, at));
        out.push(entry);
        return;
      }
      const v = parsed.value;
      if (v.target !== undefined && v.target !== "") v.target = cleanPath(v.target);
      out.push(v);
    } else if (isMapping(entry)) {
      out.push(canonicalLongVolume(entry, at, issues));
    } else {
      issues.push(issueAt("INVALID_VALUE", `invalid type ${typeName(entry)} for service volume mount`, at));
      out.push(entry);
    }
  });
  return { value: out, issues };
}
