import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { day } from './status-inbox.ts';
import { tempDir, tianbao } from './run.ts';
import { FIXED, P, droppedIn, june } from '../fixtures/dropped-problem.ts';

// 不见实效不予销号: a problem dropped without a word stays on the ledger, month after month, until it is explained.
const UNIT = june.unit;
let root: string;
const at = (...parts: string[]) => join(root, ...parts);
const name = (m: number) => `${UNIT}2023年${m}月行政复议工作问题台账.xlsx`;

type CarryIssue = { rule: string; cell: string; explained: boolean; message: string; reply?: string };
const carried = async (file: string, ...previous: string[]): Promise<CarryIssue[]> => {
  const r = await tianbao(['validate', file, ...previous.flatMap((p) => ['--previous', p]), '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).files[0].issues.filter((i: CarryIssue) => i.rule.startsWith('ledger.carry.'));
};
const brief = (issues: CarryIssue[]) => issues.map((i) => [i.rule, i.cell, i.explained]);

describe('a problem dropped without a word stays until explained (不见实效不予销号)', () => {
  beforeAll(async () => {
    root = tempDir();
    for (const dir of ['6', '7', '8', '8-plain', '9', 'earlier']) mkdirSync(at(dir));
    for (const m of [6, 7, 9]) writeFileSync(at(String(m), name(m)), await writeWorkbook(reviewLedger, m === 6 ? june : droppedIn(`2023-0${m}`)));
    // August, as sent without a word on P, and as sent with the clerk's comment on its row's 存在问题.
    const august = await writeWorkbook(reviewLedger, droppedIn('2023-08'));
    writeFileSync(at('8-plain', name(8)), august);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(august as unknown as ArrayBuffer);
    wb.getWorksheet('问题台账')!.getCell('C5').note = FIXED;
    writeFileSync(at('8', name(8)), Buffer.from(await wb.xlsx.writeBuffer()));
    // Received by the compile's day.
    utimesSync(at('8', name(8)), day('2023-08-25'), day('2023-08-25'));
    for (const m of [6, 7]) copyFileSync(at(String(m), name(m)), at('earlier', name(m)));
  });

  it('in July, warns of P, dropped from June without a word', async () => {
    const issues = await carried(at('7', name(7)), at('6', name(6)));
    expect(brief(issues)).toEqual([['ledger.carry.dropped', 'C5', false]]);
    expect(issues[0]!.message).toContain(`上月台账案件审理方面列出的问题「${P}」本月未再列出`);
  });

  it('in August, warns of P again, naming June, whatever order the months are given in, or as a folder', async () => {
    const given = [
      [at('6', name(6)), at('7', name(7))],
      [at('7', name(7)), at('6', name(6))],
      [at('earlier')],
    ];
    for (const previous of given) {
      const issues = await carried(at('8-plain', name(8)), ...previous);
      expect(brief(issues)).toEqual([['ledger.carry.dropped', 'C5', false]]);
      expect(issues[0]!.message).toContain(`2023年6月台账案件审理方面列出的问题「${P}」此后未再列出，也未说明整改情况`);
    }
    // Last month's alone: P is not known.
    expect(await carried(at('8-plain', name(8)), at('7', name(7)))).toEqual([]);
  });

  it('in August, a comment on the cell answers it', async () => {
    const issues = await carried(at('8', name(8)), at('earlier'));
    expect(issues.map((i) => [i.rule, i.cell, i.explained, i.reply])).toEqual([['ledger.carry.dropped', 'C5', true, FIXED]]);
  });

  it('in September, P answered in August is not warned of; left unanswered, it is warned of a third time', async () => {
    expect(await carried(at('9', name(9)), at('earlier'), at('8', name(8)))).toEqual([]);
    const issues = await carried(at('9', name(9)), at('earlier'), at('8-plain', name(8)));
    expect(brief(issues)).toEqual([['ledger.carry.dropped', 'C5', false]]);
    expect(issues[0]!.message).toContain(`2023年6月台账案件审理方面列出的问题「${P}」此后未再列出`);
  });

  it('starts August’s blank from the months before with P listed again on its row, for the clerk to answer', async () => {
    const r = await tianbao(['blank', 'review-ledger', '--unit', UNIT, '--period', '2023-08', '--previous', at('earlier'), '-o', at('blank')]);
    expect(r.code).toBe(0);
    const blank = r.stdout.trim();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    expect(String(wb.getWorksheet('问题台账')!.getCell('C5').value)).toContain(P);
    // Sent as carried: nothing dropped.
    expect(await carried(blank, at('earlier'))).toEqual([]);
  });

  it('compiles August with P as 已销号, with the clerk’s comment of August', async () => {
    const r = await tianbao(['compile', 'review-ledger', at('8'), '--period', '2023-08', '--as-of', '2023-08-31', '--previous', at('earlier'), '-o', at('out'), '--format', 'xlsx']);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('out', '焦作市2023年8月行政复议工作问题台账汇总.xlsx'));
    const rows: string[][] = [];
    wb.getWorksheet('汇总')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows.filter((row) => row[0] === UNIT).map((row) => [row[2], row[5], row[6]])).toEqual([
      ['个别案件受理审查超过5日法定期限', '持续推进', ''],
      ['部分案件未听取申请人意见即作出决定', '持续推进', ''],
      [P, '已销号', FIXED],
    ]);
  });
});
