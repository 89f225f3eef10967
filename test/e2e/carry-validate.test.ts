import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';
import { UNIT, june, name } from '../fixtures/two-problems-a-row.ts';

// `validate --previous` marks 已说明 exactly the dropped problems `compile --previous` closes (已销号).
const hearing = { problems: ['2起案件超期审理'], measures: ['实行审限预警'], deadlines: ['持续推进'] };
// July drops both of 受理 (C4) and of 文书 (C6), and one of 审理 (C5); August drops the other of 审理, on a copy of July's file.
const NOTES = { C4: '1.补正材料清单已印发\n2.受理审查台账已建立', C5: '听取意见已列入办案流程', C6: '以上问题均已整改' };

let root: string;
const at = (...parts: string[]) => join(root, ...parts);

async function sent(month: number, rows: Partial<typeof june.rows>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeWorkbook(reviewLedger, { ...june, period: `2023-0${month}`, reportDate: `2023-0${month}-25`, rows })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('问题台账')!;
  for (const [cell, note] of Object.entries(NOTES)) ws.getCell(cell).note = note;
  writeFileSync(at(name(month)), Buffer.from(await wb.xlsx.writeBuffer()));
}

type CarryIssue = { rule: string; cell: string; explained: boolean; message: string; reply?: string };
async function dropped(month: number, ...previous: number[]): Promise<CarryIssue[]> {
  const r = await tianbao(['validate', at(name(month)), ...previous.flatMap((m) => ['--previous', at(name(m))]), '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).files[0].issues.filter((i: CarryIssue) => i.rule === 'ledger.carry.dropped');
}

describe('validate and compile agree on what answers a dropped problem', () => {
  beforeAll(async () => {
    root = tempDir();
    mkdirSync(root, { recursive: true });
    writeFileSync(at(name(6)), await writeWorkbook(reviewLedger, june));
    await sent(7, { hearing });
    await sent(8, {});
  });

  it('explains two problems of a cell by a numbered item each, and none by one undivided text', async () => {
    const issues = await dropped(7, 6);
    expect(issues.map((i) => [i.cell, i.explained])).toEqual([
      ['C4', true],
      ['C4', true],
      ['C5', true],
      ['C6', false],
      ['C6', false],
    ]);
    expect(issues.find((i) => i.cell === 'C6')!.message).toContain('此格有2个问题未再列出，请逐条写明');
  });

  it('reads a comment as Excel and WPS write it, without the author’s name they put before it', async () => {
    // Excel's new comment: its author's name and a colon in bold, then what the clerk typed (exceljs's author is "Author").
    const typed = (text: string) => ({ texts: [{ font: { bold: true }, text: 'Author:' }, { text }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook(reviewLedger, { ...june, period: '2023-07', reportDate: '2023-07-25', rows: { hearing } })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题台账')!;
    ws.getCell('C4').note = typed(`\n${NOTES.C4}`);
    ws.getCell('C6').note = typed('');
    mkdirSync(at('excel'));
    writeFileSync(at('excel', name(7)), Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await tianbao(['validate', at('excel', name(7)), '--previous', at(name(6)), '--format', 'json']);
    const issues: CarryIssue[] = JSON.parse(r.stdout).files[0].issues.filter((i: CarryIssue) => i.rule === 'ledger.carry.dropped');
    expect(issues.filter((i) => i.cell === 'C4').map((i) => [i.explained, i.reply])).toEqual([
      [true, NOTES.C4],
      [true, NOTES.C4],
    ]);
    // A comment holding only its author's name answers nothing.
    expect(issues.filter((i) => i.cell === 'C6').map((i) => i.explained)).toEqual([false, false]);
  });

  it('does not explain a problem by the comment its cell kept from last month, and says why', async () => {
    const issues = await dropped(8, 6, 7);
    const kept = issues.find((i) => i.message.includes('「2起案件超期审理」本月未再列出'))!;
    expect([kept.cell, kept.explained, kept.reply]).toEqual(['C5', false, NOTES.C5]);
    expect(kept.message).toContain('上月此格已有的批注不算本月的说明');
    expect(issues.filter((i) => i.explained)).toEqual([]);
  });
});
