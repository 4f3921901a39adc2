/**
 * Phase 1: YAML text → plain JS values, with a source location for every mapping key
 * and sequence item (kept in the `source-map` side table).
 *
 * Like compose-go (go-yaml v4 + `loader/reset.go`):
 * - YAML 1.2 core schema (`yes`/`on` stay strings; plain numbers read as go-yaml reads them:
 *   `0755` is octal, `1_000` is 1000), `<<` merge keys (shallow, explicit keys win,
 *   earlier merge sources win over later ones), anchors and aliases;
 * - duplicate keys are errors (`mapping key "x" already defined at line N`), non-string keys too
 *   (`non-string key in services: 123`); we keep the key's text so later phases still run;
 * - `!reset` becomes a `ResetTag`, `!override` an `OverrideTag` (consumed by the merge phase);
 * - several documents in one file are merged in order, later ones overriding earlier ones
 *   (compose-go `TestLoadMulmtiDocumentYaml`), see `parseYamlDocuments` to get them apart.
 *
 * Guard rails, all reported as issues, never as a hang or a stack overflow: input size, nesting
 * depth, total node count, and nodes materialised through aliases or merge keys (billion laughs).
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type ParsedNode,
} from "yaml";
import { issue, type Issue, type PhaseResult } from "./issues";
import { mergeDocuments } from "./merge";
import { getLoc, setLoc, setSelfLoc, type SourceLocation } from "./source-map";
import { OverrideTag, ResetTag } from "./tags";
import { readYamlFast } from "./yaml/read-yaml-fast";
import { goPlainNumber } from "./yaml/scalars";

export interface YamlLimits {
  /** the largest file accepted, in UTF-8 bytes */
  maxBytes: number;
  /** the deepest nesting of mappings/sequences accepted */
  maxDepth: number;
  /** the most values (scalars and containers) one file may build */
  maxNodes: number;
  /** the most values one file may build by expanding aliases and merge keys */
  maxAliasExpansion: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxBytes: 2 * 1024 * 1024,
  maxDepth: 100,
  maxNodes: 200_000,
  maxAliasExpansion: 10_000,
};

export interface ParseYamlOptions {
  content: string;
  /** the file name issues and locations refer to */
  file: string;
  limits?: Partial<YamlLimits>;
}

/** Standard tags (`!!str`, `!!binary`…); any other tag is reported, its value kept as written. */
const KNOWN_YAML_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq", "binary", "timestamp", "set", "omap", "pairs", "merge"].map(
    (t) => `tag:yaml.org,2002:${t}`,
  ),
);
const MAX_MESSAGE_LENGTH = 300;
const MAX_SYNTAX_ISSUES = 5;

/** Parses one compose file; several documents are merged in order, like compose does. */
export function parseYaml({ content, file, limits }: ParseYamlOptions): PhaseResult<unknown> {
  const parsed = parseYamlDocuments({ content, file, limits });
  const docs = parsed.value;
  if (docs.length <= 1) return { value: docs[0], issues: parsed.issues };
  const merged = mergeDocuments({ documents: docs.map((value) => ({ value, file })) });
  return {
    value: merged.value,
    issues: [
      ...parsed.issues,
      issue(
        "MULTIPLE_DOCUMENTS",
        `this file holds ${docs.length} YAML documents; like docker compose, each one is merged onto the previous ones in order`,
        { severity: "info", file },
      ),
      ...merged.issues,
    ],
  };
}

/**
 * Parses every YAML document of a file. An empty file (or one with only comments) gives one
 * empty mapping and an info issue; empty documents between `---` markers are skipped.
 * On a fatal error (syntax, template markers, limits) `value` is empty.
 */
export function parseYamlDocuments(options: ParseYamlOptions): PhaseResult<unknown[]> {
  return readDocuments(options, true);
}

/** `parseYamlDocuments` without the fast path: eemeli `yaml` and the walk below, always. */
export function parseYamlDocumentsReference(options: ParseYamlOptions): PhaseResult<unknown[]> {
  return readDocuments(options, false);
}

