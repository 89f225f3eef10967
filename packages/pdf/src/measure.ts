import { parseFont, type FontMetrics } from './pdfkit-internals/index.ts';
import { fontFile } from './font-files.ts';
import { setupPdfmake } from './fonts.ts';

let fonts: { normal: FontMetrics; bold: FontMetrics } | undefined;

/** A line of body text at size 1, before the document's line spacing: the font's ascent and descent. */
export function bodyLineHeight(): number {
  const { normal } = loaded();
  return (normal.ascent - normal.descent + normal.lineGap) / normal.unitsPerEm;
}

/**
 * The font files read and registered, and the body fonts parsed, as the first document does: a process
 * about to make documents calls it while it waits for them.
 */
export function loadFonts(): void {
  setupPdfmake();
  loaded();
}

function loaded() {
  return (fonts ??= { normal: parseFont(fontFile('NotoSerifSC-Regular.ttf')), bold: parseFont(fontFile('NotoSerifSC-Bold.ttf')) });
}

/** By code point: whether both body fonts draw it. */
const drawn = new Map<number, boolean>();

/**
 * Whether the body fonts (regular and bold) have a glyph for a code point:
 * one they lack prints as an empty box. Noto Serif SC holds the CJK Unified
 * Ideographs and Extension A, and of Extension B only some 50 (`𠮷`, U+20BB7, is not one).
 */
export function printable(codePoint: number): boolean {
  let ok = drawn.get(codePoint);
  if (ok === undefined) {
    const { normal, bold } = loaded();
    drawn.set(codePoint, (ok = normal.hasGlyphForCodePoint(codePoint) && bold.hasGlyphForCodePoint(codePoint)));
  }
  return ok;
}

/** Widths in em by font and text, for the whole process: the same characters and values recur from document to document. */
const widths = new Map<string, number>();
/** Past this many texts the widths are forgotten, so that a long batch of varied data does not grow without end. */
const MAX_WIDTHS = 200_000;

/** Width of body text in points, as pdfkit sets it (fontkit's advance widths of the embedded font). */
export function widthOf(text: string, size: number, bold = false): number {
  const key = bold ? `b${text}` : `n${text}`;
  let em = widths.get(key);
  if (em === undefined) {
    const fonts = loaded();
    const font = bold ? fonts.bold : fonts.normal;
    if (widths.size >= MAX_WIDTHS) widths.clear();
    widths.set(key, (em = font.layout(text).advanceWidth / font.unitsPerEm));
  }
  return em * size;
}
