import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { editedWorkbook } from './clerk.ts';
import { tempDir, tianbao } from './run.ts';

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

/** A unit's ledger on the gazette's sample title, `XX县（市、区）…`, as a clerk who forgot to change it sends it. */
export function placeholderTitled(sample: (typeof reviewLedger.samples)[number]): Promise<Buffer> {
  const title = `${sample.unit}行政复议工作问题台账`;
  return editedWorkbook(reviewLedger, sample, {}, (ws) =>
    ws.eachRow((row) => row.eachCell((cell) => void (cell.value === title && (cell.value = `XX县（市、区）行政复议工作问题台账`)))),
  );
}

export const status = (dir: string, ...more: string[]) => tianbao(['status', dir, '--template', 'review-ledger', '--period', '2023-06', '--as-of', '2023-07-05', ...more]);