function readDocuments({ content, file, limits }: ParseYamlOptions, fast: boolean): PhaseResult<unknown[]> {
  const lim: YamlLimits = { ...DEFAULT_YAML_LIMITS, ...limits };
  const issues: Issue[] = [];
  const size = utf8ByteLength(content);
  if (size > lim.maxBytes) {
    issues.push(
      issue("FILE_TOO_LARGE", `the file is ${size} bytes, more than the ${lim.maxBytes} bytes allowed`, { file }),
    );
    return { value: [], issues };
  }
  const text = content.startsWith("\uFEFF") ? content.slice(1) : content;
  // the fast path (lib/compose/yaml/) reads the common subset of YAML exactly as below, or
  // declines; a file with template markers always goes below (it gets a warning or an error)
  if (fast && !mayHoldTemplateMarker(text)) {
    const read = readYamlFast({ text, file, limits: lim });
    if (read.kind === "parsed") return { value: [read.value], issues };
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    schema: "core",
    merge: true,
    // yaml's own duplicate check compares every key with every other one (40,000 keys take 30 s);
    // the walk below finds duplicates with a map, and reports both lines
    uniqueKeys: false,
    prettyErrors: false,
  });
  const documents = (Array.isArray(docs) ? docs : [docs]) as Document.Parsed[];
  const marker = findTemplateMarker(text);
  const at = (offset: number): { line: number; col: number } => lineCounter.linePos(offset);

  // Syntax errors (duplicate keys are reported by the walk below).
  const syntax: Issue[] = [];
  for (const doc of documents) {
    for (const err of doc.errors) {
      if (err.code === "DUPLICATE_KEY") continue;
      const pos = err.linePos?.[0] ?? at(err.pos[0]);
      if (err.code === "RESOURCE_EXHAUSTION") {
        syntax.push(
          issue("RESOURCE_EXHAUSTION", "the YAML is nested too deeply to be read", {
            file,
            line: pos.line,
            col: pos.col,
          }),
        );
      } else {
        syntax.push(issue("YAML_SYNTAX", cleanMessage(err.message), { file, line: pos.line, col: pos.col }));
      }
    }
  }
  if (syntax.length > 0) {
    if (marker) {
      const pos = at(marker.index);
      issues.push(
        issue(
          "TEMPLATE_NOT_RENDERED",
          `this file holds unrendered template markers (${marker.text}); render the template (e.g. cookiecutter) first`,
          { file, line: pos.line, col: pos.col },
        ),
      );
    } else {
      // one error per line, at most a few: yaml reports follow-on errors too
      const seen = new Set<string>();
      for (const i of syntax) {
        const k = `${i.code}:${i.line}`;
        if (seen.has(k)) continue;
        seen.add(k);
        issues.push(i);
        if (i.code === "RESOURCE_EXHAUSTION" || issues.length >= MAX_SYNTAX_ISSUES) break;
      }
    }
    return { value: [], issues };
  }
  if (marker) {
    const pos = at(marker.index);
    issues.push(
      issue(
        "TEMPLATE_NOT_RENDERED",
        `this file holds unrendered template markers (${marker.text}); they are read as plain text, render the template (e.g. cookiecutter) first for real values`,
        { severity: "warning", file, line: pos.line, col: pos.col },
      ),
    );
  }

  const walker = new Walker(file, lim, lineCounter);
  const values: unknown[] = [];
  for (const doc of documents) {
    if (isEmptyDocument(doc)) continue;
    const built = walker.document(doc);
    if (walker.fatal) break;
    values.push(built);
  }
  issues.push(...walker.issues);
  if (walker.fatal) return { value: [], issues };
  if (values.length === 0) {
    issues.push(issue("EMPTY_FILE", "the file is empty; it is read as an empty mapping", { severity: "info", file }));
    const empty = {};
    return { value: [empty], issues };
  }
  return { value: values, issues };
}

