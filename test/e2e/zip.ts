import { crc32, deflateRawSync } from 'node:zlib';
import { readEntry, zipEntries } from '@tianbao/xlsx';

export interface Part {
  name: string;
  data: Buffer;
  /** Stored as is, not deflated. */
  stored?: boolean;
}

/** A zip archive of the given parts: enough to build odd and hostile workbooks by hand. */
export function buildZip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = p.stored ? p.data : deflateRawSync(p.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // names in UTF-8
    head.writeUInt16LE(p.stored ? 0 : 8, 8);
    head.writeUInt32LE(crc32(p.data), 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(p.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    locals.push(head, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc32(p.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(p.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts of a zip archive, unpacked. */
export function unzip(buf: Buffer): Part[] {
  return (zipEntries(buf) ?? []).map((e) => ({ name: e.name, data: readEntry(buf, e, 1 << 30) as Buffer }));
}

/** Where the central directory's record of the part `name` starts, for a test to alter it in place. */
export function centralRecord(buf: Buffer, name: string): number {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  for (const e of zipEntries(buf) ?? []) {
    if (e.name === name) return p;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  throw new Error(`no part ${name}`);
}
