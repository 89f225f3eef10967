import { describe, expect, it } from 'vitest';
import { textKey } from '../src/text.ts';
import { defaultUnits, findUnit } from '../src/units.ts';
import { periodFromFileName } from '../src/period.ts';

describe('text and units', () => {
  it('compares labels however they were typed', () => {
    expect(textKey(' 完成 时限 ')).toBe('完成时限');
    expect(textKey('XX县(市、区)')).toBe(textKey('XX县（市、区）'));
  });

  it('finds units by name or alias, with stray spaces', () => {
    expect(findUnit(defaultUnits, '修 武县')?.code).toBe('410821');
    expect(findUnit(defaultUnits, '示范区')?.name).toBe('焦作市城乡一体化示范区');
    expect(findUnit(defaultUnits, '开封县')).toBeUndefined();
  });

  it('reads the period from a file name', () => {
    expect(periodFromFileName('修武县2023年6月问题台账.xlsx')).toBe('2023-06');
    expect(periodFromFileName('ledger-2023-06.xlsx')).toBe('2023-06');
    expect(periodFromFileName('修武县202306.xlsx')).toBe('2023-06');
    expect(periodFromFileName('修武县问题台账.xlsx')).toBeUndefined();
  });
});
