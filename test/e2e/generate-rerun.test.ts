import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';

describe('generate, run again', () => {
  it('skips outputs newer than the data unless --force, and writes the same bytes each time', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledgers.json');
    writeFileSync(data, JSON.stringify(reviewLedger.samples.slice(0, 2)));
    const past = new Date(Date.now() - 60_000);
    utimesSync(data, past, past);
    const out = join(dir, 'out');
    const first = await tianbao(['generate', 'review-ledger', '--data', data, '-o', out]);
    expect(first.code).toBe(0);
    const written = first.stdout.trim().split('\n');
    expect(written).toHaveLength(4);
    const bytes = written.map((f) => readFileSync(f));
    const times = written.map((f) => statSync(f).mtimeMs);

    const again = await tianbao(['generate', 'review-ledger', '--data', data, '-o', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr.match(/已是最新，跳过/g)).toHaveLength(4);
    expect(written.map((f) => statSync(f).mtimeMs)).toEqual(times);

    // Forced, or with the data changed since, it writes again: the same bytes, XLSX and PDF alike.
    const forced = await tianbao(['generate', 'review-ledger', '--data', data, '-o', out, '--force']);
    expect(forced.stdout.trim().split('\n')).toEqual(written);
    written.forEach((f, i) => expect(Buffer.compare(readFileSync(f), bytes[i]!), f).toBe(0));
    utimesSync(data, new Date(), new Date(Date.now() + 5000));
    expect((await tianbao(['generate', 'review-ledger', '--data', data, '-o', out])).stdout.trim().split('\n')).toEqual(written);
  });

  it('gives byte-identical checklists and their summary for the same data and as-of day', async () => {
    const dir = tempDir();
    const data = join(dir, 'outfalls.json');
    writeFileSync(data, JSON.stringify(outfallChecklist.samples[4]));
    const run = async (out: string) => (await tianbao(['generate', 'outfall-checklist', '--data', data, '-o', join(dir, out), '--as-of', '2024-06-30'])).stdout.trim().split('\n');
    const [a, b] = [await run('a'), await run('b')];
    a.forEach((f, i) => expect(Buffer.compare(readFileSync(f), readFileSync(b[i]!)), f).toBe(0));
  });
});
