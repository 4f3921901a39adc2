/**
 * gzip for a body that is the same every time except for one short fill (the
 * result page and its CSP nonce), without compressing the whole body per response.
 * Each constant part is compressed once into raw deflate blocks that end on a byte
 * boundary (a sync flush) and are not final; a response is the gzip header, the
 * parts' blocks with the fill between them as uncompressed (stored) blocks, an
 * empty final block, and the trailer (CRC-32 of the whole body and its length,
 * RFC 1952). A deflate stream may be any sequence of such blocks (RFC 1951 §3.2.3),
 * and no part's blocks refer back past their own start, so the result is one
 * ordinary gzip member. Per response it costs a CRC-32 over the body.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
/** final block, fixed Huffman codes, end-of-block only */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
const MAX_STORED = 0xffff;

/** CRC-32 of `data` continuing `crc`. Node 20's zlib.crc32 answers 0 for some empty buffers (one that went through deflateRawSync): skip those. */
const crcOf = (data: Buffer, crc: number) => (data.length === 0 ? crc : crc32(data, crc));

/** The raw deflate blocks of each part (compressed once, level 6), ready for gzipWithFill. */
export function deflateParts(parts: readonly Buffer[]): Buffer[] {
  return parts.map((p) => deflateRawSync(p, { finishFlush: constants.Z_SYNC_FLUSH }));
}

/** Non-final stored blocks holding `data` (the stream is on a byte boundary before and after). */
function storedBlocks(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < data.length; at += MAX_STORED) {
    const chunk = data.subarray(at, at + MAX_STORED);
    const head = Buffer.alloc(5);
    head[0] = 0x00; // BFINAL 0, BTYPE 00 (stored), padding to the byte boundary
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    out.push(head, chunk);
  }
  return out;
}

/**
 * The gzip (as chunks) of `parts[0] + fill + parts[1] + fill + … + parts[n-1]`,
 * given `segments = deflateParts(parts)`.
 */
export function gzipWithFill(parts: readonly Buffer[], segments: readonly Buffer[], fill: Buffer): Buffer[] {
  if (parts.length !== segments.length || parts.length === 0) throw new Error("gzipWithFill needs one segment per part");
  const fillBlocks = storedBlocks(fill);
  const out: Buffer[] = [HEADER];
  let crc = 0;
  let size = 0;
  parts.forEach((part, i) => {
    if (i > 0) {
      out.push(...fillBlocks);
      crc = crcOf(fill, crc);
      size += fill.length;
    }
    out.push(segments[i] as Buffer);
    crc = crcOf(part, crc);
    size += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  out.push(FINAL_EMPTY_BLOCK, trailer);
  return out;
}
