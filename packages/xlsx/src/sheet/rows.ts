import type { CellValue } from '@tianbao/form';
import { FileRefused, LIMITS } from '../inspect.ts';
import { cellAttrs, cellValue, columnNumber, type CellSource } from './cells.ts';
import { elementPattern, streamElements } from './elements.ts';
import { attr } from './xml.ts';

/** One row of a sheet: its number and its values by column number (1 = A); empty cells are holes. */
export interface Row {
  r: number;
  cells: CellValue[];
}

/**
 * A sheet's rows in order, read from its XML as it inflates. Rows and cells
 * without an `r` attribute follow the one before, as Excel does.
 */
export async function* sheetRows(chunks: AsyncIterable<string>, src: CellSource, sheet: string): AsyncGenerator<Row> {
  let r = 0;
  for await (const row of streamElements(chunks, 'row')) {
    r = Number(attr(row.attrs, 'r')) || r + 1;
    if (r > LIMITS.rows) throw new FileRefused('file.too-many-rows', `工作表「${sheet}」超过可检查的上限 ${LIMITS.rows} 行，未检查；请按单位拆分后提交`);
    yield { r, cells: rowCells(row.body, src) };
  }
}

const CELL = elementPattern('c');

function rowCells(body: string, src: CellSource): CellValue[] {
  const cells: CellValue[] = [];
  let col = 0;
  CELL.lastIndex = 0;
  for (let m = CELL.exec(body); m; m = CELL.exec(body)) {
    const { r, s, t } = cellAttrs(m[1] ?? '');
    col = r ? columnNumber(r) : col + 1;
    const v = cellValue(t, s, m[2] ?? '', src);
    if (v !== null) cells[col] = v;
  }
  return cells;
}
