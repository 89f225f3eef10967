import { createRequire } from 'node:module';
import { shareSubsets } from './font-subsets.ts';
import { glyphsByCharacters } from './glyph-characters.ts';
import { fontkitPath, pdfkitPath } from './versions.ts';

type Fontkit = { create(src: Uint8Array, family?: string): unknown };

/** What of a parsed font the layout measures with. */
export interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  layout(text: string): { advanceWidth: number };
  hasGlyphForCodePoint(codePoint: number): boolean;
}

// pdfkit (pdfmake's) parses fonts with fontkit, whose exports are read-only. Before pdfkit is loaded, its
// cached `fontkit` module is swapped for a copy whose `create` can remember.
const require = createRequire(import.meta.url);
const original = createRequire(pdfkitPath)('fontkit') as Fontkit;
const parse = original.create.bind(original);

/**
 * A font file parsed by pdfkit's own fontkit, so that widths are measured as pdfkit sets the text: the very
 * font pdfkit then sets it with, whose tables (metrics, kerning) are read once for both.
 */
export const parseFont = (src: Uint8Array) => create(src) as FontMetrics;
require.cache[fontkitPath]!.exports = { ...original, create: (src: Uint8Array, family?: string) => create(src, family) };

const parsed = new Map<string, unknown>();
let enabled = true;

/** A font file is known by its size and first bytes: the three we embed differ there. */
const keyOf = (src: Uint8Array, family?: string) => `${family ?? ''}:${src.byteLength}:${Buffer.from(src.subarray(0, 64)).toString('hex')}`;

function create(src: Uint8Array, family?: string): unknown {
  if (!enabled) return parse(src, family);
  const key = keyOf(src, family);
  let font = parsed.get(key);
  if (!font) {
    parsed.set(key, (font = parse(src, family)));
    glyphsByCharacters(font as Parameters<typeof glyphsByCharacters>[0]);
    shareSubsets(font as Parameters<typeof shareSubsets>[0]);
  }
  return font;
}

/**
 * Parse each font file once per process, not once per document: pdfkit asks
 * fontkit for every document it starts, and a CJK font is megabytes. Each
 * document still embeds its own subset. `on` false is the naive way, kept to
 * measure against.
 */
export function cacheParsedFonts(on: boolean): void {
  enabled = on;
  parsed.clear();
}
