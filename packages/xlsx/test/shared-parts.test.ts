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
    // What is deflated from now on: every part is deflated at once (see `deflatingPartsAtOnce`), on zlib's threads or, seen before, here.
    const deflated: string[] = [];
    const seen = (data: unknown) => void deflated.push(Buffer.from(data as Buffer).toString('utf8', 0, 200));
    const [deflateSync, deflate] = [zlib.deflateRawSync, zlib.deflateRaw];
    vi.spyOn(zlib, 'deflateRawSync').mockImplementation((data, options) => (seen(data), deflateSync(data, options)));
    vi.spyOn(zlib, 'deflateRaw').mockImplementation(((data: zlib.InputType, options: zlib.ZlibOptions, done: zlib.CompressCallback) => (seen(data), deflate(data, options, done))) as typeof zlib.deflateRaw);
    const again = await writeWorkbook(reviewLedger, sample);
    // The workbook's own sheet is deflated; the theme and the styles, held by the workbooks before, are not.
    expect(deflated.some((part) => part.includes('<worksheet'))).toBe(true);
    expect(deflated.filter((part) => part.includes('<a:theme') || part.includes('<styleSheet'))).toEqual([]);
    expect(Buffer.compare(again, first)).toBe(0);
  });
});