/**
 * Decodes uploaded bytes as UTF-8 (a leading BOM is dropped). Binary files (NUL bytes) give
 * `BINARY_FILE`, invalid UTF-8 gives `NOT_UTF8` at the first bad byte; `value` is then undefined.
 */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
  limits?: Partial<Pick<YamlLimits, "maxBytes">>,
): PhaseResult<string | undefined> {
  const maxBytes = limits?.maxBytes ?? DEFAULT_YAML_LIMITS.maxBytes;
  if (bytes.length > maxBytes) {
    return {
      value: undefined,
      issues: [
        issue("FILE_TOO_LARGE", `the file is ${bytes.length} bytes, more than the ${maxBytes} bytes allowed`, { file }),
      ],
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      value: undefined,
      issues: [issue("BINARY_FILE", `the file holds a NUL byte at offset ${nul}; it looks binary, not text`, { file })],
    };
  }
  try {
    return { value: new TextDecoder("utf-8", { fatal: true }).decode(bytes), issues: [] };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, col } = lineColOfByte(bytes, bad);
    return {
      value: undefined,
      issues: [
        issue("NOT_UTF8", `the file is not valid UTF-8 (byte 0x${hex(bytes[bad])} at offset ${bad}); save it as UTF-8`, {
          file,
          line,
          col,
        }),
      ],
    };
  }
}

// ---------------------------------------------------------------------------------------------

/** Internal signal to stop the walk once a limit is hit (caught in `Walker.document`). */
class StopWalk {}

interface BuildContext {
  /** the context of the enclosing value; with `seg`, the path for messages (`services.web.ports`), see `pathOf` */
  parent: BuildContext | undefined;
  seg: string | number | undefined;
  depth: number;
  /** > 0 while building values reached through an alias or a merge key */
  viaAlias: number;
}

