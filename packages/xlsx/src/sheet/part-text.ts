import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { LIMITS } from '../inspect.ts';
import { FileRefused } from '../file-rules.ts';
import { BadXml } from './bad-xml.ts';
import { compressedData, inflateStream, type ZipEntry } from '../zip.ts';

/** Checked between chunks: a file past its time limit stops being read. */
export type Stop = AbortSignal | undefined;

/**
 * Decoded, a chunk stays under V8's large-object size (128 kB) and dies young,
 * cheaply: with 256 kB chunks a 100,000-row check peaked some 30 MB higher.
 */
const CHUNK = 64 * 1024;

/** Where a part's bytes as stored are in a file, read from it as the part inflates (see `partBytes`). */
export interface FileRange {
  file: string;
  start: number;
  length: number;
}

/**
 * A part's bytes, inflated a chunk at a time: a sheet of a hundred thousand
 * rows is never one buffer. Stops (throwing) when the part inflates past the
 * unpacked limit, or when `stop` is aborted. `from`: the file's bytes, or
 * where the part's are in the file, read as they inflate: a file changed
 * since its inspection fails its part's size or CRC-32 (see `PartCheck`),
 * or does not inflate, and is refused as damaged.
 */
export async function* partBytes(from: Buffer | FileRange, e: ZipEntry, stop: Stop): AsyncGenerator<Buffer> {
  const packed = Buffer.isBuffer(from) ? compressedBytes(from, e) : await rangeOf(from, e);
  if (e.method === 0 && Buffer.isBuffer(packed)) {
    for (let i = 0; i < packed.length; i += CHUNK) {
      stop?.throwIfAborted();
      yield packed.subarray(i, i + CHUNK);
    }
    return;
  }
  const source = Buffer.isBuffer(packed) ? Readable.from([packed]) : packed;
  // Room for a few chunks ahead, so the part inflates on another thread while this one reads what came before
  // (zlib streams take the stream options; the zlib types leave them out).
  const ahead = { readableHighWaterMark: 4 * CHUNK } as object;
  const inflate = () => inflateStream(e, { chunkSize: CHUNK, ...ahead });
  // A stored part read from the file comes as it is read. Read from the file, a failed read must end the
  // inflating (`pipeline`); bytes in memory cannot fail, and `pipe` spares each of a file's many small parts
  // the abort signal `pipeline` makes and aborts.
  const inflater = e.method === 0 ? source : Buffer.isBuffer(packed) ? source.pipe(inflate()) : pipeline(source, inflate(), () => {});
  let size = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      stop?.throwIfAborted();
      size += chunk.length;
      if (size > LIMITS.unpackedBytes) throw new FileRefused('file.zip-bomb', `${e.name} 解压后超过 ${LIMITS.unpackedBytes / 1048576} MB 的上限，未读取`);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof FileRefused || stop?.aborted) throw err;
    throw corrupt(e);
  } finally {
    inflater.destroy();
    source.destroy();
  }
}

/**
 * A part's bytes as stored, read from its range of the file. Opened without waiting for a writer, should the
 * path have become a FIFO since its inspection; closed when the reading ends or is given up (`partBytes`).
 */
async function rangeOf({ file, start, length }: FileRange, e: ZipEntry): Promise<Readable> {
  if (e.method !== 0 && e.method !== 8) throw corrupt(e);
  if (length === 0) return Readable.from([]);
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => {
    throw corrupt(e);
  });
  return handle.createReadStream({ start, end: start + length - 1, highWaterMark: CHUNK });
}

const corrupt = (e: ZipEntry) => new FileRefused('file.corrupt', `文件已损坏（${e.name} 无法解压），请重新保存或重新发送`);

/**
 * A part's text from the chunks it inflated to (see `Inspected.parts`), a
 * chunk at a time, checking `stop` between them. `release`: each chunk is
 * taken out of `chunks` as it is read, so that a long sheet read for the last
 * time is let go of as it goes, not at its end.
 */
export function heldText(chunks: Buffer[], stop: Stop, release = false): AsyncGenerator<string> {
  return decodedText(release ? releasing(chunks) : chunks, stop);
}

function* releasing(chunks: Buffer[]): Generator<Buffer> {
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    chunks[i] = EMPTY;
    yield chunk;
  }
}

/**
 * The text of a part's bytes (UTF-8), a chunk at a time, checking `stop`
 * between them: of those held, or of a part streamed (see `StreamedPart`).
 * Bytes that are no UTF-8 (a part in another encoding, a file damaged)
 * throw `BadXml`: a decoder would make each a `�`, a cell's text changed
 * without a word. A character cut by a chunk's end is decoded with the next.
 */
export async function* decodedText(chunks: Iterable<Buffer> | AsyncIterable<Buffer>, stop: Stop): AsyncGenerator<string> {
  let carried: Buffer | null = null;
  for await (const chunk of chunks) {
    stop?.throwIfAborted();
    const bytes: Buffer = carried ? Buffer.concat([carried, chunk]) : chunk;
    const cut = unfinished(bytes);
    const whole = cut ? bytes.subarray(0, bytes.length - cut) : bytes;
    if (!isUtf8(whole)) throw notUtf8();
    carried = cut ? Buffer.from(bytes.subarray(bytes.length - cut)) : null;
    yield whole.toString('utf8');
  }
  if (carried) throw notUtf8();
}

const notUtf8 = () => new BadXml('附近有不是 UTF-8 编码的字节（文字的编码不对）');

/** How many bytes at the end of `b` begin a character not yet whole (0 to 3). */
function unfinished(b: Buffer): number {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k]!;
    if (c < 0x80) return 0;
    // A lead byte: the character it begins needs 2, 3 or 4.
    if (c >= 0xc0) return (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > k ? k : 0;
  }
  return 0;
}

const EMPTY = Buffer.alloc(0);

function compressedBytes(buf: Buffer, e: ZipEntry): Buffer {
  const data = compressedData(buf, e);
  if (!data || (e.method !== 0 && e.method !== 8)) throw corrupt(e);
  return data;
}
