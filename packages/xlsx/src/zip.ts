import { createInflateRaw, inflateRawSync, type ZlibOptions } from 'node:zlib';

/** One file inside a zip, as its central directory describes it. */
export interface ZipEntry {
  /** As stored, with `\\` read as `/` (some writers separate folders so; Excel and WPS open such files). */
  name: string;
  method: number;
  compressedSize: number;
  /** As declared: a hostile archive may lie, so inflating is bounded separately. */
  size: number;
  /** CRC-32 of the unpacked bytes, as declared. */
  crc: number;
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip archive, or null when no intact central directory is found (truncated, not a zip). */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  // The end record sits in the last 22 bytes, or before a comment of up to 64 KB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const start = buf.readUInt32LE(eocd + 16);
  if (start >= buf.length) return null;
  const entries: ZipEntry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    const end = p + 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (end > buf.length) return null;
    const entry: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLength).replace(/\\/g, '/'),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      crc: buf.readUInt32LE(p + 16),
      offset: buf.readUInt32LE(p + 42),
    };
    if (!zip64(buf, entry, p + 46 + nameLength, p + 46 + nameLength + buf.readUInt16LE(p + 30))) return null;
    entries.push(entry);
    p = end;
  }
  return entries;
}

const ZIP64 = 0xffffffff;

/**
 * The sizes and offset a Zip64 extra field (between `from` and `to`) gives for
 * those the directory marks `0xFFFFFFFF`, in the order the format lists them;
 * false when one is marked but not given.
 */
function zip64(buf: Buffer, e: ZipEntry, from: number, to: number): boolean {
  const wanted = (['size', 'compressedSize', 'offset'] as const).filter((k) => e[k] === ZIP64);
  if (!wanted.length) return true;
  for (let p = from; p + 4 <= to; p += 4 + buf.readUInt16LE(p + 2)) {
    if (buf.readUInt16LE(p) !== 0x0001) continue;
    if (p + 4 + 8 * wanted.length > to) return false;
    // Past 2^53 a size is no real workbook's: the limits refuse it either way.
    wanted.forEach((k, i) => (e[k] = Number(buf.readBigUInt64LE(p + 4 + 8 * i))));
    return true;
  }
  return false;
}

/** An entry's bytes as stored (deflated, mostly); null when the archive is damaged there. */
export function compressedData(buf: Buffer, e: ZipEntry): Buffer | null {
  const start = dataStart(buf, e);
  return start === null ? null : buf.subarray(start, start + e.compressedSize);
}

/** Where an entry's bytes as stored start in the file (past its local header); null when the archive is damaged there. */
export function dataStart(buf: Buffer, e: ZipEntry): number | null {
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) return null;
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  return start + e.compressedSize > buf.length ? null : start;
}

/**
 * An entry's bytes, inflated to at most `limit` bytes. Null when the data is
 * damaged; `tooLarge` when it inflates past the limit.
 */
export function readEntry(buf: Buffer, e: ZipEntry, limit: number): Buffer | 'tooLarge' | null {
  const data = compressedData(buf, e);
  if (!data) return null;
  if (e.method === 0) return data.length > limit ? 'tooLarge' : data;
  if (e.method !== 8) return null;
  inflated(e);
  try {
    return inflateRawSync(data, { maxOutputLength: limit });
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'tooLarge' : null;
  }
}

/** An entry's bytes inflating as a stream (see `partBytes`); counted, as `readEntry` is. */
export function inflateStream(e: ZipEntry, options: ZlibOptions) {
  inflated(e);
  return createInflateRaw(options);
}

type InflationWatcher = (part: string) => void;
const watchers = new Set<InflationWatcher>();
const inflated = (e: ZipEntry) => watchers.forEach((w) => w(e.name));

/**
 * Be told the name of each part as it starts to inflate, until the returned
 * function is called: how tests hold the reader to inflating each part once.
 */
export function watchInflation(watcher: InflationWatcher): () => void {
  watchers.add(watcher);
  return () => void watchers.delete(watcher);
}

/**
 * Stamp every entry of an archive with the same date (in place), so that the
 * same workbook gives the same bytes whenever it is written.
 */
export function stampZip(buf: Buffer, date: Date): Buffer {
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  for (const e of zipEntries(buf) ?? []) {
    buf.writeUInt16LE(0, e.offset + 10);
    buf.writeUInt16LE(dosDate, e.offset + 12);
  }
  // The central directory repeats the date: walk it again by its own offsets.
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    buf.writeUInt16LE(0, p + 12);
    buf.writeUInt16LE(dosDate, p + 14);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}