class Walker {
  readonly issues: Issue[] = [];
  fatal = false;
  private nodes = 0;
  private aliasNodes = 0;
  /** anchor name → anchored nodes in document order (yaml's `Alias.resolve` walks the whole document each time) */
  private anchors = new Map<string, { start: number; node: YamlNode }[]>();
  /** nodes being built (their context), to find aliases that point at their own ancestors */
  private readonly building = new Map<YamlNode, BuildContext>();
  private readonly warnedTags = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly limits: YamlLimits,
    private readonly lineCounter: LineCounter,
  ) {}

  document(doc: Document.Parsed): unknown {
    try {
      this.anchors = indexAnchors(doc);
      return this.build(doc.contents, { parent: undefined, seg: undefined, depth: 0, viaAlias: 0 });
    } catch (e) {
      if (e instanceof StopWalk) {
        this.fatal = true;
        return undefined;
      }
      this.fatal = true;
      this.issues.push(
        e instanceof RangeError
          ? issue("RESOURCE_EXHAUSTION", "the YAML is nested too deeply to be read", { file: this.file })
          : issue("INTERNAL", `unexpected error while reading the YAML: ${String(e)}`, { file: this.file }),
      );
      return undefined;
    }
  }

  private loc(node: { range?: readonly number[] | null } | null | undefined): SourceLocation | undefined {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, col };
  }

  private stop(code: "RESOURCE_EXHAUSTION" | "YAML_SYNTAX", message: string, node: unknown, path: readonly (string | number)[]): never {
    const loc = this.loc(node as YamlNode);
    this.issues.push(issue(code, message, { file: this.file, line: loc?.line, col: loc?.col, path: dotted(path) || undefined }));
    throw new StopWalk();
  }

  private count(node: unknown, ctx: BuildContext): void {
    this.nodes++;
    if (this.nodes > this.limits.maxNodes) {
      this.stop(
        "RESOURCE_EXHAUSTION",
        `the YAML holds more than ${this.limits.maxNodes} values; it is refused`,
        node,
        pathOf(ctx),
      );
    }
    if (ctx.viaAlias > 0) {
      this.aliasNodes++;
      if (this.aliasNodes > this.limits.maxAliasExpansion) {
        this.stop(
          "RESOURCE_EXHAUSTION",
          `excessive aliasing: expanding aliases and merge keys builds more than ${this.limits.maxAliasExpansion} values; it is refused`,
          node,
          pathOf(ctx),
        );
      }
    }
    if (ctx.depth > this.limits.maxDepth) {
      this.stop(
        "RESOURCE_EXHAUSTION",
        `the YAML is nested more than ${this.limits.maxDepth} levels deep; it is refused`,
        node,
        pathOf(ctx),
      );
    }
  }

  private build(node: unknown, ctx: BuildContext): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.buildAlias(node, ctx);
    const n = node as YamlNode & { tag?: string };
    this.count(n, ctx);
    const tag = n.tag;
    if (tag === "!reset") return new ResetTag();
    if (tag === "!override") return new OverrideTag(this.buildUntagged(n, ctx));
    if (tag && tag !== "!" && !KNOWN_YAML_TAGS.has(tag)) this.warnTag(tag, n, ctx);
    return this.buildUntagged(n, ctx);
  }

  private buildUntagged(n: YamlNode, ctx: BuildContext): unknown {
    if (isScalar(n)) return scalarValue(n);
    if (isMap(n) || isSeq(n)) {
      if (this.building.has(n)) {
        // only reachable through an alias; buildAlias reports it
        return null;
      }
      this.building.set(n, ctx);
      try {
        return isMap(n) ? this.buildMap(n, ctx) : this.buildSeq(n, ctx);
      } finally {
        this.building.delete(n);
      }
    }
    return null;
  }

  /** The node an alias names: the last node anchored with that name before the alias. */
  private resolveAlias(alias: { source: string; range?: readonly number[] | null }): YamlNode | undefined {
    const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    const candidates = this.anchors.get(alias.source) ?? [];
    let found: YamlNode | undefined;
    for (const c of candidates) {
      if (c.start >= at) break;
      found = c.node;
    }
    return found;
  }

  private buildAlias(alias: { source: string; range?: readonly number[] | null }, ctx: BuildContext): unknown {
    const target = this.resolveAlias(alias);
    if (!target) {
      this.stop("YAML_SYNTAX", `unknown anchor '${alias.source}' referenced`, alias, pathOf(ctx));
    }
    const anchorCtx = this.building.get(target);
    if (anchorCtx) {
      // an alias inside the node its anchor names: infinite. Report it the way compose-go does.
      const anchorPath = pathOf(anchorCtx);
      const here = pathOf(ctx);
      const rel = here.slice(anchorPath.length);
      this.stop(
        "YAML_SYNTAX",
        `cycle detected: node at path ${dotted([...here, ...rel])} references node at path ${dotted(here)}`,
        alias,
        here,
      );
    }
    return this.build(target, { ...ctx, viaAlias: ctx.viaAlias + 1 });
  }

  private buildSeq(seq: { items: unknown[]; range?: readonly number[] | null }, ctx: BuildContext): unknown[] {
    const out: unknown[] = [];
    const seqLoc = this.loc(seq);
    setSelfLoc(out, seqLoc);
    const items = seq.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const value = this.build(item, { parent: ctx, seg: i, depth: ctx.depth + 1, viaAlias: ctx.viaAlias });
      out.push(value);
      setLoc(out, i, this.loc(item as YamlNode) ?? seqLoc);
    }
    return out;
  }

  private buildMap(map: { items: unknown[]; range?: readonly number[] | null }, ctx: BuildContext): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    setSelfLoc(out, this.loc(map));
    /** line of each key written in this mapping (merge keys included, like compose-go) */
    const explicitLine = new Map<string, number>();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as ParsedNode | null;
      const keyLoc = this.loc(keyNode) ?? this.loc(pair.value as YamlNode) ?? this.loc(map);
      const isMergeKey = isScalar(keyNode) && typeof keyNode.value === "symbol";
      const key = isMergeKey ? "<<" : this.keyString(keyNode, ctx);
      if (key === undefined) continue;
      const prev = explicitLine.get(key);
      if (prev !== undefined) {
        this.issues.push(
          issue("DUPLICATE_KEY", `mapping key ${JSON.stringify(key)} already defined at line ${prev}`, {
            file: this.file,
            line: keyLoc?.line,
            col: keyLoc?.col,
            path: dotted([...pathOf(ctx), key]) || undefined,
          }),
        );
      }
      explicitLine.set(key, keyLoc?.line ?? 0);
      if (isMergeKey) {
        this.applyMergeKey(pair.value, out, ctx, keyLoc);
        continue;
      }
      // an explicit key replaces what a merge key brought, wherever the merge key is written
      setOwn(out, key, this.build(pair.value, { parent: ctx, seg: key, depth: ctx.depth + 1, viaAlias: ctx.viaAlias }));
      setLoc(out, key, keyLoc);
    }
    return out;
  }

  /**
   * `<<: *a`, `<<: [*a, *b]`, `<<: {…}`: a shallow merge. Keys already in the mapping (explicit
   * keys written before, or keys of an earlier merge source) are kept; explicit keys written
   * after the merge key replace merged ones (see buildMap).
   */
  private applyMergeKey(valueNode: unknown, out: Record<string, unknown>, ctx: BuildContext, keyLoc: SourceLocation | undefined): void {
    const mergeCtx: BuildContext = { ...ctx, depth: ctx.depth + 1, viaAlias: ctx.viaAlias + 1 };
    const deref = (n: unknown): unknown => (isAlias(n) ? this.resolveAlias(n) : n);
    const top = deref(valueNode);
    let sources: unknown[];
    if (isSeq(top)) {
      this.count(top, mergeCtx);
      sources = top.items;
    } else {
      sources = [valueNode];
    }
    for (const src of sources) {
      if (!isMap(deref(src))) {
        this.stop("YAML_SYNTAX", "map merge requires map or sequence of maps as the value", src ?? valueNode, [
          ...pathOf(ctx),
          "<<",
        ]);
      }
      const built = this.build(src, mergeCtx);
      if (!built || typeof built !== "object" || Array.isArray(built)) continue;
      const record = built as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (Object.prototype.hasOwnProperty.call(out, key)) continue;
        setOwn(out, key, record[key]);
        setLoc(out, key, getLoc(record, key) ?? keyLoc);
      }
    }
  }

  private keyString(keyNode: ParsedNode | null, ctx: BuildContext): string | undefined {
    if (keyNode === null) {
      this.issues.push(
        issue("NON_STRING_KEY", `non-string key ${where(pathOf(ctx))}: null`, {
          file: this.file,
          path: dotted(pathOf(ctx)) || undefined,
        }),
      );
      return "";
    }
    if (isScalar(keyNode)) {
      const v = keyNode.value;
      if (typeof v === "string") return v;
      const text = keyNode.source !== undefined && keyNode.source !== "" ? String(keyNode.source) : String(v);
      const loc = this.loc(keyNode);
      this.issues.push(
        issue("NON_STRING_KEY", `non-string key ${where(pathOf(ctx))}: ${text}; docker compose refuses it, quote the key`, {
          file: this.file,
          line: loc?.line,
          col: loc?.col,
          path: dotted(pathOf(ctx)) || undefined,
        }),
      );
      return text;
    }
    const loc = this.loc(keyNode as YamlNode);
    this.issues.push(
      issue("NON_STRING_KEY", `non-string key ${where(pathOf(ctx))}: a ${isSeq(keyNode) ? "sequence" : "mapping"} used as a key; it is skipped`, {
        file: this.file,
        line: loc?.line,
        col: loc?.col,
        path: dotted(pathOf(ctx)) || undefined,
      }),
    );
    return undefined;
  }

  private warnTag(tag: string, node: YamlNode, ctx: BuildContext): void {
    const loc = this.loc(node);
    const k = `${tag}@${loc?.line}:${loc?.col}`;
    if (this.warnedTags.has(k)) return;
    this.warnedTags.add(k);
    this.issues.push(
      issue("UNKNOWN_TAG", `unknown YAML tag ${tag}; the value is kept as written`, {
        severity: "warning",
        file: this.file,
        line: loc?.line,
        col: loc?.col,
        path: dotted(pathOf(ctx)) || undefined,
      }),
    );
  }
}

