import type { PrintBlock, SheetSpec } from '@tianbao/form';
import type { FireSafetyContacts } from './schema.ts';
import { SUMMARY_TITLE, staffingTable } from './summary.ts';

const NOTE = '注：按焦政办〔2023〕18号第七条，各单位至少明确1名消防安全明白人，并按规模增加；已报备少于应配备的以红色标出。';

/** A filled report gets a sheet of each organisation's staffing against 第七条. */
export function sheets(data: FireSafetyContacts | null): SheetSpec[] {
  return data ? [{ name: '配备情况', title: `${data.unit}${SUMMARY_TITLE}`, table: staffingTable(data), notes: [NOTE] }] : [];
}

/** The report, then on a new page each organisation's staffing. */
export function printBlocks(data: FireSafetyContacts): PrintBlock[] {
  return [
    { kind: 'form' },
    { kind: 'pageBreak' },
    { kind: 'heading', text: `${data.unit}${SUMMARY_TITLE}` },
    { kind: 'table', table: staffingTable(data) },
    { kind: 'paragraph', text: NOTE },
  ];
}
