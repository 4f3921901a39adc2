/**
 * `extends` (compose-go `loader/extends.go`): a service starts from another service —
 * in the same file or in another uploaded file — and its own attributes are merged
 * on top with the override merge rules. Bases are resolved recursively; a service
 * reached again while resolving its own chain is a cycle (`EXTENDS_CYCLE`).
 *
 * Runs per compose file, after interpolation and before the files are merged.
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import { copyAllLocs, getLoc, getSelfLoc } from "./source-map";
import { isMapping, isOverrideTag, OverrideTag } from "./tags";
import { mergeServices } from "./merge";

export interface ExtendsSource {
  /** the path the file is known by (`as`) */
  file: string;
  /** the parsed + interpolated document */
  document: unknown;
}

export interface ApplyExtendsOptions {
  /** one parsed + interpolated compose document */
  document: unknown;
  /** the path of that document (`as`) */
  file: string;
  /** finds another uploaded compose file named by `extends.file`, relative to `from` */
  resolveFile?: (ref: string, from: string) => ExtendsSource | undefined;
}

const MAX_DEPTH = 64;

/** Deep copy of plain data that keeps source locations and tag markers. */
export function cloneTree(value: unknown, depth = 0): unknown {
  if (depth > 200) return value;
  if (Array.isArray(value)) {
    const out = value.map((v) => cloneTree(v, depth + 1));
    copyAllLocs(value, out);
    return out;
  }
  if (isOverrideTag(value)) return new OverrideTag(cloneTree(value.value, depth + 1));
  if (isMapping(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneTree(v, depth + 1);
    copyAllLocs(value, out);
    return out;
  }
  return value;
}

function servicesOf(document: unknown): Record<string, unknown> | undefined {
  return isMapping(document) && isMapping(document.services) ? document.services : undefined;
}

export function applyExtends({ document, file, resolveFile }: ApplyExtendsOptions): PhaseResult<unknown> {
  const issues: Issue[] = [];
  const services = servicesOf(document);
  if (!services) return { value: document, issues };
  const resolved = new Map<string, unknown>();

  const resolve = (
    name: string,
    svcMap: Record<string, unknown>,
    svcFile: string,
    chain: readonly string[],
    local: boolean,
  ): unknown => {
    const key = `${svcFile}#${name}`;
    if (local && resolved.has(key)) return resolved.get(key);
    const service = svcMap[name];
    if (!isMapping(service) || !("extends" in service)) return service;
    const ext = service.extends;
    const loc = getLoc(service, "extends") ?? getSelfLoc(service);
    const at = { file: loc?.file ?? svcFile, line: loc?.line, col: loc?.col, path: `services.${name}.extends` };
    const withoutExtends = (): Record<string, unknown> => {
      const copy: Record<string, unknown> = { ...service };
      copyAllLocs(service, copy);
      delete copy.extends;
      return copy;
    };

    let ref: string | undefined;
    let fileRef: string | undefined;
    if (typeof ext === "string") ref = ext;
    else if (isMapping(ext)) {
      if (typeof ext.service === "string") ref = ext.service;
      if (typeof ext.file === "string") fileRef = ext.file;
    }
    if (!ref) {
      issues.push(issue("INVALID_VALUE", `extends of service "${name}" needs a service name`, at));
      return withoutExtends();
    }
    if (chain.length >= MAX_DEPTH) {
      issues.push(issue("EXTENDS_CYCLE", `extends chain of service "${name}" is deeper than ${MAX_DEPTH}`, at));
      return withoutExtends();
    }

    let baseMap = svcMap;
    let baseFile = svcFile;
    let baseLocal = local;
    if (fileRef !== undefined) {
      const target = resolveFile?.(fileRef, svcFile);
      if (!target) {
        issues.push(
          issue("EXTENDS_NOT_FOUND", `service "${name}" extends "${ref}" from ${fileRef}, which is not among the uploaded files`, at),
        );
        return withoutExtends();
      }
      const targetServices = servicesOf(target.document);
      if (!targetServices) {
        issues.push(issue("EXTENDS_NOT_FOUND", `cannot extend service "${name}": ${fileRef} has no services section`, at));
        return withoutExtends();
      }
      baseMap = targetServices;
      baseFile = target.file;
      baseLocal = target.document === document;
    }
    if (!(ref in baseMap)) {
      issues.push(
        issue("EXTENDS_NOT_FOUND", `cannot extend service "${name}" in ${svcFile}: service "${ref}" not found${fileRef ? ` in ${fileRef}` : ""}`, at),
      );
      return withoutExtends();
    }
    const baseKey = `${baseFile}#${ref}`;
    if (baseKey === key || chain.includes(baseKey)) {
      issues.push(
        issue("EXTENDS_CYCLE", `extends cycle: ${[...chain, key, baseKey].map((k) => k.replace("#", ":")).join(" -> ")}`, at),
      );
      return withoutExtends();
    }
    const base = resolve(ref, baseMap, baseFile, [...chain, key], baseLocal);
    if (!isMapping(base)) {
      const out = withoutExtends();
      if (local) resolved.set(key, out);
      return out;
    }
    const merged = mergeServices(cloneTree(base) as Record<string, unknown>, withoutExtends());
    delete merged.extends;
    if (local) resolved.set(key, merged);
    return merged;
  };

  const outServices: Record<string, unknown> = {};
  copyAllLocs(services, outServices);
  for (const name of Object.keys(services)) {
    outServices[name] = resolve(name, services, file, [], true);
  }
  const out: Record<string, unknown> = { ...(document as Record<string, unknown>), services: outServices };
  copyAllLocs(document, out);
  return { value: out, issues };
}
