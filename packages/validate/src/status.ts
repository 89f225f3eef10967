import { formatDateCn, type FormDefinition, type Table, type UnitList } from '@tianbao/form';
import type { FileReport } from './check.ts';

/** Where a unit stands for one form and period. */
export type UnitState = 'valid' | 'invalid' | 'missing' | 'not-due';

export interface UnitStatus {
  unit: string;
  state: UnitState;
  /** `on-time`, `late`, or null when there is no submission or no due date. */
  timing: 'on-time' | 'late' | null;
  /** The submission judged (the newest, when a unit sent several). */
  file: string | null;
  /** The day it was received (the file's date). */
  received: string | null;
  errors: number;
  warnings: number;
}

/** A file that could not be read as any form, so no unit could be credited with it: its first error. */
export interface UnreadFile {
  file: string;
  rule: string;
  message: string;
}

export interface StatusReport {
  template: string;
  period: string;
  asOf: string;
  due: string | null;
  units: UnitStatus[];
  /** Files refused or not recognised (`file.*`): a unit that sent only such a file shows as missing, and here is why. */
  unread: UnreadFile[];
  summary: Record<UnitState, number> & { late: number };
}

/**
 * For every unit of the list: is its submission for this form and period
 * there, valid, on time or late, or missing. `received` gives each file's
 * date; a unit that sent several files is judged on its newest.
 */
export function unitStatus(
  def: FormDefinition<any>,
  period: string,
  reports: readonly FileReport[],
  received: ReadonlyMap<string, string>,
  units: UnitList,
  asOf: string,
): StatusReport {
  const due = def.dueDate?.(period) ?? null;
  const mine = reports.filter((r) => r.template === def.id && r.unit && (!def.monthly || r.period === period));
  const rows = units.units.map((u): UnitStatus => {
    const sent = mine.filter((r) => r.unit === u.name).sort((a, b) => (received.get(b.file) ?? '').localeCompare(received.get(a.file) ?? ''))[0];
    if (!sent)
      return { unit: u.name, state: due && asOf <= due ? 'not-due' : 'missing', timing: null, file: null, received: null, errors: 0, warnings: 0 };
    const day = received.get(sent.file) ?? null;
    return {
      unit: u.name,
      state: sent.valid ? 'valid' : 'invalid',
      timing: due && day ? (day <= due ? 'on-time' : 'late') : null,
      file: sent.file,
      received: day,
      errors: sent.issues.filter((i) => i.severity === 'error').length,
      warnings: sent.issues.filter((i) => i.severity === 'warning').length,
    };
  });
  const count = (s: UnitState) => rows.filter((r) => r.state === s).length;
  return {
    template: def.id,
    period,
    asOf,
    due,
    units: rows,
    unread: reports.filter((r) => r.template === null).map((r) => ({ file: r.file, rule: r.issues[0]?.rule ?? '', message: r.issues[0]?.message ?? '' })),
    summary: { valid: count('valid'), invalid: count('invalid'), missing: count('missing'), 'not-due': count('not-due'), late: rows.filter((r) => r.timing === 'late').length },
  };
}

export const STATE_TEXT: Record<UnitState, string> = { valid: '通过', invalid: '不通过', missing: '缺报', 'not-due': '未到期未报' };
const TIMING_TEXT = { 'on-time': '按时', late: '逾期' } as const;

/** The status as a table, for the terminal, a workbook sheet or a print. */
export function statusTable(s: StatusReport): Table {
  const marks: NonNullable<Table['marks']> = [];
  const rows = s.units.map((u, r) => {
    if (u.state === 'missing' || u.state === 'invalid') marks.push({ row: r, column: 1, severity: 'error' });
    if (u.timing === 'late') marks.push({ row: r, column: 2, severity: 'warning' });
    return [u.unit, STATE_TEXT[u.state], u.timing ? TIMING_TEXT[u.timing] : '', u.received ? formatDateCn(u.received) : '', u.errors, u.warnings, u.file ?? ''];
  });
  return {
    columns: [
      { header: '单位', width: 22 },
      { header: '状态', width: 12 },
      { header: '报送', width: 8 },
      { header: '收到日期', width: 16 },
      { header: '错误', width: 8 },
      { header: '提示', width: 8 },
      { header: '文件', width: 60 },
    ],
    rows,
    marks,
  };
}
