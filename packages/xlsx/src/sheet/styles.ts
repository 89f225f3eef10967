/** Built-in number formats that show a date or time (ECMA-376 §18.8.30), as exceljs knows them. */
const BUILT_IN: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/**
 * Whether a number format shows a date: a date or time letter outside quoted
 * text and brackets. The built-in CJK date formats (27–36, 50–58) are not
 * counted, as exceljs does not count them; a date column reads their serials
 * itself.
 */
export function isDateFormat(id: number, custom: ReadonlyMap<number, string>): boolean {
  if (!id) return false;
  const code = custom.get(id) ?? BUILT_IN[id];
  if (!code) return false;
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}
