/**
 * Image references (`registry/ns/repo:tag@digest`) and version distance between tags.
 */

export interface ImageRef {
  registry: string | null;
  /** path without registry, e.g. `library/postgres` → `postgres`, `postgis/postgis` */
  repository: string;
  /** last path segment, e.g. `postgis` */
  name: string;
  tag: string | null;
  digest: string | null;
}

export function parseImage(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  // the first path segment is a registry when it looks like a host; `library/x` is x
  let registry: string | null = null;
  let path = rest;
  const firstSlash = rest.indexOf("/");
  if (firstSlash >= 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      path = rest.slice(firstSlash + 1);
    }
  }
  if (path.startsWith("library/") && !path.includes("/", 8)) path = path.slice(8);
  const repository = path.toLowerCase();
  return { registry, repository, name: repository.slice(repository.lastIndexOf("/") + 1), tag: tag || null, digest };
}

const MUTABLE_TAGS = new Set(["latest", "nightly", "edge", "dev", "develop", "main", "master", "stable", "beta", "alpha", "unstable", "next", "canary", "head", "rolling", "current", "lts", "mainline", "rc"]);

export type PinState = "digest" | "pinned" | "untagged" | "latest" | "mutable";

/** Whether an image reference names an immutable release. */
export function pinState(ref: string): PinState {
  const img = parseImage(ref);
  if (img.digest) return "digest";
  if (!img.tag) return "untagged";
  const t = img.tag.toLowerCase();
  if (t === "latest") return "latest";
  if (MUTABLE_TAGS.has(t)) return "mutable";
  // `alpine`, `bookworm`: a distro flavour without a version moves like latest
  if (!/\d/.test(t)) return "mutable";
  return "pinned";
}

export interface Version {
  parts: number[];
  suffix: string;
}

/** `15-alpine` → [15] + `alpine`; `v2.9.6` → [2, 9, 6]; `8.0-alpine` → [8, 0]. */
export function parseVersion(tag: string | null): Version | null {
  if (!tag) return null;
  const m = /^v?(\d+(?:\.\d+){0,3})(.*)$/i.exec(tag);
  if (!m) return null;
  const parts: number[] = [];
  for (const digits of (m[1] ?? "").split(".")) parts.push(Number(digits));
  return { parts, suffix: (m[2] ?? "").replace(/^[-_.]/, "") };
}

export type VersionGap = "same" | "major" | "minor" | "patch" | "variant" | "unknown";

/** How far apart two tags of the same image are. */
export function versionGap(a: string | null, b: string | null): VersionGap {
  if ((a ?? "latest") === (b ?? "latest")) return "same";
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return "unknown";
  for (let i = 0; i < 3; i++) {
    const x = va.parts[i];
    const y = vb.parts[i];
    if (x === undefined || y === undefined) {
      if (x === y) break;
      // `15` vs `15.4`: the short one floats within the long one's line
      return i === 0 ? "major" : i === 1 ? "minor" : "patch";
    }
    if (x !== y) return i === 0 ? "major" : i === 1 ? "minor" : "patch";
  }
  if (va.parts.length !== vb.parts.length) {
    for (let i = 3; i < Math.max(va.parts.length, vb.parts.length); i++) if (va.parts[i] !== vb.parts[i]) return "patch";
  }
  return va.suffix === vb.suffix ? "same" : "variant";
}
