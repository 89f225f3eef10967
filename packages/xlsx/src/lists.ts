import type ExcelJS from 'exceljs';

export const LISTS_SHEET = '_lists';

/**
 * The values of every dropdown, one column each on a hidden sheet. A list
 * written inline is limited to 255 characters; a range has no such limit.
 */
export class DropdownLists {
  private columns: (readonly string[])[] = [];

  /** The range formula for a list of values, shared when two columns use the same list. */
  rangeFor(values: readonly string[]): string {
    let i = this.columns.findIndex((c) => c.length === values.length && c.every((v, k) => v === values[k]));
    if (i < 0) i = this.columns.push(values) - 1;
    const letter = columnLetter(i + 1);
    return `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${values.length}`;
  }

  /** Write the lists, if any, to their hidden sheet. */
  addTo(wb: ExcelJS.Workbook): void {
    if (this.columns.length === 0) return;
    const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    this.columns.forEach((values, c) => values.forEach((v, r) => (ws.getCell(r + 1, c + 1).value = v)));
  }
}

export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
