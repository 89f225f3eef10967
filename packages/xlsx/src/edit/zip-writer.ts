import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of an archive to write: bytes to deflate, or bytes already packed as another archive held them. */
export type ZipPart =
  | { name: string; data: Buffer }
  | { name: string; packed: { method: number; data: Buffer; crc: number; size: number } };

/** 1980-01-01, the earliest date a zip can hold: every entry bears it, so the same parts give the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Names are UTF-8 (general purpose flag bit 11). */
const UTF8 = 0x0800;

/**
 * A zip archive of `parts`, in order: deflated where given as bytes, copied
 * as packed otherwise. No Zip64: every part and the whole stay under 4 GB
 * (the limits of `inspectXlsx` keep a workbook far below).
 */
export function writeZip(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { method, data, crc, size } =
      'packed' in part ? part.packed : { method: 8, data: deflateRawSync(part.data), crc: crc32(part.data) >>> 0, size: part.data.length };
    const name = Buffer.from(part.name, 'utf8');
    // The local header and the directory record share one run of fields, the directory's two bytes later.
    const fields = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at); // version needed: 2.0, deflate
      b.writeUInt16LE(UTF8, at + 2);
      b.writeUInt16LE(method, at + 4);
      b.writeUInt16LE(0, at + 6); // time
      b.writeUInt16LE(DOS_DATE, at + 8);
      b.writeUInt32LE(crc, at + 10);
      b.writeUInt32LE(data.length, at + 14);
      b.writeUInt32LE(size, at + 18);
      b.writeUInt16LE(name.length, at + 22);
      return b;
    };
    const local = fields(Buffer.alloc(30), 4);
    local.writeUInt32LE(0x04034b50, 0);
    const dir = fields(Buffer.alloc(46), 6);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by: 2.0
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, data);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
  }
  const dirBytes = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
