import type { CellValue } from '@tianbao/form';
import { badReference, columnNumber, MAX_COLUMN, MAX_ROW } from './refs.ts';

/** A merged range, by row and column numbers. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * No real sheet merges anywhere near this many cells; in a file that claims
 * to, spreading stops there, so a crafted range cannot cost unbounded time.
 */
const MAX_SPREAD = 2_000_000;

/**
 * A sheet's merged ranges, from the `ref` of each `<mergeCell>`: `B3:C5` →
 * rows 3–5, columns 2–3. A range reaching past `XFD1048576` is refused, named,
 * before anything is made of it.
 */
export function parseMerges(refs: readonly string[], sheet: string): Merge[] {
  const out: Merge[] = [];
  for (const ref of refs) {
    const m = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
    if (!m) {
      if (/^\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+$/i.test(ref)) throw badReference(sheet, '合并单元格', ref);
      continue;
    }
    const [top, bottom] = [Number(m[2]), Number(m[4])].sort((a, b) => a - b) as [number, number];
    const [left, right] = [columnNumber(m[1]!), columnNumber(m[3]!)].sort((a, b) => a - b) as [number, number];
    if (right > MAX_COLUMN || bottom > MAX_ROW || top < 1) throw badReference(sheet, '合并单元格', ref);
    if (top !== bottom || left !== right) out.push({ top, left, bottom, right });
  }
  return out.sort((a, b) => a.top - b.top);
}

/**
 * Merged cells as Excel (and exceljs) show them: every cell of a range holds
 * the value of its first cell. Fed the rows of a sheet in order, `spread`
 * gives each row's cells so; a row no range touches is given back as it is.
 */
export class MergeSpread {
  private next = 0;
  private active: { m: Merge; value: CellValue | undefined }[] = [];
  private work = 0;

  constructor(private readonly merges: readonly Merge[]) {}

  spread(r: number, cells: CellValue[]): CellValue[] {
    if (!this.merges.length || this.work > MAX_SPREAD) return cells;
    if (this.active.length) this.active = this.active.filter((a) => a.m.bottom >= r);
    for (; this.next < this.merges.length && this.merges[this.next]!.top <= r; this.next++) {
      const m = this.merges[this.next]!;
      // A range whose first row is missing from the sheet holds nothing.
      if (m.bottom >= r) this.active.push({ m, value: m.top === r ? cells[m.left] : undefined });
    }
    if (!this.active.length) return cells;
    // Each range still open costs at least one step a row, so keeping the list of them is paid for too.
    this.work += this.active.length;
    const out = cells.slice();
    for (const { m, value } of this.active)
      for (let c = m.left; c <= m.right && this.work <= MAX_SPREAD; c++) {
        if (r === m.top && c === m.left) continue;
        this.work++;
        if (value === undefined) delete out[c];
        else out[c] = value;
      }
    return out;
  }
}
