import zlib from 'node:zlib';
import { reviewLedger } from '@tianbao/template-review-ledger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFont } from '../src/pdfkit-internals/index.ts';
import { fontFile } from '../src/font-files.ts';
import { renderPdf } from '../src/index.ts';

/** fontkit's font, as pdfkit sets text in it and embeds its subsets. */
type Font = { layout(text: string): unknown; createSubset(): { _addGlyph(gid: number): number } };

/** The three fonts a ledger is set in, as parsed once for the process. */
const fonts = (['NotoSerifSC-Regular.ttf', 'NotoSerifSC-Bold.ttf', 'NotoSansSC-Bold.ttf'] as const).map((f) => parseFont(fontFile(f)) as unknown as Font);

/** What the next documents cost: texts shaped, glyphs put in subsets, font files deflated (a TrueType file as fontkit writes it starts `true`). */
function watch() {
  const work = { shaped: 0, glyphs: 0, fontFilesDeflated: 0 };
  for (const font of fonts) {
    const layout = font.layout.bind(font);
    vi.spyOn(font, 'layout').mockImplementation((text) => (work.shaped++, layout(text)));
    const createSubset = font.createSubset.bind(font);
    vi.spyOn(font, 'createSubset').mockImplementation(() => {
      const subset = createSubset();
      const add = subset._addGlyph.bind(subset);
      subset._addGlyph = (gid) => (work.glyphs++, add(gid));
      return subset;
    });
  }
  const deflate = zlib.deflateSync;
  vi.spyOn(zlib, 'deflateSync').mockImplementation((data, options) => {
    if (data instanceof Uint8Array && Buffer.from(data.subarray(0, 4)).toString('latin1') === 'true') work.fontFilesDeflated++;
    return deflate(data, options);
  });
  return work;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('what documents share in one process', () => {
  it('a document printed again shapes no text and makes no font file again, and gives the same bytes', async () => {
    const sample = reviewLedger.samples[2]!;
    const first = await renderPdf(reviewLedger, sample);
    // Another document between: the shared runs and files serve more than the last one.
    await renderPdf(reviewLedger, reviewLedger.samples[4]!);
    const work = watch();
    const again = await renderPdf(reviewLedger, sample);
    expect(work).toEqual({ shaped: 0, glyphs: 0, fontFilesDeflated: 0 });
    expect(Buffer.compare(again, first)).toBe(0);
  });

  it('another document shapes only its own texts: the form\'s headers and labels are shaped once', async () => {
    await renderPdf(reviewLedger, reviewLedger.samples[0]!);
    const work = watch();
    await renderPdf(reviewLedger, { ...reviewLedger.samples[0]!, unit: '新设区' });
    // The unit's name in the title and the info line, in the heading and body fonts: a text or two each.
    expect(work.shaped).toBeGreaterThan(0);
    expect(work.shaped).toBeLessThanOrEqual(4);
  });
});
