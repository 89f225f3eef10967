import { displayWidth } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import type { FileReport } from '../src/check.ts';
import { formatText, summarize } from '../src/report.ts';

const issue = (cell: string | null, severity: 'error' | 'warning', explained = false) => ({
  severity,
  rule: 'ledger.x',
  sheet: '问题台账',
  cell,
  row: null,
  column: null,
  message: `信息${cell ?? ''}`,
  explained,
});

describe('the text report', () => {
  it('lines its columns up by display width, a Chinese character taking two columns', () => {
    const file: FileReport = {
      file: '修武县.xlsx',
      template: 'review-ledger',
      detectedBy: 'title',
      sheet: '问题台账',
      unit: '修武县',
      period: '2023-06',
      valid: false,
      issues: [issue(null, 'warning'), issue('E4', 'error'), issue('D5', 'warning', true), issue('AB123', 'warning')],
    };
    const lines = formatText(summarize([file])).split('\n').slice(1, -1);
    // Each message starts at the same column on the screen.
    const starts = lines.map((l) => displayWidth(l.slice(0, l.indexOf('信息'))));
    expect(starts).toEqual([starts[0], starts[0], starts[0], starts[0]]);
    expect(lines[2]).toBe('  D5     已说明  信息D5  [ledger.x]');
    expect(lines[1]).toBe('  E4     错误    信息E4  [ledger.x]');
  });
});
