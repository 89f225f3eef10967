// A sheet's cells as text, for drawing it as a table: read in the child program, so that the process that
// shows them (the portal) never opens an upload itself.
import { formatDateCn } from '@tianbao/form';
import { openWorkbook, type Book } from '@tianbao/xlsx/read';

/** What the child's `sheetCells` method is given: a file, the sheet to draw, and how much of it. */
export interface SheetCellsTask {
  file: string;
  sheet: string;
  maxRows: number;
  maxColumns: number;
}

/** A range of cells shown as one, by row and column numbers (1-based). */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The first rows and columns of a sheet, each cell as a clerk sees its text (a date as the forms print it: `2024年9月30日`). */
export interface SheetCells {
  sheet: string;
  /** Columns drawn: `A` to the last that holds a value within `maxColumns`. */
  width: number;
  /** Rows 1 to the last that holds a value within `maxRows`, each cell's text by column (index 0 = A; '' for an empty cell). */
  rows: string[][];
  merges: MergedRange[];
  /** Rows or columns with values were left out past `maxRows` / `maxColumns`. */
  cut: boolean;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? formatDateCn(v.toISOString().slice(0, 10)) : String(v));

/** The sheet named, read row by row, in the child program (the parent asks with `sheetCells`); null when the workbook has no such sheet. */
export async function readSheetCells(task: SheetCellsTask): Promise<SheetCells | null> {
  const wb = await openWorkbook(task.file);
  const part = wb.book.sheets.find((s) => s.name === task.sheet);
  if (!part) return null;
  const filled = new Map<number, string[]>();
  let width = 0;
  let cut = false;
  for await (const row of wb.book.rows(part, undefined, true)) {
    const last = lastFilled(row.cells);
    if (last === 0) continue;
    if (row.r > task.maxRows || last > task.maxColumns) cut = true;
    if (row.r > task.maxRows) break;
    width = Math.max(width, Math.min(last, task.maxColumns));
    filled.set(row.r, Array.from({ length: Math.min(last, task.maxColumns) }, (_, i) => text(row.cells[i + 1])));
  }
  const height = Math.max(0, ...filled.keys());
  return {
    sheet: part.name,
    width,
    rows: Array.from({ length: height }, (_, i) => {
      const cells = filled.get(i + 1) ?? [];
      return [...cells, ...Array<string>(width - cells.length).fill('')];
    }),
    merges: mergesWithin(wb.book, part, height, width),
    cut,
  };
}

/** The last column holding a value (cells are by column number, 1 = A). */
function lastFilled(cells: unknown[]): number {
  for (let c = cells.length - 1; c > 0; c--) if (text(cells[c]) !== '') return c;
  return 0;
}

/** The merged ranges that start within the rows and columns drawn, cut to them. */
function mergesWithin(book: Book, part: Book['sheets'][number], lastRow: number, width: number): MergedRange[] {
  return book
    .merges(part)
    .filter((m) => m.top <= lastRow && m.left <= width)
    .map((m) => ({ top: m.top, left: m.left, bottom: Math.min(m.bottom, lastRow), right: Math.min(m.right, width) }));
}
