import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * tianbao's own entries of a PDF's document information dictionary: the
 * digest of every input it was made from (see the CLI's output-digest.ts), and
 * `1` in a draft (`generate --allow-errors`).
 */
export const PDF_INFO_KEYS = { digest: 'TianbaoDigest', draft: 'TianbaoDraft' } as const;

/** Bytes read at the end of a PDF for its trailer, and at each object for its start. */
const TAIL_BYTES = 1024;
const OBJECT_BYTES = 1024;

/**
 * A text entry of a PDF's document information dictionary, plain ASCII with
 * no escapes (a digest), as pdfkit writes a PDF: the trailer names the dictionary, the
 * cross-reference table (one section from object 0, 20 bytes an entry) gives
 * where each object starts, and each value is a literal string object of its
 * own. A few small reads at known places, however large the file: the
 * dictionary sits before the embedded fonts, far from either end. Null for
 * anything else, a file that is not a PDF written so included.
 */
export async function pdfInfoString(path: string, key: string): Promise<string | null> {
  let file: FileHandle | undefined;
  try {
    // Not waiting for a writer, should the path be a FIFO.
    file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await file.stat();
    if (!stat.isFile()) return null;
    const read = async (at: number, length: number) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, stat.size - at)));
      const { bytesRead } = await file!.read(buf, 0, buf.length, at);
      return buf.toString('latin1', 0, bytesRead);
    };
    const tail = await read(Math.max(0, stat.size - TAIL_BYTES), TAIL_BYTES);
    const trailer = tail.slice(tail.lastIndexOf('trailer'));
    const info = /\/Info (\d+) 0 R/.exec(trailer)?.[1];
    const xref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(trailer)?.[1];
    if (!info || !xref) return null;
    const section = /^xref\r?\n0 (\d+)\r?\n/.exec(await read(Number(xref), 64));
    if (!section) return null;
    const object = async (n: number): Promise<string | null> => {
      if (n >= Number(section[1])) return null;
      const entry = /^(\d{10}) \d{5} n/.exec(await read(Number(xref) + section[0].length + 20 * n, 20));
      const text = entry ? await read(Number(entry[1]), OBJECT_BYTES) : '';
      return text.startsWith(`${n} 0 obj`) ? text.slice(`${n} 0 obj`.length) : null;
    };
    const dict = await object(Number(info));
    const ref = dict && new RegExp(`^\\s*<<[^>]*?/${key} (\\d+) 0 R`).exec(dict)?.[1];
    const value = ref ? await object(Number(ref)) : null;
    return value ? (/^\s*\(([^()\\]*)\)\s*endobj/.exec(value)?.[1] ?? null) : null;
  } catch {
    return null;
  } finally {
    await file?.close();
  }
}
