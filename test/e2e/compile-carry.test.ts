import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { day } from './status-inbox.ts';
import { tempDir, tianbao } from './run.ts';

const UNIT = '修武县';
const name = (month: number) => `${UNIT}2023年${month}月行政复议工作问题台账.xlsx`;

/** June's ledger, as the unit sent it. */
const june = {
  unit: UNIT,
  period: '2023-06',
  filler: '修武县司法局',
  reportDate: '2023-06-26',
  rows: {
    acceptance: {
      problems: ['补正通知未一次性告知需补正材料', '个别案件受理审查超过5日法定期限'],
      measures: ['制定补正材料清单', '建立受理审查台账'],
      deadlines: ['2023-07-31', '长期坚持'],
    },
    hearing: {
      problems: ['部分案件未听取申请人意见即作出决定', '2起案件超期审理'],
      measures: ['重大疑难案件一律听取意见', '实行审限预警'],
      deadlines: ['2023-08-31', '持续推进'],
    },
  },
};

const FIXED_A1 = '补正材料清单已于7月10日印发，补正通知一次性告知，已整改';
const FIXED_A2 = '受理审查台账已建立，8月无超期受理';

let root: string;
const at = (...parts: string[]) => join(root, ...parts);

/**
 * The month's workbook from last month's (`blank --previous`), kept as made in blank/, then updated by the
 * clerk and received on `received`.
 */
async function nextMonth(from: string, month: number, received: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const dir = at(String(month));
  const r = await tianbao(['blank', 'review-ledger', '--unit', UNIT, '--period', `2023-0${month}`, '--previous', from, '-o', dir]);
  expect([r.code, r.stdout.trim()]).toEqual([0, join(dir, name(month))]);
  const file = join(dir, name(month));
  copyFileSync(file, at('blank', name(month)));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  edit(wb.getWorksheet('问题台账')!);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  utimesSync(file, day(received), day(received));
  return file;
}

const issuesOf = async (file: string, previous: string) => {
  const r = await tianbao(['validate', file, '--previous', previous, '--format', 'json']);
  return JSON.parse(r.stdout).files[0].issues.filter((i: { rule: string }) => i.rule.startsWith('ledger.carry.'));
};

const summaryOf = async (dir: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, '焦作市2023年' + (dir.endsWith('7') ? 7 : 8) + '月行政复议工作问题台账汇总.xlsx'));
  const rows: string[][] = [];
  wb.getWorksheet('汇总')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows.filter((row) => row[0] === UNIT).map((row) => [row[2], row[5], row[6]]);
};

