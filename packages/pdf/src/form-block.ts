import { bodyRows, creditCode, deadlines, displayText, infoLineFor, titleFor, type Column, type FormDefinition } from '@tianbao/form';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { textLines } from './column-widths.ts';
import { HEADING } from './fonts.ts';
import { bodyLineHeight } from './measure.ts';
import { cellPieces, freeLine, type Piece } from './pieces.ts';
import { TABLE_LINE_HEIGHT, cellLayout, paddingY, sizedTable, type TextStyle } from './sized-table.ts';

/**
 * A column whose every line is one value, never broken: the row number, a
 * list value, a number, a date, a code, a credit code, the time limits one a line.
 * Other text breaks between characters, but not inside a date, code or number in it.
 */
const printsWhole = (col: Column) =>
  !!col.serial || col.cell?.entry !== undefined || !!col.cell?.textFormat || col.cell === creditCode || col.cell === deadlines;

const TITLE = { size: 22, lineHeight: 1.2, below: 12 };

export function titleBlock(text: string): Content {
  return { text, font: HEADING, bold: true, fontSize: TITLE.size, alignment: 'center', lineHeight: TITLE.lineHeight, margin: [0, 0, 0, TITLE.below] };
}

/** Estimated height in points of a text set across the page: `size` and `lineHeight` as set, broken as a table cell's free text. */
function textHeight(text: string, style: TextStyle, size = style.fontSize, lineHeight = style.lineHeight, bold = false): number {
  const lines = textLines(text.split('\n').map(freeLine), style.usable, (t) => style.measure(t, size, bold));
  return lines * size * bodyLineHeight() * lineHeight;
}

/**
 * The form itself: title, info line, table, fields, notes; and its estimated
 * height in points, to choose a size that prints it on one page before laying it out.
 */
export function formBlock(def: FormDefinition<any>, data: Record<string, any>, style: TextStyle, pageHeight: number): { content: Content[]; height: number } {
  const { layout } = def;
  const rows = bodyRows(layout, data).map(({ fixed, values }, i) =>
    layout.columns.map((col): Piece[][] => {
      if (col.serial) return cellPieces(String(i + 1), true);
      if (!col.cell) return cellPieces(fixed?.fixed[col.key] ?? '', false);
      const value = values[col.key];
      return cellPieces(value === undefined || value === null ? '' : displayText(col.cell.write(value)), printsWhole(col));
    }),
  );
  const table = sizedTable(
    layout.columns.map((c) => c.header),
    rows,
    style,
    !layout.rows,
  );
  const { fontSize, widths, header, heights } = table;
  const cells: TableCell[][] = table.body.map((row) =>
    row.map((cell, c): TableCell => {
      const col = layout.columns[c]!;
      if (col.serial) return { ...cell, alignment: 'center' };
      return col.cell ? cell : { ...cell, alignment: 'justify' };
    }),
  );
  mergeDown(def, cells, table);
  const title = titleFor(layout, data.unit ?? layout.placeholder);
  const info = layout.infoLine && (data.filler || data.reportDate) ? infoLineFor(data) : undefined;
  const fields = (layout.fields?.items ?? []).map((f) => {
    const v = data[f.key];
    return `${f.label}：${v === undefined || v === null ? '' : displayText(f.cell.write(v))}`;
  });
  // Fields and notes: the first after a gap.
  const after = [...fields, ...layout.notes];
  const content: Content[] = [
    titleBlock(title),
    ...(info === undefined ? [] : [{ text: info, margin: [0, 0, 0, 6] } as Content]),
    {
      // A template's long rows may break across pages; a list's short rows stay whole, unless one
      // is taller than a page: pdfmake drops such a row rather than break it.
      table: { headerRows: 1, dontBreakRows: !layout.rows && !heights.some((h) => h > pageHeight), widths, body: [header, ...cells] },
      layout: cellLayout(fontSize),
      fontSize,
      lineHeight: TABLE_LINE_HEIGHT,
    },
    ...after.map((text, i): Content => ({ text, margin: [0, i === 0 ? 8 : 0, 0, 0] })),
  ];
  const height =
    textHeight(title, style, TITLE.size, TITLE.lineHeight, true) +
    TITLE.below +
    (info === undefined ? 0 : textHeight(info, style) + 6) +
    table.height +
    after.reduce((h, text, i) => h + textHeight(text, style) + (i === 0 ? 8 : 0), 0);
  return { content, height };
}

/**
 * Equal neighbouring fixed texts in a merge-down column print as one cell
 * (`重点检视` over its four rows): no rules between, the text once, in the
 * middle. Not pdfmake's rowSpan, which loses the table's bottom rule when the
 * span crosses a page break, nor its verticalAlignment, which then loses the
 * rest of the row: the text goes in the row where the middle falls, by the
 * rows' estimated heights, lowered to it (each row has room for it, since its
 * own copy of the text was sized with it).
 */
function mergeDown(def: FormDefinition<any>, body: TableCell[][], table: { lines: number[][]; heights: number[]; line: number; fontSize: number }): void {
  const rows = def.layout.rows ?? [];
  const pad = paddingY(table.fontSize);
  def.layout.columns.forEach((col, c) => {
    if (!def.layout.mergeDown?.includes(col.key)) return;
    let start = 0;
    for (let r = 1; r <= rows.length; r++) {
      const text = rows[start]!.fixed[col.key] ?? '';
      if (r < rows.length && rows[r]!.fixed[col.key] === text) continue;
      const own = table.lines[start]![c]! * table.line;
      const middle = table.heights.slice(start, r).reduce((s, h) => s + h, 0) / 2 - own / 2;
      let k = start;
      let top = 0;
      while (k < r - 1 && top + table.heights[k]! <= middle) top += table.heights[k++]!;
      const room = table.heights[k]! - 2 * pad - own;
      const lower = Math.max(0, Math.min(middle - top - pad, room));
      for (let j = start; j < r; j++) {
        const border = [true, j === start, true, j === r - 1];
        body[j]![c] = (j === k ? { ...(body[j]![c] as object), alignment: 'center', margin: [0, lower, 0, 0], border } : { text: '', border }) as TableCell;
      }
      start = r;
    }
  });
}
