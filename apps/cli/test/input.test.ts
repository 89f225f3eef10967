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
    expect(readInput(file, reviewLedger, defaultUnits).problems[0]).toContain('不是有效的 JSON');
  });

  it('gives each item its JSON path, and refuses a cell longer than Excel keeps by the path of its data', () => {
    const file = join(dir, 'long.json');
    const [a, b] = reviewLedger.samples;
    writeFileSync(file, JSON.stringify([a, b]));
    expect(readInput(file, reviewLedger, defaultUnits).at).toEqual(['$[0]', '$[1]']);
    // Two measures that fit a cell alone, not numbered one a line in one cell.
    const measures = ['措'.repeat(16382), '施'.repeat(16382)];
    writeFileSync(file, JSON.stringify([a, { ...b, rows: { hearing: { problems: ['甲', '乙'], measures, deadlines: [] } } }]));
    expect(readInput(file, reviewLedger, defaultUnits)).toEqual({
      data: [],
      at: [],
      problems: [`${file} $[1].rows.hearing.measures：改进措施写入单元格后有 32769 个字符，超过 Excel 单元格的上限 32767 个字符；请精简，或把说明另附材料`],
    });
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
