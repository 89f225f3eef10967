/**
 * node test/bench/floor-scan.mjs <file.xlsx>: the floor a checked sheet is
 * measured against: the whole process inflates the largest worksheet part
 * (node:zlib, streaming) and counts its cells (`<c `), nothing else. Plain
 * Node, no TypeScript loader. Prints {"cells","bytes","ms"}.
 */
import { readFileSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

const start = performance.now();
const zip = readFileSync(process.argv[2]);
// The central directory, from the end record (no comment: the bench's files have none).
const eocd = zip.length - 22;
let p = zip.readUInt32LE(eocd + 16);
let sheet = null;
for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
  const nameLength = zip.readUInt16LE(p + 28);
  const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
  const entry = { size: zip.readUInt32LE(p + 24), compressed: zip.readUInt32LE(p + 20), offset: zip.readUInt32LE(p + 42) };
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(name) && (!sheet || entry.size > sheet.size)) sheet = entry;
  p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
}
const data = sheet.offset + 30 + zip.readUInt16LE(sheet.offset + 26) + zip.readUInt16LE(sheet.offset + 28);
const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
inflater.end(zip.subarray(data, data + sheet.compressed));
const CELL = Buffer.from('<c ');
let cells = 0;
let bytes = 0;
// The last two bytes of a chunk are carried over, so a `<c ` cut by a chunk's end is counted once.
let tail = Buffer.alloc(0);
for await (const chunk of inflater) {
  bytes += chunk.length;
  const b = tail.length ? Buffer.concat([tail, chunk]) : chunk;
  for (let at = b.indexOf(CELL); at >= 0; at = b.indexOf(CELL, at + 3)) cells++;
  tail = b.subarray(b.length - 2);
}
console.log(JSON.stringify({ cells, bytes, ms: Math.round(performance.now() - start) }));
