/**
 * A small, safe markdown subset → HTML string, for comment bodies. Supported:
 * paragraphs (blank line), line breaks, fenced code blocks (```), inline `code`,
 * **strong**, *emphasis* / _emphasis_, [links](https://…) and bare http(s) URLs.
 * Links are kept only for http:, https: and mailto: and get
 * rel="noopener noreferrer nofollow". Everything else — raw HTML included — is
 * escaped and shown as text. Linear scans only (no backtracking on hostile input).
 */

export interface RenderMarkdownSafeOptions {
  markdown: string;
}

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
export const LINK_REL = "noopener noreferrer nofollow";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

/** The URL, normalised, when it is an absolute http(s) or mailto URL; otherwise null. */
export function safeUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(u.protocol)) return null;
  return u.href;
}

function link(href: string, labelHtml: string): string {
  return `<a href="${escapeHtml(href)}" rel="${LINK_REL}">${labelHtml}</a>`;
}

/** Emphasis on text that is already escaped (markers are plain ASCII, never produced by escaping). */
function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*([^*\n]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*\n]+)\*/g, "<em>$1</em>")
    .replace(/(^|[^\w])_([^_\n]+)_(?![\w])/g, "$1<em>$2</em>");
}

// one alternation, tried left to right: inline code | [label](url) | bare URL
const INLINE = /`([^`\n]+)`|\[([^\]\n]{1,500})\]\(([^()\s]{1,2048})\)|(https?:\/\/[^\s<>"'`]{1,2048})/g;

function renderInline(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const start = m.index;
    out += emphasis(escapeHtml(text.slice(last, start)));
    const [all, code, label, url, bare] = m;
    if (code !== undefined) {
      out += `<code>${escapeHtml(code)}</code>`;
    } else if (label !== undefined && url !== undefined) {
      const href = safeUrl(url);
      out += href ? link(href, emphasis(escapeHtml(label))) : emphasis(escapeHtml(all));
    } else if (bare !== undefined) {
      // trailing punctuation belongs to the sentence, not the URL
      const trimmed = bare.replace(/[.,;:!?)\]]+$/, "");
      const href = safeUrl(trimmed);
      out += href ? link(href, escapeHtml(trimmed)) + escapeHtml(bare.slice(trimmed.length)) : escapeHtml(bare);
    }
    last = start + all.length;
  }
  return out + emphasis(escapeHtml(text.slice(last)));
}

export function renderMarkdownSafe({ markdown }: RenderMarkdownSafeOptions): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push(`<p>${para.map(renderInline).join("<br>")}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^\s*```/.test(line)) {
      flush();
      const code: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```\s*$/.test(lines[i] ?? "")) code.push(lines[i++] ?? "");
      blocks.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    if (line.trim() === "") flush();
    else para.push(line.trim());
  }
  flush();
  return blocks.join("\n");
}
