import { describe, expect, it } from 'vitest';
import { typedValue } from '../src/sheet/cells.ts';

const src = { strings: [], dates: [], date1904: false };
/** A `t="d"` cell's value, as `cellText` shows dates: its UTC fields. */
const iso = (v: string) => (typedValue('d', 0, v, src) as Date | null)?.toISOString() ?? null;

// Run in three time zones (test/vitest.config.ts): the written day never moves.
describe('a t="d" value is the calendar date and time written in it', () => {
  it('reads a midnight as that day', () => {
    expect(iso('2023-07-31T00:00:00')).toBe('2023-07-31T00:00:00.000Z');
    expect(iso('2023-08-31')).toBe('2023-08-31T00:00:00.000Z');
  });

  it('keeps the time of day and its fraction', () => {
    expect(iso('2023-07-31T23:59:59.5')).toBe('2023-07-31T23:59:59.500Z');
    expect(iso('2023-07-31 08:30')).toBe('2023-07-31T08:30:00.000Z');
  });

  it('does not apply a zone written after it', () => {
    expect(iso('2023-07-31T00:00:00Z')).toBe('2023-07-31T00:00:00.000Z');
    expect(iso('2023-07-31T00:00:00+08:00')).toBe('2023-07-31T00:00:00.000Z');
  });

  it('reads what is no date as its text, for the column to judge, not as nothing', () => {
    for (const v of ['2023-02-30', '31/07/2023', '2023-07-31T25:00:00']) expect(typedValue('d', 0, v, src)).toBe(v);
  });
});
