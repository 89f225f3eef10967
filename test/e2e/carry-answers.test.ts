import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { day } from './status-inbox.ts';
import { tempDir, tianbao } from './run.ts';
import { UNIT, A1, A2, D1, D2, H1, H2, june, name } from '../fixtures/two-problems-a-row.ts';

// What answers a problem no longer listed (对账销号): a comment of this month, one numbered item a problem.
const ANSWER_A = '1.补正材料清单已印发\n2.受理审查台账已建立';
const ANSWER_D = '以上问题均已整改';
const ANSWER_H = '听取意见已列入办案流程';

let root: string;
const at = (...parts: string[]) => join(root, ...parts);

/** The ledger of `month` with `rows`, `notes` on its cells, received on `received`. */
async function sent(month: number, rows: Partial<typeof june.rows>, notes: Record<string, string>, received: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeWorkbook(reviewLedger, { ...june, period: `2023-0${month}`, reportDate: received, rows })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('问题台账')!;
  for (const [cell, note] of Object.entries(notes)) ws.getCell(cell).note = note;
  const file = at(String(month), name(month));
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  utimesSync(file, day(received), day(received));
}

async function summary(dir: string, month: number): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, `焦作市2023年${month}月行政复议工作问题台账汇总.xlsx`));
  const rows: string[][] = [];
  wb.getWorksheet('汇总')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows.filter((r) => r[0] === UNIT && r[5]!.includes('销号')).map((r) => [r[2]!, r[5]!, r[6]!]);
}

const compile = (month: number, previous: string) =>
  tianbao(['compile', 'review-ledger', at(String(month)), '--period', `2023-0${month}`, '--as-of', `2023-0${month}-28`, '--previous', previous, '-o', at(`out${month}`), '--format', 'xlsx']);

describe('what answers a problem no longer listed', () => {
  beforeAll(async () => {
    root = tempDir();
    for (const dir of ['6', '7', '8', 'earlier']) mkdirSync(at(dir));
    writeFileSync(at('6', name(6)), await writeWorkbook(reviewLedger, { ...june }));
    utimesSync(at('6', name(6)), day('2023-06-26'), day('2023-06-26'));
    // July: both of 受理 dropped, answered item by item; both of 文书 dropped, with one word for the two; H1 dropped and answered.
    const hearing = { problems: [H2], measures: ['实行审限预警'], deadlines: ['持续推进'] };
    await sent(7, { hearing }, { C4: ANSWER_A, C5: ANSWER_H, C6: ANSWER_D }, '2023-07-25');
    // August: H2 dropped too, with July's comment on its cell left as it was (July's file made August's).
    await sent(8, {}, { C4: ANSWER_A, C5: ANSWER_H, C6: ANSWER_D }, '2023-08-25');
    for (const m of [6, 7]) copyFileSync(at(String(m), name(m)), at('earlier', name(m)));
  });

  it('closes a problem only with an answer, one numbered item a problem where a cell drops several', async () => {
    expect((await compile(7, at('6'))).code).toBe(0);
    expect(await summary(at('out7'), 7)).toEqual([
      [A1, '已销号', '补正材料清单已印发'],
      [A2, '已销号', '受理审查台账已建立'],
      [H1, '已销号', ANSWER_H],
      [D1, '未销号（未说明）', ''],
      [D2, '未销号（未说明）', ''],
    ]);
  });

  it('takes last month’s comment, left on a copy of its file, for no answer', async () => {
    expect((await compile(8, at('earlier'))).code).toBe(0);
    expect(await summary(at('out8'), 8)).toEqual([
      [H2, '未销号（未说明）', ''],
      [D1, '未销号（未说明）', ''],
      [D2, '未销号（未说明）', ''],
    ]);
  });
});
