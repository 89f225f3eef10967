import { describe, expect, it } from 'vitest';
import { drawSheet } from '../src/pages/sheet-view.ts';

const sheet = (rows: string[][]) => ({ sheet: '表', width: rows[0]!.length, rows, merges: [], cut: false });

describe('a drawn sheet', () => {
  it('keeps a cell of short lines whole (a code, a date, a ledger’s numbered time limits) and lets a long text wrap', () => {
    const codes = '9141080334213022AC';
    const deadlines = '1.2023年8月31日\n2.持续推进\n3.2024年9月30日';
    const long = '1.对重大疑难案件一律听取意见，必要时组织听证';
    const drawn = drawSheet(sheet([[codes, deadlines, long, '']]), []);
    expect(drawn.rows[0]!.cells.map((c) => c.cls)).toEqual(['whole', 'whole', '', '']);
  });

  it('gives a flagged cell its flag beside it', () => {
    const issue = { severity: 'error', rule: 'x', message: '错', sheet: '表', cell: 'A1', row: 1, column: 'A' } as const;
    expect(drawSheet(sheet([['尽快']]), [issue as never]).rows[0]!.cells[0]!.cls).toBe('flag-error whole');
  });
});
