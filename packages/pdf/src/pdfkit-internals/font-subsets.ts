import { deflateBytesAhead, deflateOnce } from './deflated-bytes.ts';
import { subsetEncoder, type Subset as EncodedSubset } from './subset-files.ts';

type Glyf = { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;

/** What of a parsed TrueType font (fontkit's) its subsets are made from. */
interface TrueTypeFont {
  createSubset(): Subset;
  directory?: { tables: Record<string, unknown> };
  loca: { offsets: number[] };
  _variationProcessor?: unknown;
  getGlyph(gid: number): { advanceWidth: number; _decode(): Glyf; _getMetrics(): { leftBearing: number } };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
}

/** fontkit's TrueType subset, as its `_addGlyph` and `encode` use it. */
interface Subset extends EncodedSubset {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}

/** A glyph as the font file has it: its bytes (never written to) and, for a composite, where its parts' ids sit. */
interface GlyphBytes {
  bytes: Uint8Array;
  parts: { glyphID: number; pos: number }[] | undefined;
}

/**
 * Subset files kept per font, the most recently embedded: a batch of one form
 * prints the same fixed texts in every document, and often the same glyphs.
 */
const FILES_KEPT = 16;

/** The subsets `shareSubsets` made: their files are deflated once, and may be ahead (`deflateSubsetAhead`). */
const shared = new WeakSet<object>();

/**
 * Deflate, on the thread pool, the file `subset` will embed, when it is one
 * of those made by `shareSubsets` and not yet deflated: the document then
 * writes it with no wait. The glyphs of the subset must all be in it: its file is made now.
 */
export async function deflateSubsetAhead(subset: object): Promise<void> {
  if (shared.has(subset)) await deflateBytesAhead((subset as Subset).encode());
}

/**
 * Subsets of `font` made from what earlier documents of the process found:
 * each glyph's bytes read and decoded once (fontkit decodes every glyph of
 * every subset again), and the whole font file made once for the same glyphs
 * in the same order (the ids the document's text was set with), the same
 * bytes, deflated once (deflated-bytes.ts); any other file written from the tables of the
 * font's first (subset-files.ts). Byte for byte what fontkit makes: a file
 * depends on nothing but the font and that order. CFF and variable fonts are
 * left as they are.
 */
export function shareSubsets(font: TrueTypeFont): void {
  const tables = font.directory?.tables;
  if (!tables?.glyf || tables['CFF '] || font._variationProcessor) return;
  const glyphs = new Map<number, GlyphBytes>();
  const files = new Map<string, Uint8Array>();
  const create = font.createSubset.bind(font);
  const encodeFile = subsetEncoder();

  function glyphBytes(gid: number): GlyphBytes {
    let known = glyphs.get(gid);
    if (!known) {
      const glyf = font.getGlyph(gid)._decode();
      const [start, end] = [font.loca.offsets[gid]!, font.loca.offsets[gid + 1]!];
      const stream = font._getTableStream('glyf');
      stream.pos += start;
      glyphs.set(gid, (known = { bytes: stream.readBuffer(end - start), parts: glyf && glyf.numberOfContours < 0 ? glyf.components : undefined }));
    }
    return known;
  }

  font.createSubset = () => {
    const subset = create();
    shared.add(subset);
    // fontkit's own `_addGlyph`, from the glyph's bytes as first read.
    subset._addGlyph = (gid) => {
      const glyph = font.getGlyph(gid);
      const { bytes, parts } = glyphBytes(gid);
      let out = bytes;
      if (parts) {
        out = new Uint8Array(bytes);
        const view = new DataView(out.buffer);
        for (const part of parts) view.setUint16(part.pos, subset.includeGlyph(part.glyphID));
      }
      subset.glyf.push(out);
      subset.loca.offsets.push(subset.offset);
      subset.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
      subset.offset += out.length;
      return subset.glyf.length - 1;
    };
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      let file = files.get(key);
      if (file) files.delete(key);
      else {
        file = encodeFile(subset, encode);
        deflateOnce(file);
        if (files.size >= FILES_KEPT) files.delete(files.keys().next().value!);
      }
      // Kept in the order of use: the least recently embedded is forgotten first.
      files.set(key, file);
      return file;
    };
    return subset;
  };
}
