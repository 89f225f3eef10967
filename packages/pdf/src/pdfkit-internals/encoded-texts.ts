import { patchEmbeddedFont } from './embedded-font.ts';

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** A text as pdfkit's `EmbeddedFont.layout` lays it out: its words' runs, one after another. */
interface Laid {
  glyphs: Glyph[];
  positions: object[];
  advanceWidth: number;
}

/** What of pdfkit's `EmbeddedFont` (one per font and document) `layout` and `encode` use. */
interface EmbeddedFont {
  font: object;
  scale: number;
  subset: { includeGlyph(gid: number): number };
  widths: number[];
  unicode: number[][];
  layout(text: string, features?: unknown, onlyWidth?: boolean): Laid;
  encode(text: string, features?: unknown): [string[], object[]];
}

/** Texts laid out per parsed font; past them all are forgotten, as shaped-runs.ts forgets its runs. */
const MAX_TEXTS = 20_000;
const laidByFont = new WeakMap<object, Map<string, Laid>>();

/** A glyph id in a subset as pdfkit writes it into a glyph run: four hex digits, the last four of a larger id. */
const hexOf: string[] = [];

/**
 * pdfkit's `layout` splits each text it sets or measures at spaces, looks
 * each word's run up and concatenates their glyphs and positions: for every
 * text drawn, again in every document. Here a whole text's layout is kept per
 * parsed font, as shaped-runs.ts keeps the words' runs (a layout depends on
 * the font and the text alone; pdfkit reads it, never writes into it), and
 * `encode` (a text's glyph ids in the document's subset, as hex) puts the
 * glyphs in the subset as pdfkit does, each id's hex made once for the
 * process. Texts laid out with OpenType features go pdfkit's way.
 */
function patch(font: EmbeddedFont): void {
  const { layout, encode } = font;
  font.layout = function (this: EmbeddedFont, text, features, onlyWidth) {
    if (features) return layout.call(this, text, features, onlyWidth);
    let texts = laidByFont.get(this.font);
    if (!texts) laidByFont.set(this.font, (texts = new Map()));
    let laid = texts.get(text);
    if (!laid) {
      if (texts.size >= MAX_TEXTS) texts.clear();
      texts.set(text, (laid = layout.call(this, text)));
    }
    // pdfkit's width-only layout leaves out the glyphs and positions, which its callers then do not read.
    return laid;
  };
  font.encode = function (this: EmbeddedFont, text, features) {
    if (features) return encode.call(this, text, features);
    const { glyphs, positions } = this.layout(text);
    const hex = new Array<string>(glyphs.length);
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i]!;
      const gid = this.subset.includeGlyph(glyph.id);
      hex[i] = hexOf[gid] ??= `0000${gid.toString(16)}`.slice(-4);
      if (this.widths[gid] == null) this.widths[gid] = glyph.advanceWidth * this.scale;
      if (this.unicode[gid] == null) this.unicode[gid] = glyph.codePoints;
    }
    return [hex, positions];
  };
}

patchEmbeddedFont((prototype) => patch(prototype as EmbeddedFont));
