/**
 * Browser side of adding files: reads dropped, picked or pasted files and runs the
 * client-side checks (size against the server limit, binary, UTF-8) on each.
 */
import { type CheckedFile, checkFileContent, checkFileSize, checkPastedText } from "@/lib/upload/check-file-content";
import type { IncomingFile } from "@/lib/upload/form-state";

function incoming(name: string, checked: CheckedFile): IncomingFile {
  return checked.ok
    ? { name, content: checked.content, size: checked.size }
    : { name, content: "", size: checked.size, error: { source: "client", code: checked.code, message: checked.message } };
}

export async function readFiles({ files, maxBytes }: { files: readonly File[]; maxBytes: number }): Promise<IncomingFile[]> {
  return Promise.all(
    files.map(async (file) => {
      // a file over the limit is refused without reading it
      const tooLarge = checkFileSize({ size: file.size, maxBytes });
      if (tooLarge) return incoming(file.name, tooLarge);
      return incoming(file.name, checkFileContent({ bytes: new Uint8Array(await file.arrayBuffer()), maxBytes }));
    }),
  );
}

export function readPastedText({ name, text, maxBytes }: { name: string; text: string; maxBytes: number }): IncomingFile {
  return incoming(name, checkPastedText({ text, maxBytes }));
}

/** Whether a drag carries files (not text or a link). */
export function carriesFiles(dataTransfer: DataTransfer | null): boolean {
  return !!dataTransfer && Array.from(dataTransfer.types ?? []).includes("Files");
}
