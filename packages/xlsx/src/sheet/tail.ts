import type { Stop } from './part-text.ts';

/** The end of a sheet's rows: `</sheetData>` (any prefix), or `<sheetData/>` for a sheet with none. */
const END = /<\/(?:[\w.-]+:)?sheetData\s*>|<(?:[\w.-]+:)?sheetData\s*\/>/;
const NAME = Buffer.from('sheetData');

/** The offset just past the end of the rows in these bytes, or -1. */
function endOfRows(bytes: Buffer): number {
  for (let at = bytes.indexOf(NAME); at >= 0; at = bytes.indexOf(NAME, at + NAME.length)) {
    // Tags are ASCII: latin1 reads the few bytes around the name at their offsets.
    const from = Math.max(0, at - 24);
    const m = END.exec(bytes.toString('latin1', from, at + NAME.length + 8));
    if (m) return from + m.index + m[0].length;
  }
  return -1;
}

/** Bytes kept from one chunk to the next, so that the end is found across a boundary. */
const OVERLAP = 64;

/**
 * What a sheet's XML holds after its rows (merged ranges, validations, page
 * set-up), found by inflating the part without parsing it: merged ranges are
 * listed after the rows, and cells are read knowing them.
 */
export async function sheetTail(chunks: AsyncIterable<Buffer>, stop: Stop): Promise<string> {
  const tail: Buffer[] = [];
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    stop?.throwIfAborted();
    if (tail.length) {
      tail.push(chunk);
      continue;
    }
    // The end may straddle the boundary: look across it, then in the chunk itself.
    const across = Buffer.concat([carry, chunk.subarray(0, OVERLAP)]);
    let end = endOfRows(across);
    if (end >= 0) tail.push(across.subarray(end), chunk.subarray(OVERLAP));
    else if ((end = endOfRows(chunk)) >= 0) tail.push(chunk.subarray(end));
    else carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - OVERLAP)));
  }
  return Buffer.concat(tail).toString('utf8');
}
