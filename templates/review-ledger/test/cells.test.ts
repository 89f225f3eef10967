import { describe, expect, it } from 'vitest';
import { deadlines, items } from '../src/cells.ts';

const ctx = { header: '完成时限', year: 2023 };

describe('deadlines (完成时限)', () => {
  it('reads one date, one per item, and the ongoing terms', () => {
    expect(deadlines.read('2023年7月31日', ctx)).toEqual({ value: ['2023-07-31'], problems: [] });
    expect(deadlines.read('1.7月底\n2.长期坚持\n3.2023.9.30', ctx).value).toEqual(['2023-07-31', '长期坚持', '2023-09-30']);
    expect(deadlines.read(45138, ctx).value).toEqual(['2023-07-31']);
    expect(deadlines.read(new Date('2023-07-31T00:00:00Z'), ctx).value).toEqual(['2023-07-31']);
  });

  it('names what it cannot read, and a date without a year when no month is known', () => {
    expect(deadlines.read('2023-02-30', ctx).problems).toEqual([{ kind: 'unparsable', message: '完成时限「2023-02-30」不是有效日期，请填写如 2023年7月31日' }]);
    expect(deadlines.read('尽快', ctx).problems[0]!.message).toBe('完成时限「尽快」无法识别为日期，请填写如 2023年7月31日，或填写“长期坚持”“持续推进”');
    expect(deadlines.read('7月31日', { header: '完成时限' }).problems[0]!.kind).toBe('missing-year');
  });

  it('writes one time limit as it is, several numbered, and each line prints whole', () => {
    expect(deadlines.write(['2023-07-31'])).toBe('2023年7月31日');
    expect(deadlines.write(['2023-07-31', '持续推进'])).toBe('1.2023年7月31日\n2.持续推进');
    expect(deadlines.wholeLines).toBe(true);
  });
});

describe('items (存在问题、改进措施)', () => {
  it('reads a cell into its items and writes them back numbered', () => {
    expect(items.read('1、甲\n2、乙', ctx).value).toEqual(['甲', '乙']);
    expect(items.write(['甲', '乙'])).toBe('1.甲\n2.乙');
  });
});
