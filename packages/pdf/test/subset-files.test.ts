import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFont } from '../src/pdfkit-internals/index.ts';
import { fontkitPath } from '../src/pdfkit-internals/versions.ts';
import { fontFile } from '../src/font-files.ts';
import { loadedAfresh } from './afresh.ts';

type Subset = { includeGlyph(gid: number): number; encode(): Uint8Array };
type Font = { numGlyphs: number; loca: { version: number }; createSubset(): Subset };

const require = createRequire(import.meta.url);

/** fontkit as installed, loaded afresh beside the patched one. */
const unpatchedFontkit = () => loadedAfresh<{ create(src: Uint8Array): Font }>(fontkitPath);

/** The ledger's fonts (long loca, no cvt or fpgm) and pdfmake's Roboto (short loca, composite glyphs, cvt and fpgm). */
const files: [string, Uint8Array][] = [
  ...(['NotoSerifSC-Regular.ttf', 'NotoSerifSC-Bold.ttf', 'NotoSansSC-Bold.ttf'] as const).map((f): [string, Uint8Array] => [f, fontFile(f)]),
  ['Roboto-Regular.ttf', readFileSync(join(dirname(require.resolve('pdfmake')), '../fonts/Roboto/Roboto-Regular.ttf'))],
];

/** A seeded generator of 32-bit numbers (mulberry32): the same glyph sets each run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A subset of `font` with `gids` included in that order, written out. */
function fileOf(font: Font, gids: number[]): Buffer {
  const subset = font.createSubset();
  for (const gid of gids) subset.includeGlyph(gid);
  return Buffer.from(subset.encode());
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('subset files written without restructure (subset-files.ts)', () => {
  it.each(files)('are the bytes fontkit writes for 150 random glyph sets of %s', (_, src) => {
    const theirs = unpatchedFontkit().create(src);
    // A parse of its own (a copy of another length: fontkit-cache.ts keeps one parse a file), so that the glyphs
    // looked up here without their characters are not the ones other tests' documents print with.
    const ours = parseFont(Buffer.concat([src, Buffer.alloc(4)])) as unknown as Font;
    const fontkitEncode = vi.spyOn(Object.getPrototypeOf(ours.createSubset()), 'encode');
    const next = random(src.byteLength);
    const sets = Array.from({ length: 150 }, (_, i) => Array.from({ length: 1 + (next() % (i < 20 ? 5 : 400)) }, () => next() % ours.numGlyphs));
    sets.push([], [0], [1, 1, 2, 1]);
    for (const gids of sets) expect(fileOf(ours, gids).equals(fileOf(theirs, gids)), `glyphs ${gids.join(',')}`).toBe(true);
    // Of the patched files, fontkit wrote only the font's first.
    expect(fontkitEncode).toHaveBeenCalledTimes(1);
  });

  it('cover both loca formats', () => {
    expect(files.map(([, src]) => (parseFont(src) as unknown as Font).loca.version)).toEqual([1, 1, 1, 0]);
  });
});
