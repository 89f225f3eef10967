import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formById } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { readSheetCells } from '../src/sheet-cells.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-sheet-cells-'));
const ledger = formById('review-ledger');

async function ledgerFile(): Promise<string> {
  const file = join(dir, 'ledger.xlsx');
  writeFileSync(file, await writeWorkbook(ledger, ledger.samples.find((s) => s.unit === '修武县')!));
  return file;
}

describe('a sheet\'s cells for drawing', () => {
  it('gives every row from the first as text, and the merged ranges', async () => {
    const cells = (await readSheetCells({ file: await ledgerFile(), sheet: ledger.layout.sheet, maxRows: 1000, maxColumns: 60 }))!;
    expect(cells.width).toBe(5);
    expect(cells.rows[0]![0]).toBe('修武县行政复议工作问题台账');
    expect(cells.rows[2]).toEqual(['项目', '检视内容', '存在问题', '改进措施', '完成时限']);
    expect(cells.rows[3]![4]).toBe('2023年7月31日');
    // The title across the table; 重点检视 down its four rows.
    expect(cells.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: 5 });
    expect(cells.merges).toContainEqual({ top: 4, left: 1, bottom: 7, right: 1 });
    expect(cells.cut).toBe(false);
  });

  it('gives a date cell as the forms print it, not as an ISO date', async () => {
    const checklist = formById('outfall-checklist');
    const sample = checklist.samples.find((s) => s.outfalls.some((o: { deadline?: string }) => o.deadline))!;
    const file = join(dir, 'checklist.xlsx');
    writeFileSync(file, await writeWorkbook(checklist, sample));
    const cells = (await readSheetCells({ file, sheet: checklist.layout.sheet, maxRows: 1000, maxColumns: 60 }))!;
    const column = cells.rows[2]!.indexOf('完成时限');
    const first = sample.outfalls.findIndex((o: { deadline?: string }) => o.deadline);
    const [y, m, d] = sample.outfalls[first].deadline.split('-').map(Number);
    expect(cells.rows[3 + first]![column]).toBe(`${y}年${m}月${d}日`);
    expect(cells.rows.flat().filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t))).toEqual([]);
  });

  it('stops at the rows and columns asked for, and says so', async () => {
    const cells = (await readSheetCells({ file: await ledgerFile(), sheet: ledger.layout.sheet, maxRows: 3, maxColumns: 2 }))!;
    expect(cells.rows).toEqual([
      ['修武县行政复议工作问题台账', ''],
      [cells.rows[1]![0], ''],
      ['项目', '检视内容'],
    ]);
    expect(cells.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: 2 });
    expect(cells.cut).toBe(true);
  });

  it('gives nothing for a sheet the workbook does not have', async () => {
    expect(await readSheetCells({ file: await ledgerFile(), sheet: '没有这张表', maxRows: 10, maxColumns: 10 })).toBeNull();
  });
});
