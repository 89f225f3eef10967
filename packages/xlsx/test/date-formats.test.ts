import { describe, expect, it } from 'vitest';
import { isDateFormat } from '../src/sheet/styles.ts';

const none = new Map<number, string>();
const custom = (code: string) => isDateFormat(176, new Map([[176, code]]));

describe('which number formats show a date', () => {
  it('the built-in date formats, the East Asian ones included', () => {
    for (const id of [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]) expect(isDateFormat(id, none), `${id}`).toBe(true);
  });

  it('not the built-in formats of a time alone, nor of numbers', () => {
    for (const id of [0, 1, 2, 9, 10, 11, 18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 49, 55, 56]) expect(isDateFormat(id, none), `${id}`).toBe(false);
  });

  it('custom formats by what they show: a year, a day or a month', () => {
    expect(custom('yyyy"年"m"月"d"日"')).toBe(true);
    expect(custom('[DBNum1][$-804]yyyy"年"m"月"')).toBe(true);
    expect(custom('mmmm')).toBe(true);
    expect(custom('h"时"mm"分"')).toBe(false);
    expect(custom('[h]:mm:ss')).toBe(false);
    expect(custom('0.00E+00')).toBe(false);
    expect(custom('"第"0"天"')).toBe(false);
    expect(custom('General')).toBe(false);
  });
});