describe('the ledger from month to month (对账销号)', () => {
  beforeAll(async () => {
    root = tempDir();
    mkdirSync(at('6'));
    mkdirSync(at('blank'));
    writeFileSync(at('6', name(6)), await writeWorkbook(reviewLedger, june));
    utimesSync(at('6', name(6)), day('2023-06-26'), day('2023-06-26'));
    // July: the first problem fixed and said so, the last dropped without a word, one reworded, one time limit put off.
    await nextMonth(at('6', name(6)), 7, '2023-07-26', (ws) => {
      ws.getCell('C4').value = '1.个别案件受理审查超过法定5日期限';
      ws.getCell('D4').value = '1.建立受理审查台账';
      ws.getCell('E4').value = '长期坚持';
      ws.getCell('C4').note = FIXED_A1;
      ws.getCell('C5').value = '1.部分案件未听取申请人意见即作出决定';
      ws.getCell('D5').value = '1.重大疑难案件一律听取意见';
      ws.getCell('E5').value = '2023年9月30日';
    });
    // August: the reworded one fixed and said so, a new one found.
    await nextMonth(at('7', name(7)), 8, '2023-08-25', (ws) => {
      ws.getCell('C4').value = null;
      ws.getCell('D4').value = null;
      ws.getCell('E4').value = null;
      ws.getCell('C4').note = FIXED_A2;
      ws.getCell('C6').value = '1.文书格式不统一';
      ws.getCell('D6').value = '1.统一文书模板';
      ws.getCell('E6').value = '2023年9月30日';
    });
    mkdirSync(at('earlier'));
    for (const m of [6, 7]) copyFileSync(at(String(m), name(m)), at('earlier', name(m)));
  });

  it('starts July from June: its problems, measures and time limits in place, the month in its metadata', async () => {
    // July's blank as `blank --previous` made it from June's, before the clerk's edits (see nextMonth).
    expect((await tianbao(['extract', at('blank', name(7)), '-o', at('blank', 'july.json')])).code).toBe(0);
    const july = JSON.parse(readFileSync(at('blank', 'july.json'), 'utf8'));
    expect(july).toMatchObject({ unit: UNIT, period: '2023-07', rows: june.rows });
    // A blank for a month, without last month's: the month is in its metadata, not only in a name.
    const empty = (await tianbao(['blank', 'review-ledger', '--unit', UNIT, '--period', '2023-07', '-o', at('empty')])).stdout.trim();
    expect(empty).toBe(join(at('empty'), `${UNIT}行政复议工作问题台账（空白表）.xlsx`));
    expect(JSON.parse((await tianbao(['validate', empty, '--format', 'json'])).stdout).files[0].period).toBe('2023-07');
  });

  it('in July, warns of the problems June listed and July does not, and of a time limit put off', async () => {
    const issues = await issuesOf(at('7', name(7)), at('6', name(6)));
    expect(issues.map((i: { rule: string; cell: string; explained: boolean }) => [i.rule, i.cell, i.explained])).toEqual([
      ['ledger.carry.dropped', 'C4', true],
      ['ledger.carry.dropped', 'C5', false],
      ['ledger.carry.postponed', 'E5', false],
    ]);
    expect(issues[0].message).toContain('「补正通知未一次性告知需补正材料」');
    expect(issues[0].reply).toBe(FIXED_A1);
    expect(issues[1].message).toContain('「2起案件超期审理」');
    expect(issues[2].message).toContain('2023年8月31日推迟至2023年9月30日');
  });

  it('in August, compares with the latest month of those given, and what it dropped without a word', async () => {
    const issues = await issuesOf(at('8', name(8)), at('earlier'));
    expect(issues.map((i: { rule: string; cell: string; reply?: string }) => [i.rule, i.cell, i.reply])).toEqual([
      ['ledger.carry.dropped', 'C4', FIXED_A2],
      ['ledger.carry.dropped', 'C5', undefined],
    ]);
    expect(issues[1].message).toContain('2023年6月台账案件审理方面列出的问题「2起案件超期审理」此后未再列出');
  });

  it('compiles each month with the problems dropped since the last as 已销号 with the clerk’s word, or 未销号（未说明）', async () => {
    for (const m of [7, 8]) {
      // Only the workbook is read.
      const r = await tianbao(['compile', 'review-ledger', at(String(m)), '--period', `2023-0${m}`, '--as-of', `2023-0${m}-31`, '--previous', at(String(m - 1)), '-o', at(`out${m}`), '--format', 'xlsx']);
      expect(r.code).toBe(0);
    }
    // This month's problems, then last month's no longer listed.
    expect(await summaryOf(at('out7'))).toEqual([
      ['个别案件受理审查超过法定5日期限', '持续推进', ''],
      ['部分案件未听取申请人意见即作出决定', '未到期', ''],
      ['补正通知未一次性告知需补正材料', '已销号', FIXED_A1],
      ['2起案件超期审理', '未销号（未说明）', ''],
    ]);
    expect(await summaryOf(at('out8'))).toEqual([
      ['部分案件未听取申请人意见即作出决定', '未到期', ''],
      ['文书格式不统一', '未到期', ''],
      ['个别案件受理审查超过法定5日期限', '已销号', FIXED_A2],
    ]);
  });
});