/** The keys and indices from the document root down to the value `ctx` builds. */
function pathOf(ctx: BuildContext): (string | number)[] {
  const out: (string | number)[] = [];
  for (let c: BuildContext | undefined = ctx; c; c = c.parent) if (c.seg !== undefined) out.push(c.seg);
  return out.reverse();
}

function scalarValue(n: { value: unknown; source?: string; type?: string; tag?: string }): unknown {
  if (n.type === "PLAIN" && !n.tag && typeof n.source === "string") {
    const goNumber = goPlainNumber(n.source);
    if (goNumber !== undefined) return goNumber;
  }
  const v = n.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  // !!binary, !!timestamp and the like: keep the text as written
  return n.source ?? String(v);
}

function indexAnchors(doc: Document.Parsed): Map<string, { start: number; node: YamlNode }[]> {
  const out = new Map<string, { start: number; node: YamlNode }[]>();
  // every node of the document (keys included), like yaml's `visit`, without its per-node bookkeeping
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    const n = node as YamlNode & { anchor?: string };
    if (n.anchor) {
      let list = out.get(n.anchor);
      if (!list) {
        list = [];
        out.set(n.anchor, list);
      }
      list.push({ start: n.range?.[0] ?? 0, node: n });
    }
    if (isMap(n) || isSeq(n)) for (const item of n.items) walk(item);
  };
  walk(doc.contents);
  for (const list of out.values()) list.sort((a, b) => a.start - b.start);
  return out;
}

