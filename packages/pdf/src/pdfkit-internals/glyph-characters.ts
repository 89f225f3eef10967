/** What of a parsed fontkit font its glyph objects come from. */
interface GlyphSource {
  _glyphs: Record<number, unknown>;
  getGlyph(id: number, characters?: number[]): unknown;
}

/**
 * fontkit keeps one glyph object an id, with the characters (`codePoints`)
 * it was first asked for: its layout then hides a default-ignorable character
 * (U+200B and the like) only if the object it gets was made for one, and
 * pdfkit writes each glyph's characters into the text a PDF reader copies.
 * A font parsed once for the process (fontkit-cache.ts) would carry over what
 * earlier documents asked for (a subset asks for .notdef with no character),
 * so that a document's bytes would depend on the documents before it. Here
 * a glyph object is kept for each id and characters: a glyph laid out for a
 * character always carries it, whatever was asked for before.
 */
export function glyphsByCharacters(font: GlyphSource): void {
  const getGlyph = font.getGlyph.bind(font);
  const glyphs = new Map<string, unknown>();
  font.getGlyph = (id, characters = []) => {
    const key = `${id}:${characters.join(',')}`;
    let glyph = glyphs.get(key);
    if (glyph === undefined) {
      // fontkit's own cache answers by id alone: a new object for these characters.
      delete font._glyphs[id];
      glyphs.set(key, (glyph = getGlyph(id, characters)));
    }
    return glyph;
  };
}
