import zlib from 'node:zlib';
import { reviewLedger } from '@tianbao/template-review-ledger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeWorkbook } from '../src/index.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the parts every workbook of a form holds', () => {
  it('are deflated once in a process, and written byte for byte as the zip writes them', async () => {
    const sample = reviewLedger.samples[1]!;
    const first = await writeWorkbook(reviewLedger, sample);
    // A second workbook holds the theme, the styles and the relationships again.
    await writeWorkbook(reviewLedger, reviewLedger.samples[2]!);
    // What the zip's own deflate streams are given from now on.
    const deflated: string[] = [];
    const transform = zlib.DeflateRaw.prototype._transform;
    vi.spyOn(zlib.DeflateRaw.prototype, '_transform').mockImplementation(function (this: zlib.DeflateRaw, chunk, encoding, done) {
      deflated.push(Buffer.from(chunk).toString('utf8', 0, 200));
      return transform.call(this, chunk, encoding, done);
    });
    const again = await writeWorkbook(reviewLedger, sample);
    expect(deflated.filter((part) => part.includes('<a:theme') || part.includes('<styleSheet'))).toEqual([]);
    expect(Buffer.compare(again, first)).toBe(0);
  });
});