export { goPlainNumber };

function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents as unknown;
  if (c === null || c === undefined) return true;
  return isScalar(c) && c.value === null && (c.source === "" || c.source === undefined) && !c.tag;
}

/** Sets an own property, even for keys such as `__proto__`. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function dotted(path: readonly (string | number)[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

function where(path: readonly (string | number)[]): string {
  return path.length === 0 ? "at top level" : `in ${dotted(path)}`;
}

/** False when `findTemplateMarker` cannot find anything (no opening delimiter at all). */
function mayHoldTemplateMarker(text: string): boolean {
  if (!text.includes("{{") && !text.includes("{%") && !text.includes("{#")) return false;
  return findTemplateMarker(text) !== undefined;
}

/** yaml's messages end with a code excerpt; keep the first line, without the position. */
function cleanMessage(message: string): string {
  const first = (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").trim();
  return first.length > MAX_MESSAGE_LENGTH ? `${first.slice(0, MAX_MESSAGE_LENGTH)}…` : first;
}

const TEMPLATE_DELIMITERS: [string, string][] = [
  ["{{", "}}"],
  ["{%", "%}"],
  ["{#", "#}"],
];

/**
 * The first Jinja/cookiecutter marker (`{{ x }}`, `{% if %}`, `{# #}`) on one line, not GitHub's
 * `${{ }}`. A linear scan: a regular expression with a lazy `.*?` would take quadratic time on a
 * long line full of `{{`.
 */
export function findTemplateMarker(text: string): { index: number; text: string } | undefined {
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf("\n", lineStart);
    const line = text.slice(lineStart, nl < 0 ? text.length : nl);
    let best: number | undefined;
    let bestClose = "";
    for (const [open, close] of TEMPLATE_DELIMITERS) {
      const lastClose = line.lastIndexOf(close);
      for (let p = line.indexOf(open); p >= 0 && p + open.length <= lastClose; p = line.indexOf(open, p + 1)) {
        if (p > 0 && line[p - 1] === "$") continue;
        if (best === undefined || p < best) {
          best = p;
          bestClose = close;
        }
        break;
      }
    }
    if (best !== undefined) {
      const marker = line.slice(best, line.indexOf(bestClose, best + 2) + bestClose.length);
      return { index: lineStart + best, text: marker.length > 60 ? `${marker.slice(0, 57)}…` : marker };
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return undefined;
}

const NON_ASCII = /[^\x00-\x7f]/;

function utf8ByteLength(s: string): number {
  // fast path: most files are ASCII
  if (!NON_ASCII.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else n += 2;
  }
  return n;
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    let need = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}

function lineColOfByte(b: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < b.length; i++) {
    const c = b[i] ?? 0;
    if (c === 0x0a) {
      line++;
      col = 1;
    } else if ((c & 0xc0) !== 0x80) col++;
  }
  return { line, col };
}

function hex(n: number | undefined): string {
  return (n ?? 0).toString(16).padStart(2, "0");
}
