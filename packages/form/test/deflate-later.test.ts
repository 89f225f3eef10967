import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deflateLater } from '../src/index.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Text as a page's content is written, and bytes that do not compress. */
const inputs = (size: number) => [Buffer.from('1 0 0 1 72.5 700 Tm [<0041> 0] TJ\n'.repeat(Math.ceil(size / 35)).slice(0, size)), randomBytes(size)];

describe('deflateLater', () => {
  it.each([0, 100, 8 * 1024, 8 * 1024 + 1, 100_000, 1_000_000])('gives the bytes deflateSync gives, %i bytes, in either format', async (size) => {
    for (const input of inputs(size)) {
      expect((await deflateLater(input)).equals(zlib.deflateSync(input))).toBe(true);
      const options = { level: 9, memLevel: 9 };
      expect((await deflateLater(input, options, true)).equals(zlib.deflateRawSync(input, options))).toBe(true);
    }
  });

  it('hands more than 8 kB to the thread pool, in one piece, and deflates less at once', async () => {
    const [sync, later] = [vi.spyOn(zlib, 'deflateSync'), vi.spyOn(zlib, 'deflate')];
    await deflateLater(inputs(8 * 1024)[0]!);
    expect([sync.mock.calls.length, later.mock.calls.length]).toEqual([1, 0]);
    const [, random] = inputs(100_000);
    await deflateLater(random!);
    expect(later).toHaveBeenCalledTimes(1);
    // Room for the whole output, which for random bytes is more than the input.
    expect((later.mock.calls[0]![1] as zlib.ZlibOptions).chunkSize).toBeGreaterThan(zlib.deflateSync(random!).length);
  });

  it('rejects, never throws, as zlib refuses', async () => {
    for (const size of [10, 100_000]) {
      const made = deflateLater(Buffer.alloc(size), { level: 42 });
      await expect(made).rejects.toThrow(RangeError);
    }
  });
});
