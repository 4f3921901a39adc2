/**
 * Anchor ids of the Files section: `file-<env>-<file>-L<line>`, which findings link to.
 * Characters outside `[A-Za-z0-9._-]` become `_` so the id works as a URL fragment
 * and a CSS selector without escaping.
 */
const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, "_");

export function fileAnchorId({ env, file, line }: { env: string; file: string; line?: number }): string {
  const base = `file-${safe(env)}-${safe(file)}`;
  return line === undefined ? base : `${base}-L${line}`;
}
