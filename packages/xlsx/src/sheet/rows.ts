import type { CellValue } from '@tianbao/form';
import { FileRefused, LIMITS } from '../inspect.ts';
import { cellAttrs, cellValue, columnNumber, inlineValue, typedValue, type CellSource } from './cells.ts';
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
/** What the quick scan of a row does not take: prefixed elements, attributes in single quotes or over lines. */
const UNUSUAL = /:c[\s>/]|['\t\n\r]/;

function rowCells(body: string, src: CellSource): CellValue[] {
  return UNUSUAL.test(body) ? matchCells(body, src) : scanCells(body, src);
}

/** Any row, by the general pattern. */
function matchCells(body: string, src: CellSource): CellValue[] {
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

/**
 * A row as Excel, WPS, LibreOffice and the libraries write it
 * (`<c r="B5" s="3" t="s"><v>12</v></c>`), read by position: most of a
 * checked sheet's time is spent here.
 */
function scanCells(s: string, src: CellSource): CellValue[] {
  const cells: CellValue[] = [];
  let col = 0;
  for (let i = s.indexOf('<c'); i >= 0; ) {
    const after = s.charCodeAt(i + 2);
    // `<c ` or `<c>` or `<c/>`, not another element starting with c.
    if (after !== 32 && after !== 62 && after !== 47) {
      i = s.indexOf('<c', i + 2);
      continue;
    }
    const gt = s.indexOf('>', i);
    if (gt < 0) break;
    const closed = s.charCodeAt(gt - 1) === 47;
    const end = closed ? gt : s.indexOf('</c>', gt);
    if (end < 0) break;
    const ref = valueAt(s, ' r="', i, gt);
    col = ref >= 0 ? columnNumber(s, ref) : col + 1;
    if (!closed) {
      const t = valueAt(s, ' t="', i, gt);
      const type = t >= 0 ? s.slice(t, s.indexOf('"', t)) : undefined;
      const v = type === 'inlineStr' ? inline(s, gt, end) : plainV(s, gt, end, type, valueAt(s, ' s="', i, gt), src);
      if (v !== null) cells[col] = v;
    }
    i = s.indexOf('<c', end);
  }
  return cells;
}

/** Where the value of the attribute that `start` (` r="`) opens begins, inside a tag from `from` to `to`; -1 if absent. */
function valueAt(s: string, start: string, from: number, to: number): number {
  const at = s.indexOf(start, from);
  return at >= 0 && at < to ? at + start.length : -1;
}

function inline(s: string, from: number, end: number): CellValue {
  const open = s.indexOf('<is>', from);
  const close = open >= 0 ? s.indexOf('</is>', open) : -1;
  return close >= 0 && close <= end ? inlineValue(s.slice(open + 4, close)) : null;
}

function plainV(s: string, from: number, end: number, type: string | undefined, style: number, src: CellSource): CellValue {
  let open = s.indexOf('<v', from);
  if (open < 0 || open >= end) return null;
  open = s.indexOf('>', open) + 1;
  if (s.charCodeAt(open - 2) === 47) return null;
  const close = s.indexOf('</v>', open);
  if (close < 0 || close > end) return null;
  return typedValue(type, style >= 0 ? styleAt(s, style) : 0, s.slice(open, close), src);
}

function styleAt(s: string, at: number): number {
  let n = 0;
  for (let c = s.charCodeAt(at); c >= 48 && c <= 57; c = s.charCodeAt(++at)) n = n * 10 + c - 48;
  return n;
}
