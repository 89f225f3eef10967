import type { TableCell } from 'pdfmake/interfaces.js';
import { breakLine, leastWidth, measureTable, sizeColumns, type ColumnText, type MeasuredTable, type Sizing } from './column-widths.ts';
import { bodyLineHeight } from './measure.ts';
import { CLOSING, OPENING, freeLine, type Piece } from './pieces.ts';

/** Lines of a table are closer than the text's: as in a word processor's tables, at 1.15. */
export const TABLE_LINE_HEIGHT = 1.15;

/** How the document sets its text: body size, line spacing outside tables, usable width, and a measure of widths. */
export interface TextStyle {
  fontSize: number;
  lineHeight: number;
  /** Points between the margins. */
  usable: number;
  measure: (text: string, size: number, bold?: boolean) => number;
}

/** Cell padding grows with the type: 4 pt around 12 pt text, less in a dense table. */
export const padding = (fontSize: number) => Math.round(fontSize / 3);

/** Less above and below the text than at its sides. */
export const paddingY = (fontSize: number) => Math.max(1.5, padding(fontSize) - 1);

export function cellLayout(fontSize: number) {
  const x = padding(fontSize);
  const y = paddingY(fontSize);
  return { paddingTop: () => y, paddingBottom: () => y, paddingLeft: () => x, paddingRight: () => x };
}

/** Points of text across the page once the cells' padding and the rules between them are taken. */
const textWidth = (columns: number, fontSize: number, usable: number) => usable - columns * 2 * padding(fontSize) - (columns + 1) - 1;

/**
 * A list's rows are records of short values: a list too wide for its page is
 * set smaller, a quarter point at a time down to 七号 (5.5 pt), until every
 * value fits whole across the page and its rows take at most three lines on
 * average (a fitted page, as a spreadsheet prints fitted to width).
 */
const LIST_LINES = 3;
const SMALLEST = 5.5;

/** pdfmake text for a line: whole pieces that fit the column kept from breaking (`noWrap`). */
function lineText(line: Piece[], width: number, style: TextStyle): string | (string | { text: string; noWrap: true })[] {
  const out = line.map((p) => (p.whole && style.measure(p.text, style.fontSize) <= width ? { text: p.text, noWrap: true as const } : p.text));
  return out.length === 1 && typeof out[0] === 'string' ? out[0] : out;
}

/**
 * A line holding a long Latin run, broken here where the sizing counted its
 * breaks (pdfmake would break a URL or `-D001` by other rules): one whole piece a line.
 */
function brokenLines(line: Piece[], width: number, style: TextStyle): Piece[][] {
  if (!line.some((p) => p.run)) return [line];
  return breakLine(line, width, (t) => style.measure(t, style.fontSize)).map((text) => [{ text, whole: true }]);
}

/** A cell's lines; several as a stack of one text each, which pdfmake lays out in time linear in the lines. */
function cellContent(cell: Piece[][], width: number, style: TextStyle): { text: ReturnType<typeof lineText> } | { stack: { text: ReturnType<typeof lineText> }[] } {
  const lines = cell.flatMap((line) => brokenLines(line, width, style));
  if (lines.length <= 1) return { text: lineText(lines[0] ?? [], width, style) };
  return { stack: lines.map((line) => ({ text: lineText(line, width, style) })) };
}

const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * A header too wide for its column, on two lines of about equal length
 * (`整治/进度`, not `整治进/度`), broken where Chinese allows; as it is when it
 * fits on one line or needs more than two.
 */
function headerLines(header: Piece[][], width: number, widthOf: (text: string) => number): Piece[][] {
  const text = header.map((line) => line.map((p) => p.text).join('')).join('\n');
  if (header.length !== 1 || widthOf(text) <= width) return header;
  const chars = [...text];
  let best: string[] | undefined;
  for (let k = 1; k < chars.length; k++) {
    if (CLOSING.includes(chars[k]!) || OPENING.includes(chars[k - 1]!)) continue;
    const [a, b] = [chars.slice(0, k).join(''), chars.slice(k).join('')];
    const longer = Math.max(widthOf(a), widthOf(b));
    if (longer <= width && (!best || longer < Math.max(widthOf(best[0]!), widthOf(best[1]!)))) best = [a, b];
  }
  return best ? best.map(freeLine) : header;
}

/** A table's text: its body rows as lines of pieces, by row and column, and its columns measured at size 1 (widths in em, which hold at any size). */
export interface TableText {
  rows: Piece[][][][];
  columns: ColumnText[];
  measured: MeasuredTable;
}

/** A table's text measured once, to be set at any size (`measure` gives widths in points at a size, as `TextStyle`'s). */
export function tableText(headers: string[], rows: Piece[][][][], measure: TextStyle['measure']): TableText {
  const columns: ColumnText[] = headers.map((h, c) => ({ header: h.split('\n').map(freeLine), cells: rows.map((row) => row[c]!) }));
  return { rows, columns, measured: measureTable(columns, (t, bold) => measure(t, 1, bold)) };
}

/** A table's columns sized to its text (widths in points), a `list` set smaller when it must be, at `fontSize`; and its estimated heights. */
export function sizedTable({ rows, columns, measured }: TableText, style: TextStyle, list: boolean) {
  // Widths in em at a size: the text width in points over the size.
  const room = (size: number) => textWidth(columns.length, size, style.usable) / size;
  const rowLines = (s: Sizing) => s.lines.map((row) => Math.max(...row));
  let fontSize = style.fontSize;
  if (list) while (fontSize > SMALLEST && leastWidth(measured) > room(fontSize)) fontSize -= 0.25;
  let sizing = sizeColumns(measured, room(fontSize));
  if (list)
    while (fontSize > SMALLEST && average(rowLines(sizing)) > LIST_LINES) {
      fontSize -= 0.25;
      sizing = sizeColumns(measured, room(fontSize));
    }
  const widths = sizing.widths.map((w) => w * fontSize);
  // Estimated heights in points: a row is its tallest cell and the padding; the table adds a rule above each row and below the last.
  const line = fontSize * bodyLineHeight() * TABLE_LINE_HEIGHT;
  const heights = rowLines(sizing).map((l) => l * line + 2 * paddingY(fontSize));
  const headerHeight = sizing.header * line + 2 * paddingY(fontSize);
  const height = headerHeight + heights.reduce((a, b) => a + b, 0) + rows.length + 2;
  return { fontSize, widths, lines: sizing.lines, heights, headerHeight, height, line };
}

/** A sized table's text as pdfmake cells: its header row, and its body by row and column. */
export function tableCells({ rows, columns }: TableText, { fontSize, widths }: { fontSize: number; widths: number[] }, style: TextStyle) {
  const set: TextStyle = { ...style, fontSize };
  const header: TableCell[] = columns.map((col, c) => ({
    ...cellContent(
      headerLines(col.header, widths[c]!, (t) => style.measure(t, fontSize, true)),
      widths[c]!,
      set,
    ),
    bold: true,
    alignment: 'center',
  }));
  const body = rows.map((row) => row.map((lines, c) => cellContent(lines, widths[c]!, set)));
  return { header, body };
}
