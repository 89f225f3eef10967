import { patchEmbeddedFont } from './embedded-font.ts';

/** A glyph run as pdfkit keeps it: its widths already scaled to the font's 1,000 units. */
type Run = unknown;

/** What of pdfkit's `EmbeddedFont` (one per font and document) is shared here. */
interface EmbeddedFont {
  font: object;
  layoutRun(text: string): Run;
  layoutCached(text: string): Run;
}

/** Texts whose runs are kept per font; past them all are forgotten, so a long batch of varied text does not grow without end. */
const MAX_RUNS = 20_000;

const runsByFont = new WeakMap<object, Map<string, Run>>();

/**
 * pdfkit shapes each text (fontkit's layout: the font's substitutions and
 * positions) once per document, and forgets it with the document. Here each
 * font a document embeds shares its runs with every document set in the same
 * parsed font (fontkit-cache.ts: one per font file), since a run depends on the
 * font and the text alone: the texts every form prints, its headers and
 * labels, are shaped once per process. pdfkit writes nothing into a run once
 * made. The document still embeds its own subset, its file made and deflated
 * once for the same glyphs (font-subsets.ts).
 */
patchEmbeddedFont((prototype) => {
  (prototype as EmbeddedFont).layoutCached = function (this: EmbeddedFont, text) {
    let runs = runsByFont.get(this.font);
    if (!runs) runsByFont.set(this.font, (runs = new Map()));
    let run = runs.get(text);
    if (run === undefined) {
      if (runs.size >= MAX_RUNS) runs.clear();
      runs.set(text, (run = this.layoutRun(text)));
    }
    return run;
  };
});
