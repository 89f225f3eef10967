import { deflatedSubset } from './font-subsets.ts';
import { pdfkitDocument } from './pdfkit-document.ts';

/** A glyph run as pdfkit keeps it: its widths already scaled to the font's 1,000 units. */
type Run = unknown;

/** What of pdfkit's `EmbeddedFont` (one per font and document) is shared here. */
interface EmbeddedFont {
  font: object;
  document: { ref(data?: object): Stream };
  layoutRun(text: string): Run;
  layoutCached(text: string): Run;
  embed(): void;
}

/** A pdfkit stream object, as its `finalize` writes it out. */
interface Stream {
  buffer: Uint8Array[];
  compress: boolean;
  finalize(): void;
}

/** Texts whose runs are kept per font; past them all are forgotten, so a long batch of varied text does not grow without end. */
const MAX_RUNS = 20_000;

const runsByFont = new WeakMap<object, Map<string, Run>>();
const shared = new WeakSet<EmbeddedFont>();

/**
 * pdfkit shapes each text (fontkit's layout: the font's substitutions and
 * positions) once per document, and forgets it with the document. Here each
 * font a document embeds shares its runs with every document set in the same
 * parsed font (fontkit-cache.ts: one per font file), since a run depends on the
 * font and the text alone: the texts every form prints, its headers and
 * labels, are shaped once per process. pdfkit writes nothing into a run once
 * made. The document still embeds its own subset, its file made once for the
 * same glyphs (`deflatedSubset`).
 */
function share(font: EmbeddedFont): void {
  shared.add(font);
  let runs = runsByFont.get(font.font);
  if (!runs) runsByFont.set(font.font, (runs = new Map()));
  font.layoutCached = (text) => {
    let run = runs.get(text);
    if (run === undefined) {
      if (runs.size >= MAX_RUNS) runs.clear();
      runs.set(text, (run = font.layoutRun(text)));
    }
    return run;
  };
  const embed = font.embed.bind(font);
  font.embed = () => {
    // The font file is the first object `embed` makes, written (`end`) as soon as made.
    const { document } = font;
    document.ref = (data) => {
      delete (document as Partial<EmbeddedFont['document']>).ref;
      return deflatedOnce(document.ref(data));
    };
    try {
      embed();
    } finally {
      delete (document as Partial<EmbeddedFont['document']>).ref;
    }
  };
}

/** A font file stream that takes its deflated bytes from `deflatedSubset` when the subset file is one made there. */
function deflatedOnce(stream: Stream): Stream {
  const finalize = stream.finalize.bind(stream);
  stream.finalize = () => {
    const file = stream.compress && stream.buffer.length === 1 ? deflatedSubset(stream.buffer[0]!) : undefined;
    // Marked FlateDecode when written; its length is set from the bytes given.
    if (file) [stream.buffer, stream.compress] = [[file], false];
    finalize();
  };
  return stream;
}

// Every font a document sets text in comes through `font`: each is shared once, when the document first loads it.
const withFont = pdfkitDocument as { font(this: { _font: EmbeddedFont }, ...args: unknown[]): unknown };
const setFont = withFont.font;
withFont.font = function (...args) {
  const result = setFont.apply(this, args);
  if (!shared.has(this._font) && 'layoutRun' in this._font) share(this._font);
  return result;
};
