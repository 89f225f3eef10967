// A submission's sheet as the page draws it: its cells read in the checker's child process, each flagged
// cell coloured with its messages beside it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '@tianbao/form';
import { sheetCells, type SheetCells } from '@tianbao/validate';
import { columnLetter } from '@tianbao/xlsx/read';
import type { Checker } from '../upload-check.ts';

/** The most of a sheet drawn: a ledger is a few dozen rows; a list past this is better read in its marked-up copy. */
export const DRAWN = { maxRows: 1000, maxColumns: 60 };

/** A note beside a cell. */
export interface CellNote {
  label: '错误' | '提示' | '已说明';
  message: string;
}

export interface DrawnCell {
  ref: string;
  text: string;
  cls: string;
  rowspan: number;
  colspan: number;
  notes: CellNote[];
}

export interface DrawnSheet {
  name: string;
  columns: string[];
  rows: { r: number; cells: DrawnCell[] }[];
  cut: boolean;
  maxRows: number;
  maxColumns: number;
}

export const noteOf = (i: Issue): CellNote => ({ label: i.severity === 'error' ? '错误' : i.explained ? '已说明' : '提示', message: i.message });

/** The class of a cell by its worst finding: an error, a warning not explained, or explained ones only (besides `whole`: see `SHORT`). */
function flagOf(issues: Issue[]): string {
  if (issues.some((i) => i.severity === 'error')) return 'flag-error';
  if (issues.some((i) => !i.explained)) return 'flag-warning';
  return issues.length ? 'flag-explained' : '';
}

/**
 * The sheet drawn with `issues` on their cells: the table reaches as far as the sheet's values or the cells
 * flagged, within `DRAWN`; a merged range is one cell.
 */
export function drawSheet(cells: SheetCells, issues: Issue[]): DrawnSheet {
  const byCell = new Map<string, Issue[]>();
  for (const i of issues) if (i.cell && i.row !== null) byCell.set(i.cell, [...(byCell.get(i.cell) ?? []), i]);
  const flagged = issues.filter((i) => i.row !== null && i.row <= DRAWN.maxRows && columnOf(i.column) <= DRAWN.maxColumns);
  const width = Math.max(cells.width, ...flagged.map((i) => columnOf(i.column)));
  const height = Math.max(cells.rows.length, ...flagged.map((i) => i.row!));
  const covered = new Set<string>();
  const span = new Map<string, { rowspan: number; colspan: number }>();
  for (const m of cells.merges) {
    span.set(`${m.top}:${m.left}`, { rowspan: m.bottom - m.top + 1, colspan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  const rows: DrawnSheet['rows'] = [];
  for (let r = 1; r <= height; r++) {
    const drawn: DrawnCell[] = [];
    for (let c = 1; c <= width; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const ref = `${columnLetter(c)}${r}`;
      const found = byCell.get(ref) ?? [];
      const text = cells.rows[r - 1]?.[c - 1] ?? '';
      const cls = [flagOf(found), short(text) ? 'whole' : ''].filter(Boolean).join(' ');
      drawn.push({ ref, text, cls, ...(span.get(`${r}:${c}`) ?? { rowspan: 1, colspan: 1 }), notes: found.map(noteOf) });
    }
    rows.push({ r, cells: drawn });
  }
  return { name: cells.sheet, columns: Array.from({ length: width }, (_, i) => columnLetter(i + 1)), rows, cut: cells.cut, ...DRAWN };
}

/**
 * Characters of a line kept whole: a code, a number, a date, a short name; the table scrolls sideways rather
 * than break them. A cell of such lines (a ledger's `1.2023年8月31日`, `2.持续推进`) is kept as it is.
 */
const SHORT = 20;
const short = (text: string) => text.length > 0 && text.split('\n').every((line) => line.length <= SHORT);

/** `E` → 5; a finding without a column → 0. */
function columnOf(column: string | null): number {
  let n = 0;
  for (const ch of column ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * The cells of `sheet` in an upload's bytes, read by the checker's child program: this process never opens
 * the file. However many pages are asked for, the sheets are read a child at a time, in the checker's pool.
 */
export async function uploadedCells(bytes: Buffer, sheet: string, checker: Checker): Promise<SheetCells | null> {
  const dir = await mkdtemp(join(tmpdir(), 'tianbao-sheet-'));
  try {
    const file = join(dir, 'upload.xlsx');
    await writeFile(file, bytes);
    return await sheetCells(file, sheet, checker, DRAWN);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
