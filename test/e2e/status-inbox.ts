import { copyFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { editedWorkbook } from './clerk.ts';
import { FIXTURES, tempDir, tianbao } from './run.ts';

/** What status.test.ts and status-dates.test.ts share: an inbox of ledgers and a run of `tianbao status` on it. */
export const day = (iso: string) => new Date(`${iso}T10:00:00`);

/** A unit's June ledger, valid or `broken` (a problem without its measure); written once per process, as writing is byte for byte the same. */
const ledgers = new Map<string, Promise<Buffer>>();
export function ledgerOf(sample: (typeof reviewLedger.samples)[number], broken = false): Promise<Buffer> {
  const key = `${sample.unit}${broken ? ' broken' : ''}`;
  const data = broken ? { ...sample, rows: { ...sample.rows, acceptance: { problems: ['甲'], measures: [], deadlines: [] } } } : sample;
  if (!ledgers.has(key)) ledgers.set(key, writeWorkbook(reviewLedger, data));
  return ledgers.get(key)!;
}

/** An inbox: every unit's June ledger received on 2023-06-26, except as `changes` says. */
export async function inbox(changes: { missing?: string[]; late?: string[]; broken?: string[] } = {}) {
  const dir = tempDir();
  for (const sample of reviewLedger.samples) {
    if (changes.missing?.includes(sample.unit)) continue;
    const file = join(dir, `${sample.unit}2023年6月问题台账.xlsx`);
    writeFileSync(file, await ledgerOf(sample, !!changes.broken?.includes(sample.unit)));
    const received = changes.late?.includes(sample.unit) ? day('2023-07-03') : day('2023-06-26');
    utimesSync(file, received, received);
  }
  return dir;
}

export const sampleOf = (unit: string) => reviewLedger.samples.find((s) => s.unit === unit)!;

/** A unit's ledger on the gazette's sample title, `XX县（市、区）…`, as a clerk who forgot to change it sends it; edited once per process. */
const titled = new Map<string, Promise<Buffer>>();
export function placeholderTitled(sample: (typeof reviewLedger.samples)[number]): Promise<Buffer> {
  const title = `${sample.unit}行政复议工作问题台账`;
  if (!titled.has(sample.unit))
    titled.set(
      sample.unit,
      editedWorkbook(reviewLedger, sample, {}, (ws) =>
        ws.eachRow((row) => row.eachCell((cell) => void (cell.value === title && (cell.value = `XX县（市、区）行政复议工作问题台账`)))),
      ),
    );
  return titled.get(sample.unit)!;
}

export const status = (dir: string, ...more: string[]) => tianbao(['status', dir, '--template', 'review-ledger', '--period', '2023-06', '--as-of', '2023-07-05', ...more]);

/**
 * An inbox of every unit's valid ledger, and three files no one can place: two ledgers on the gazette's sample
 * title, one named for no unit, received 2023-06-26, one named for two units, received 2023-06-27; and another
 * form's file named for no unit, received 2023-06-26.
 */
export async function placedInbox() {
  const dir = await inbox();
  const outfalls = join(dir, '排污口台账.xlsx');
  copyFileSync(join(FIXTURES, 'sheetjs', 'outfall-faulty.xlsx'), outfalls);
  utimesSync(outfalls, day('2023-06-26'), day('2023-06-26'));
  const nameless = join(dir, '2023年6月问题台账.xlsx');
  writeFileSync(nameless, await placeholderTitled(sampleOf('温县')));
  utimesSync(nameless, day('2023-06-26'), day('2023-06-26'));
  const two = join(dir, '修武县转博爱县2023年6月问题台账.xlsx');
  writeFileSync(two, await placeholderTitled(sampleOf('博爱县')));
  utimesSync(two, day('2023-06-27'), day('2023-06-27'));
  return { dir, nameless, two, outfalls };
}

/**
 * An inbox of every case but files no one can place, each on a unit of its own: 温县 sent nothing, 山阳区
 * sent late (2023-07-03), 孟州市 a ledger with two errors; 修武县 a ledger cut short in transit; 博爱县 a
 * broken file, a ledger on the sample title and its May ledger; 中站区 an old Excel file, 马村区 a PDF; 武陟县
 * a ledger with errors long after the as-of day. Besides: a document of no unit, a lock file and a hidden
 * file. The other units sent their June ledger whole on 2023-06-26.
 */
export async function mixedInbox() {
  const dir = await inbox({ missing: ['温县', '修武县', '博爱县', '中站区', '马村区'], late: ['山阳区'], broken: ['孟州市'] });
  const received = async (name: string, content: string | Buffer | Promise<Buffer>, on = '2023-06-26') => {
    writeFileSync(join(dir, name), await content);
    utimesSync(join(dir, name), day(on), day(on));
  };
  const whole = await ledgerOf(sampleOf('修武县'));
  await received('修武县2023年6月问题台账.xlsx', whole.subarray(0, whole.length >> 1));
  await received('博爱县6月台账.xlsx', 'not a workbook', '2023-06-25');
  await received('博爱县2023年6月问题台账.xlsx', placeholderTitled(sampleOf('博爱县')));
  await received('博爱县2023年5月问题台账.xlsx', writeWorkbook(reviewLedger, { ...sampleOf('博爱县'), period: '2023-05', reportDate: '2023-05-26' }), '2023-06-27');
  await received('中站区2023年6月行政复议工作问题台账.xls', 'x\n');
  await received('马村区台账.pdf', '%PDF-1.4\n');
  await received('说明.docx', 'x');
  await received('~$修武县2023年6月问题台账.xlsx', 'x');
  await received('.DS_Store', 'x');
  await received('武陟县2023年6月问题台账（重报）.xlsx', ledgerOf(sampleOf('武陟县'), true), '2026-01-05');
  return dir;
}
