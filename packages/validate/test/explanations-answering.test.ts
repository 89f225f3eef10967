import type { Issue } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { withExplanations } from '../src/index.ts';

/** Two warnings of one cell and rule, the nth of two each, as `ledger.carry.dropped` makes them where a cell drops two problems. */
const dropped = (nth: number): Issue => ({
  severity: 'warning',
  rule: 'ledger.carry.dropped',
  sheet: '问题台账',
  cell: 'C4',
  row: 4,
  column: 'C',
  message: `问题${nth + 1}本月未再列出`,
  explained: false,
  answer: { nth, of: 2, stale: '去年的说明' },
});

describe('an explanation given beside the workbook for a warning that says what answers it', () => {
  const explained = (text: string) => withExplanations([dropped(0), dropped(1)], [{ cell: 'C4', rule: 'ledger.carry.dropped', text }]).map((i) => i.explained);

  it('explains each of a cell’s warnings by its own numbered item', () => {
    expect(explained('1.已印发清单\n2.已建立台账')).toEqual([true, true]);
  });

  it('explains none by one undivided text, or by the stale one', () => {
    expect(explained('均已整改')).toEqual([false, false]);
    expect(explained('去年的说明')).toEqual([false, false]);
  });
});
