import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { FileRefused, LIMITS } from '../inspect.ts';
import { compressedData, inflateStream, type ZipEntry } from '../zip.ts';

/** Checked between chunks: a file past its time limit stops being read. */
export type Stop = AbortSignal | undefined;

/**
 * Decoded, a chunk stays under V8's large-object size (128 kB) and dies young,
 * cheaply: with 256 kB chunks a 100,000-row check peaked some 30 MB higher.
 */
const CHUNK = 64 * 1024;

/**
 * A part's bytes, inflated a chunk at a time: a sheet of a hundred thousand
 * rows is never one buffer. Stops (throwing) when the part inflates past the
 * unpacked limit, or when `stop` is aborted.
 */
export async function* partBytes(buf: Buffer, e: ZipEntry, stop: Stop): AsyncGenerator<Buffer> {
  const compressed = compressedBytes(buf, e);
  if (e.method === 0) {
    for (let i = 0; i < compressed.length; i += CHUNK) {
      stop?.throwIfAborted();
      yield compressed.subarray(i, i + CHUNK);
    }
    return;
  }
  // Room for a few chunks ahead, so the part inflates on another thread while this one reads what came before
  // (zlib streams take the stream options; the zlib types leave them out).
  const ahead = { readableHighWaterMark: 4 * CHUNK } as object;
  const inflater = Readable.from([compressed]).pipe(inflateStream(e, { chunkSize: CHUNK, ...ahead }));
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
    throw new FileRefused('file.corrupt', `文件已损坏（${e.name} 无法解压），请重新保存或重新发送`);
  } finally {
    inflater.destroy();
  }
}

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

/** The text of a part's bytes (UTF-8), a chunk at a time, checking `stop` between them: of those held, or of a part streamed (see `StreamedPart`). */
export async function* decodedText(chunks: Iterable<Buffer> | AsyncIterable<Buffer>, stop: Stop): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    stop?.throwIfAborted();
    yield decoder.write(chunk);
  }
  yield decoder.end();
}

const EMPTY = Buffer.alloc(0);

function compressedBytes(buf: Buffer, e: ZipEntry): Buffer {
  const data = compressedData(buf, e);
  if (!data || (e.method !== 0 && e.method !== 8)) throw new FileRefused('file.corrupt', `文件已损坏（${e.name} 无法解压），请重新保存或重新发送`);
  return data;
}
