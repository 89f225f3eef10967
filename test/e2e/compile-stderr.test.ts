import { copyFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { day, inbox } from './status-inbox.ts';
import { FIXTURES, tempDir, tianbao } from './run.ts';

describe('compile’s stderr', () => {
  it('lists the files its counts end 「未纳入（见下）」 with, each with why, not naming an option not given', async () => {
    const dir = await inbox();
    writeFileSync(join(dir, '乱码.xlsx'), 'not a workbook');
    const outfalls = join(dir, '排污口台账.xlsx');
    copyFileSync(join(FIXTURES, 'sheetjs', 'outfall-faulty.xlsx'), outfalls);
    for (const f of [join(dir, '乱码.xlsx'), outfalls]) utimesSync(f, day('2023-06-26'), day('2023-06-26'));
    const r = await tianbao(['compile', 'review-ledger', dir, '--period', '2023-06', '--as-of', '2023-07-05', '-o', tempDir(), '--format', 'xlsx']);
    const lines = r.stderr.trim().split('\n');
    const counts = lines.findIndex((l) => l.endsWith('未纳入（见下）'));
    expect(counts).toBeGreaterThanOrEqual(0);
    const below = lines.slice(counts + 1);
    expect(below.some((l) => l.startsWith('乱码.xlsx'))).toBe(true);
    expect(below.some((l) => l.startsWith('排污口台账.xlsx'))).toBe(true);
    expect(r.stderr).not.toContain('--template');
  });
});
