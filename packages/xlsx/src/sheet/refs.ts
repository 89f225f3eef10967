import { FileRefused } from '../inspect.ts';
import { attr } from './xml.ts';

/** Excel's last column (XFD) and last row: no reference goes past `XFD1048576`. */
export const MAX_COLUMN = 16384;
export const MAX_ROW = 1_048_576;

/**
 * A row's number by its start tag's attribute text: its `r`, or the one
 * after `prev` when it has none (as Excel reads it); NaN when `r` is no row
 * of a sheet (0, past the last row, not a number).
 */
export function rowNumber(attrs: string, prev: number): number {
  const r = attr(attrs, 'r');
  if (r === undefined) return prev + 1;
  const n = Number(r);
  return Number.isInteger(n) && n >= 1 && n <= MAX_ROW ? n : NaN;
}

/** The refusal of a reference past `XFD1048576` (or otherwise no cell), named as the file has it. */
export function badReference(sheet: string, what: string, ref: string): FileRefused {
  const shown = ref.length > 40 ? `${ref.slice(0, 40)}…` : ref;
  return new FileRefused(
    'file.corrupt',
    `文件已损坏：工作表「${sheet}」中的${what} ${shown} 超出 Excel 的范围（最大到 XFD${MAX_ROW}，即 ${MAX_COLUMN} 列、${MAX_ROW} 行）。请在 Excel/WPS 中打开后另存为 .xlsx 再提交`,
  );
}
