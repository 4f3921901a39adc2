/**
 * Client-side checks of a file before it joins an upload: size against the server's
 * limit, text vs binary, and UTF-8. Pure (works on bytes), so the page and the unit
 * tests use the same code.
 */

export type FileProblemCode = "TOO_LARGE" | "BINARY" | "NOT_UTF8";

export type CheckedFile =
  | { ok: true; content: string; size: number }
  | { ok: false; code: FileProblemCode; message: string; size: number };

export interface CheckFileContentOptions {
  bytes: Uint8Array;
  /** the server's MAX_UPLOAD_BYTES (the whole request must fit in it) */
  maxBytes: number;
}

/** How many leading bytes are scanned for binary markers (like git's 8000-byte heuristic). */
const SNIFF_BYTES = 8000;

/** `1.5 MB`, `12 KB`, `300 bytes`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} ${n === 1 ? "byte" : "bytes"}`;
  if (n < 1024 * 1024) return `${trimZero(n / 1024)} KB`;
  return `${trimZero(n / (1024 * 1024))} MB`;
}

function trimZero(x: number): string {
  const s = x >= 10 ? x.toFixed(0) : x.toFixed(1);
  return s.endsWith(".0") ? s.slice(0, -2) : s;
}

/** NUL bytes, or many control characters other than tab/newline/CR/form feed/escape, mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** The size check alone, so a browser can refuse a large file without reading it. */
export function checkFileSize({ size, maxBytes }: { size: number; maxBytes: number }): Extract<CheckedFile, { ok: false }> | null {
  if (size <= maxBytes) return null;
  return { ok: false, code: "TOO_LARGE", size, message: `File too large: ${formatBytes(size)}, the limit is ${formatBytes(maxBytes)}.` };
}

export function checkFileContent({ bytes, maxBytes }: CheckFileContentOptions): CheckedFile {
  const size = bytes.length;
  const tooLarge = checkFileSize({ size, maxBytes });
  if (tooLarge) return tooLarge;
  if (looksBinary(bytes)) {
    return { ok: false, code: "BINARY", size, message: "This is a binary file; upload compose, env or Procfile text." };
  }
  try {
    // a leading BOM is dropped, as compose does when it reads the file
    const content = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { ok: true, content, size };
  } catch {
    return { ok: false, code: "NOT_UTF8", size, message: "Not UTF-8 text; save the file as UTF-8 and add it again." };
  }
}

/** The same checks for text typed or pasted into the page. */
export function checkPastedText({ text, maxBytes }: { text: string; maxBytes: number }): CheckedFile {
  return checkFileContent({ bytes: new TextEncoder().encode(text), maxBytes });
}
