import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../src/files.ts';
import { jsonPath, readInput } from '../src/input.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-cli-'));

describe('--data input', () => {
  it('points at JSON paths', () => {
    expect(jsonPath([1, 'rows', 'acceptance', 'deadlines', 0])).toBe('$[1].rows.acceptance.deadlines[0]');
  });

  it('accepts one ledger or a list, and refuses unknown units', () => {
    const file = join(dir, 'in.json');
    writeFileSync(file, JSON.stringify(reviewLedger.samples.slice(0, 2)));
    expect(readInput(file, reviewLedger, defaultUnits)).toMatchObject({ problems: [], data: [{}, {}] });
    writeFileSync(file, JSON.stringify({ unit: '开封县', rows: {} }));
    const r = readInput(file, reviewLedger, defaultUnits);
    expect(r.data).toEqual([]);
    expect(r.problems[0]).toContain('$.unit');
    writeFileSync(file, '{');
    expect(readInput(file, reviewLedger, defaultUnits).problems[0]).toContain('无法读取 JSON');
  });
});

describe('expandInputs', () => {
  it('finds workbooks in folders, skipping Excel lock files, and keeps missing paths to report them', () => {
    const d = join(dir, 'in');
    mkdirSync(join(d, 'sub'), { recursive: true });
    for (const f of ['b.xlsx', '~$b.xlsx', 'notes.txt', 'sub/a.XLSX']) writeFileSync(join(d, f), '');
    expect(expandInputs([d, join(dir, 'gone.xlsx')])).toEqual([join(d, 'b.xlsx'), join(d, 'sub', 'a.XLSX'), join(dir, 'gone.xlsx')]);
  });
});
