import { defaultUnits } from '@tianbao/form';
import { reviewLedger } from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { unitStatus, type FileReport } from '../src/index.ts';

/** A valid ledger of 修武县 for `period` (null: none found in the file), as `checkFile` reports it. */
const ledger = (file: string, period: string | null): FileReport => ({
  file,
  template: reviewLedger.id,
  detectedBy: null,
  sheet: '台账',
  unit: '修武县',
  period,
  valid: true,
  issues: [],
});

describe('a unit\'s files in unitStatus', () => {
  it('received at the same time, lists the later months first, whatever the order of their names', () => {
    // As a folder lists them: by name, 10月 before 2月.
    const months = ['2023-01', '2023-10', '2023-11', '2023-12', '2023-02', '2023-06'];
    const reports = [...months.map((m) => ledger(`修武县${m}.xlsx`, m)), ledger('修武县台账.xlsx', null)];
    const received = new Map(reports.map((r) => [r.file, '2023-12-20T09:00:00+08:00']));
    const { units } = unitStatus(reviewLedger, '2023-06', reports, received, defaultUnits, '2023-12-31');
    const files = units.find((u) => u.unit === '修武县')!.files;
    // The period's own first, judged; then the other months, the latest first, the one of no month as of the period.
    expect(files.map((f) => [f.period, f.use])).toEqual([
      ['2023-06', 'judged'],
      ['2023-12', 'other-period'],
      ['2023-11', 'other-period'],
      ['2023-10', 'other-period'],
      [null, 'same-time'],
      ['2023-02', 'other-period'],
      ['2023-01', 'other-period'],
    ]);
  });

  it('received at different times, lists the latest received first, whatever its month', () => {
    const reports = [ledger('a.xlsx', '2023-05'), ledger('b.xlsx', '2023-06'), ledger('c.xlsx', '2023-04')];
    const received = new Map([
      ['a.xlsx', '2023-07-01T09:00:00+08:00'],
      ['b.xlsx', '2023-06-20T09:00:00+08:00'],
      ['c.xlsx', '2023-07-02T09:00:00+08:00'],
    ]);
    const { units } = unitStatus(reviewLedger, '2023-06', reports, received, defaultUnits, '2023-07-05');
    expect(units.find((u) => u.unit === '修武县')!.files.map((f) => f.file)).toEqual(['b.xlsx', 'c.xlsx', 'a.xlsx']);
  });
});
