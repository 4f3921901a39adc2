/**
 * A small line-oriented syntax highlighter for the Files section: YAML (compose
 * files), env files and Procfiles. Each line becomes tokens whose texts join back
 * to the line exactly, so line numbers and anchors stay true. Linear time, no
 * backtracking-prone patterns; it only colours, it never judges validity.
 */
export type TokenType = "plain" | "comment" | "key" | "punct" | "string" | "number" | "bool" | "null" | "anchor" | "tag" | "var" | "mask" | "keyword";

export interface Token {
  type: TokenType;
  text: string;
}

export type SourceKind = "compose" | "env" | "procfile";

const VALUE_PARTS = /(\$\{[^}\n]{0,200}\}|\$[A-Za-z_][A-Za-z0-9_]*|••••(?: \(\d+ chars\))?)/;

/** Splits a value into string / var (`${X}`, `$X`) / mask (`••••`) tokens. */
function valueTokens(text: string, type: TokenType): Token[] {
  if (!text) return [];
  const out: Token[] = [];
  for (const [i, part] of text.split(VALUE_PARTS).entries()) {
    if (!part) continue;
    out.push({ type: i % 2 === 1 ? (part.startsWith("$") ? "var" : "mask") : type, text: part });
  }
  return out;
}

/** Position of a ` #` comment outside quotes, or -1. */
function commentStart(s: string): number {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "#" && (i === 0 || s[i - 1] === " " || s[i - 1] === "\t")) {
      return i;
    }
  }
  return -1;
}

function yamlScalar(raw: string): Token[] {
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  const trail = raw.slice(lead + body.length);
  const out: Token[] = lead ? [{ type: "plain", text: raw.slice(0, lead) }] : [];
  if (body) {
    if (/^[&*][^\s]+$/.test(body)) out.push({ type: "anchor", text: body });
    else if (/^![^\s]*$/.test(body)) out.push({ type: "tag", text: body });
    else if (/^[|>][-+0-9]*$/.test(body) || body === "[]" || body === "{}") out.push({ type: "punct", text: body });
    else if (/^(true|false|yes|no|on|off)$/i.test(body)) out.push({ type: "bool", text: body });
    else if (/^(null|~)$/i.test(body)) out.push({ type: "null", text: body });
    else if (/^[-+]?(\d[\d_]*)(\.\d+)?$/.test(body)) out.push({ type: "number", text: body });
    else out.push(...valueTokens(body, "string"));
  }
  if (trail) out.push({ type: "plain", text: trail });
  return out;
}

function yamlLine(line: string): { tokens: Token[]; blockIndent: number | null } {
  const tokens: Token[] = [];
  let rest = line;
  const indent = rest.length - rest.trimStart().length;
  if (indent) tokens.push({ type: "plain", text: rest.slice(0, indent) });
  rest = rest.slice(indent);
  if (rest.startsWith("#")) return { tokens: [...tokens, { type: "comment", text: rest }], blockIndent: null };
  if (rest === "---" || rest === "...") return { tokens: [...tokens, { type: "punct", text: rest }], blockIndent: null };
  // list markers
  let col = indent;
  for (let m = /^-(\s+|$)/.exec(rest); m; m = /^-(\s+|$)/.exec(rest)) {
    tokens.push({ type: "punct", text: "-" });
    if (m[1]) tokens.push({ type: "plain", text: m[1] });
    rest = rest.slice(m[0].length);
    col += m[0].length;
    if (!m[1]) break;
  }
  const c = commentStart(rest);
  const comment = c >= 0 ? rest.slice(c) : "";
  if (c >= 0) rest = rest.slice(0, c);
  const key = /^("[^"]*"|'[^']*'|[^\s"'#:{[][^:#]*?)(\s*)(:)(?=\s|$)/.exec(rest);
  let blockIndent: number | null = null;
  if (key) {
    tokens.push(...valueTokens(key[1] ?? "", "key"));
    if (key[2]) tokens.push({ type: "plain", text: key[2] });
    tokens.push({ type: "punct", text: ":" });
    const value = rest.slice(key[0].length);
    tokens.push(...yamlScalar(value));
    if (/^\s*[|>][-+0-9]*\s*$/.test(value)) blockIndent = col;
  } else {
    tokens.push(...yamlScalar(rest));
  }
  if (comment) tokens.push({ type: "comment", text: comment });
  return { tokens, blockIndent };
}

function envLine(line: string): Token[] {
  const m = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)(\s*)(=|:)(.*)$/.exec(line);
  if (!m) {
    const t = line.trimStart();
    if (t.startsWith("#")) return [...(line.length > t.length ? [{ type: "plain" as const, text: line.slice(0, line.length - t.length) }] : []), { type: "comment", text: t }];
    return line ? [{ type: "plain", text: line }] : [];
  }
  const [, lead = "", exp = "", key = "", space = "", sep = "", value = ""] = m;
  const out: Token[] = [];
  if (lead) out.push({ type: "plain", text: lead });
  if (exp) out.push({ type: "keyword", text: exp });
  out.push({ type: "key", text: key });
  if (space) out.push({ type: "plain", text: space });
  out.push({ type: "punct", text: sep });
  const quoted = /^\s*["']/.test(value);
  const c = quoted ? -1 : commentStart(value);
  out.push(...valueTokens(c >= 0 ? value.slice(0, c) : value, "string"));
  if (c >= 0) out.push({ type: "comment", text: value.slice(c) });
  return out;
}

function procfileLine(line: string): Token[] {
  const m = /^([A-Za-z0-9_-]+)(\s*:)(.*)$/.exec(line);
  if (!m) return line.trimStart().startsWith("#") ? [{ type: "comment", text: line }] : line ? [{ type: "plain", text: line }] : [];
  const [, name = "", sep = "", command = ""] = m;
  return [{ type: "key", text: name }, { type: "punct", text: sep }, ...valueTokens(command, "plain")];
}

/** Tokens per line (lines split on `\n`, a trailing `\r` kept as plain text). */
export function tokenizeSource({ content, kind }: { content: string; kind: SourceKind | string }): Token[][] {
  const lines = content.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const out: Token[][] = [];
  let block: number | null = null;
  for (const full of lines) {
    const cr = full.endsWith("\r") ? "\r" : "";
    const line = cr ? full.slice(0, -1) : full;
    let tokens: Token[];
    if (kind === "env") tokens = envLine(line);
    else if (kind === "procfile") tokens = procfileLine(line);
    else {
      const indent = line.length - line.trimStart().length;
      if (block !== null && (line.trim() === "" || indent > block)) {
        tokens = line ? valueTokens(line, "string") : [];
      } else {
        const r = yamlLine(line);
        tokens = r.tokens;
        block = r.blockIndent;
      }
    }
    if (cr) tokens.push({ type: "plain", text: cr });
    out.push(tokens);
  }
  return out;
}
