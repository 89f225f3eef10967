/** fontkit's TrueType subset, as its `encode` fills it (`_addGlyph`) and writes it out. */
export interface Subset {
  font: { loca: { version: number } };
  glyphs: number[];
  glyf: Uint8Array[];
  offset: number;
  loca: { offsets: number[]; version?: number };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings?: number[] };
  _addGlyph(gid: number): number;
}

/** A font's subset file as fontkit 2.0.4 writes it, but the parts that depend on the glyphs: table by table, in its order. */
interface Layout {
  tags: string[];
  /** The file's first 12 bytes (tag, table count, search fields), the same for every subset of the font. */
  header: Uint8Array;
  /** Each table's bytes as fontkit wrote them in the first file; loca, glyf and hmtx are written anew. */
  tables: Map<string, Uint8Array>;
  longLoca: boolean;
}

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => (u16(b, at) * 0x10000 + u16(b, at + 2));

/**
 * The layout of a file fontkit wrote for `subset`, or null unless it is laid
 * out as assumed below (tables one after another after the directory, their
 * check sums 0, the glyph counts where hhea and maxp keep them).
 */
function layoutOf(file: Uint8Array, subset: Subset): Layout | null {
  const count = u16(file, 4);
  const glyphs = subset.glyf.length;
  const longLoca = subset.loca.version === 1;
  const tags: string[] = [];
  const tables = new Map<string, Uint8Array>();
  let next = 12 + 16 * count;
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    const tag = Buffer.from(file.subarray(entry, entry + 4)).toString('latin1');
    const [sum, offset, length] = [u32(file, entry + 4), u32(file, entry + 8), u32(file, entry + 12)];
    if (sum !== 0 || offset !== next) return null;
    tags.push(tag);
    tables.set(tag, file.slice(offset, offset + length));
    next += length;
  }
  const [hhea, maxp] = [tables.get('hhea'), tables.get('maxp')];
  const sizes = { loca: (glyphs + 1) * (longLoca ? 4 : 2), glyf: subset.offset, hmtx: glyphs * 4 };
  const sized = Object.entries(sizes).every(([tag, size]) => tables.get(tag)?.length === size);
  if (next !== file.length || !sized || !tables.has('head') || hhea?.length !== 36 || u16(hhea, 34) !== glyphs || !maxp || u16(maxp, 4) !== glyphs) return null;
  return { tags, header: file.slice(0, 12), tables, longLoca };
}

/** The subset's file from `layout`: fontkit's `encode` after its glyphs are added, without restructure. */
function write(subset: Subset, layout: Layout): Uint8Array {
  const glyphs = subset.glyf.length;
  const offsets = subset.loca.offsets;
  const { metrics } = subset.hmtx;
  const size = (tag: string) => (tag === 'glyf' ? subset.offset : tag === 'loca' ? offsets.length * (layout.longLoca ? 4 : 2) : tag === 'hmtx' ? glyphs * 4 : layout.tables.get(tag)!.length);
  let length = 12 + 16 * layout.tags.length;
  for (const tag of layout.tags) length += size(tag);
  const file = new Uint8Array(length);
  const view = new DataView(file.buffer);
  file.set(layout.header);
  let at = 12 + 16 * layout.tags.length;
  layout.tags.forEach((tag, i) => {
    const entry = 12 + 16 * i;
    for (let c = 0; c < 4; c++) file[entry + c] = tag.charCodeAt(c);
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, size(tag));
    if (tag === 'glyf') {
      for (const glyph of subset.glyf) file.set(glyph, at), (at += glyph.length);
    } else if (tag === 'loca') {
      // fontkit's short loca keeps offsets halved (`>>> 1`); restructure writes through a DataView as here.
      if (layout.longLoca) for (const offset of offsets) view.setUint32(at, offset), (at += 4);
      else for (const offset of offsets) view.setUint16(at, offset >>> 1), (at += 2);
    } else if (tag === 'hmtx') {
      for (const m of metrics) view.setUint16(at, m.advance), view.setInt16(at + 2, m.bearing), (at += 4);
    } else {
      file.set(layout.tables.get(tag)!, at);
      // hhea's numberOfMetrics and maxp's numGlyphs: the subset's glyph count.
      if (tag === 'hhea') view.setUint16(at + 34, glyphs);
      if (tag === 'maxp') view.setUint16(at + 4, glyphs);
      at += size(tag);
    }
  });
  return file;
}

/**
 * fontkit writes a TrueType subset file (its `TTFSubset.encode`) through
 * restructure: each table's struct is sized, then encoded field by field, the
 * font's head, hhea and maxp cloned for each file. All but loca, glyf, hmtx
 * and two glyph counts is the same in every subset of a font. The encoder
 * returned takes the first file of the font from fontkit and keeps its tables;
 * each later file is written from them, its glyphs added as fontkit adds them:
 * the same bytes. A file not laid out as this expects leaves the font to
 * fontkit.
 */
export function subsetEncoder(): (subset: Subset, fontkitEncode: () => Uint8Array) => Uint8Array {
  let layout: Layout | null | undefined;
  return (subset, fontkitEncode) => {
    if (!layout) {
      const file = fontkitEncode();
      if (layout === undefined) layout = layoutOf(file, subset);
      return file;
    }
    // fontkit's `encode` up to restructure.
    subset.glyf = [];
    subset.offset = 0;
    subset.loca = { offsets: [], version: subset.font.loca.version };
    subset.hmtx = { metrics: [], bearings: [] };
    for (let i = 0; i < subset.glyphs.length; i++) subset._addGlyph(subset.glyphs[i]!);
    subset.loca.offsets.push(subset.offset);
    return write(subset, layout);
  };
}
