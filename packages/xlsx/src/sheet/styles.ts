/**
 * Built-in number formats that show a date (ECMA-376 §18.8.30), with the East
 * Asian ones as a Chinese Excel or WPS shows them (`yyyy"年"m"月"d"日"` is 31).
 * The time-only built-ins (18–21, 32–35, 45–47, 55–56) show no date, and
 * are left out.
 */
const BUILT_IN: Record<number, string> = {
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/**
 * Whether a number format shows a date: outside quoted text and brackets, a
 * year or day letter, or a month (`m`) with no hour or second beside it (an
 * `m` among `h` and `s` is minutes, and a format of time alone is no date).
 */
export function isDateFormat(id: number, custom: ReadonlyMap<number, string>): boolean {
  if (!id) return false;
  const code = custom.get(id) ?? BUILT_IN[id];
  if (!code) return false;
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[yd]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}
