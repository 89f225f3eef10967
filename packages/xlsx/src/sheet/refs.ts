import { attr } from './xml.ts';
import { FileRefused, RESAVE } from '../file-rules.ts';

/** Excel's last column (XFD) and last row: no reference goes past `XFD1048576`. */
export const MAX_COLUMN = 16384;
export const MAX_ROW = 1_048_576;

/** Filled in by `cellRef` for each reference in turn: one object, not one a cell. */
const REF = { column: 0, row: 0 };

/**
 * The column and row of the cell reference starting at `at` (`AB12` → 28, 12;
 * letters alone give row 0). Reading stops past Excel's last column or row,
 * so a crafted run of letters or digits costs nothing: either is then more
 * than MAX_COLUMN or MAX_ROW.
 */
export function cellRef(s: string, at = 0): Readonly<typeof REF> {
  let col = 0;
  let p = at;
  for (let c = s.charCodeAt(p); c >= 65 && c <= 90 && col <= MAX_COLUMN; c = s.charCodeAt(++p)) col = col * 26 + c - 64;
  let row = 0;
  for (let c = s.charCodeAt(p); c >= 48 && c <= 57 && row <= MAX_ROW; c = s.charCodeAt(++p)) row = row * 10 + c - 48;
  REF.column = col;
  REF.row = row;
  return REF;
}

/** The column number of a reference starting at `at`: `AB12` → 28. */
export const columnNumber = (ref: string, at = 0): number => cellRef(ref, at).column;

/** 28 → `AB`. */
export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A row's number by its start tag's attribute text: its `r`, or the one
 * after `prev` when it has none (as Excel reads it); NaN when `r` is no row
 * of a sheet (0, past the last row, not a number).
 */
export function rowNumber(attrs: string, prev: number): number {
  // ` r="12"` first, as every writer has it, read without cutting a string for each row.
  if (attrs.startsWith(' r="')) {
    let n = 0;
    let p = 4;
    for (let c = attrs.charCodeAt(p); c >= 48 && c <= 57 && p < 12; c = attrs.charCodeAt(++p)) n = n * 10 + c - 48;
    if (p > 4 && p < 12 && attrs.charCodeAt(p) === 34) return n >= 1 && n <= MAX_ROW ? n : NaN;
  }
  const r = attr(attrs, 'r', false);
  if (r === undefined) return prev + 1;
  const n = Number(r);
  return Number.isInteger(n) && n >= 1 && n <= MAX_ROW ? n : NaN;
}

/** The refusal of a reference past `XFD1048576` (or otherwise no cell), named as the file has it; `row`: the row it was found in. */
export function badReference(sheet: string, what: string, ref: string, row?: number): FileRefused {
  const shown = ref.length > 40 ? `${ref.slice(0, 40)}…` : ref;
  return new FileRefused(
    'file.corrupt',
    `文件已损坏：工作表「${sheet}」中的${what} ${shown} 超出 Excel 的范围（最大到 XFD${MAX_ROW}，即 ${MAX_COLUMN} 列、${MAX_ROW} 行）。${RESAVE}`,
    row === undefined ? { sheet } : { sheet, row },
  );
}
