import { describe, expect, it } from 'vitest';
import { formatDateCn, readDate, serialDate } from '../src/dates.ts';
import { date } from '../src/index.ts';

const deadline = date({ example: '2024年6月30日' });
const at = (header: string) => ({ header });

describe('readDate', () => {
  it.each([
    ['2023年7月31日', '2023-07-31'],
    ['2023-07-31', '2023-07-31'],
    ['2023.7.31', '2023-07-31'],
    ['2023/7/31', '2023-07-31'],
    ['20230731', '2023-07-31'],
    ['２０２３年７月３１日', '2023-07-31'],
    ['2023年 7月 31日前', '2023-07-31'],
    ['45138', '2023-07-31'],
  ])('reads %s', (text, iso) => {
    expect(readDate(text)).toEqual({ ok: true, iso });
  });

  it('takes the year of a month-and-day date from the period', () => {
    expect(readDate('7月31日前', 2023)).toEqual({ ok: true, iso: '2023-07-31' });
    expect(readDate('7月31日前')).toEqual({ ok: false, problem: 'missing-year' });
    expect(readDate('9月底', 2023)).toEqual({ ok: true, iso: '2023-09-30' });
  });

  it('reads Excel serials and dates', () => {
    expect(readDate(45138)).toEqual({ ok: true, iso: '2023-07-31' });
    expect(readDate(new Date(Date.UTC(2023, 6, 31)))).toEqual({ ok: true, iso: '2023-07-31' });
  });

  it('tells an impossible date from an unreadable one', () => {
    expect(readDate('2023年13月5日')).toEqual({ ok: false, problem: 'invalid' });
    expect(readDate('2023年2月29日')).toEqual({ ok: false, problem: 'invalid' });
    expect(readDate('尽快')).toEqual({ ok: false, problem: 'unparsable' });
  });

  it('formats as printed', () => {
    expect(formatDateCn('2023-07-01')).toBe('2023年7月1日');
  });

  it('counts serials from 1904 when the workbook says so', () => {
    // 45291 is 2023-12-31 in the 1900 system, 2028-01-01 in the 1904 one.
    expect(readDate(45291)).toEqual({ ok: true, iso: '2023-12-31' });
    expect(readDate(45291, undefined, true)).toEqual({ ok: true, iso: '2028-01-01' });
    expect(readDate('43829', undefined, true)).toEqual({ ok: true, iso: '2023-12-31' });
  });
});

describe('serialDate', () => {
  it('gives the day and time a serial stands for, in either day system, whatever the zone', () => {
    expect(serialDate(45138.5).toISOString()).toBe('2023-07-31T12:00:00.000Z');
    expect(serialDate(43676, true).toISOString()).toBe('2023-07-31T00:00:00.000Z');
    // 1900-03-01: past Excel's phantom 1900-02-29.
    expect(serialDate(61).toISOString()).toBe('1900-03-01T00:00:00.000Z');
    expect(readDate(45138.99)).toEqual({ ok: true, iso: '2023-07-31' });
  });
});

// The date cell (the other cells, which hold no date, are tested in China's zone only: cells.test.ts).
describe('date', () => {
  it.each([
    [new Date(Date.UTC(2024, 5, 30)), '2024-06-30'],
    ['2024/6/30', '2024-06-30'],
    ['2024年6月30日', '2024-06-30'],
    ['２０２４年６月３０日', '2024-06-30'],
    [45473, '2024-06-30'],
  ])('reads %j', (raw, iso) => {
    expect(deadline.read(raw, at('完成时限'))).toEqual({ value: iso, problems: [] });
  });

  it('refuses what is not a date', () => {
    for (const raw of ['尽快', '2024年2月30日']) {
      const r = deadline.read(raw, at('完成时限'));
      expect(r.value).toBeUndefined();
      expect(r.problems.map((p) => p.kind)).toEqual(['unparsable']);
      expect(r.problems[0]!.message).toContain('2024年6月30日');
    }
    expect(deadline.read(null, at('完成时限'))).toEqual({ value: undefined, problems: [] });
    expect(date({ example: 'x', required: true }).read(' ', at('完成时限')).problems.map((p) => p.kind)).toEqual(['missing']);
  });

  it('writes a date cell at midnight UTC, which reads back as the same day', () => {
    const cell = deadline.write('2024-06-30');
    expect(cell).toBeInstanceOf(Date);
    expect((cell as Date).toISOString()).toBe('2024-06-30T00:00:00.000Z');
    expect(deadline.read(cell, at('完成时限')).value).toBe('2024-06-30');
    expect(deadline.write(undefined)).toBeNull();
    expect(deadline.entry).toEqual({ type: 'date' });
  });
});

describe('the time zone the tests run in', () => {
  // npm test runs these files in several zones (test/vitest.config.ts): each run must really be in its zone.
  const OFFSETS: Record<string, number> = { 'Asia/Shanghai': -480, UTC: 0, 'America/Los_Angeles': 480 };

  it('is the one its project names, and dates are read the same in it', () => {
    const zone = process.env.TZ!;
    expect(Object.keys(OFFSETS)).toContain(zone);
    // Mid-January: standard time everywhere.
    expect(new Date(2023, 0, 15).getTimezoneOffset()).toBe(OFFSETS[zone]);
    expect(readDate('2023年7月31日')).toMatchObject({ ok: true, iso: '2023-07-31' });
  });
});
