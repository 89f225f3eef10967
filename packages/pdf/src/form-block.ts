import { bodyRows, displayText, infoLineFor, mergeRuns, titleFor, type Column, type FormDefinition, type MergeRun } from '@tianbao/form';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { textUnits, unitLines } from './column-widths.ts';
import { HEADING } from './fonts.ts';
import { bodyLineHeight } from './measure.ts';
import { cellPieces, freeLine, type Piece } from './pieces.ts';
import { TABLE_LINE_HEIGHT, cellLayout, paddingY, sizedTable, tableCells, tableText, type TableText, type TextStyle } from './sized-table.ts';

/**
 * A column whose every line is one value, never broken: the row number, a
 * list value, a number, a date, a code, values one a line (`wholeLines`).
 * Other text breaks between characters, but not inside a date, code or number in it.
 */
const printsWhole = (col: Column) => !!col.serial || col.cell?.entry !== undefined || !!col.cell?.textFormat || !!col.cell?.wholeLines;

const TITLE = { size: 22, lineHeight: 1.2, below: 12 };

function titleBlock(text: string): Content {
  return { text, font: HEADING, bold: true, fontSize: TITLE.size, alignment: 'center', lineHeight: TITLE.lineHeight, margin: [0, 0, 0, TITLE.below] };
}

/**
 * A title given as lines of phrases (`焦作市城乡一体化示范区` `第五次全国经济普查`
 * `领导小组`), each line too wide for `width` points broken between its phrases,
 * never inside one: into as few lines as fit, the longest as short as can be.
 */
export function phrasedTitle(lines: string[][], width: number, measure: (text: string, size: number, bold?: boolean) => number): Content {
  const wide = (text: string) => measure(text, TITLE.size, true);
  const broken = lines.flatMap((phrases) => {
    let best: { lines: string[]; over: number; longest: number } | undefined;
    // Each way to cut between phrases, as a bit mask of the gaps cut.
    for (let mask = 0; mask < 1 << (phrases.length - 1); mask++) {
      const out = [phrases[0]!];
      phrases.slice(1).forEach((p, i) => (mask & (1 << i) ? out.push(p) : (out[out.length - 1] += p)));
      const longest = Math.max(...out.map(wide));
      const over = longest > width ? 1 : 0;
      // Fitting first, then fewer lines, then a shorter longest line.
      const better = !best || ([over - best.over, out.length - best.lines.length, longest - best.longest].find((d) => d !== 0) ?? 0) < 0;
      if (better) best = { lines: out, over, longest };
    }
    return best!.lines;
  });
  return titleBlock(broken.join('\n'));
}

/** A text set across the page: broken as a table cell's free text, its units measured in em (`textUnits`). */
interface PageText {
  text: string;
  units: number[][];
}

/** Estimated height in points of a text set across the page, at `size` and `lineHeight`. */
function textHeight({ units }: PageText, style: TextStyle, size = style.fontSize, lineHeight = style.lineHeight): number {
  return unitLines(units, style.usable, size) * size * bodyLineHeight() * lineHeight;
}

/** The form's text, measured once to be set at any size: its table's (`tableText`), and its title, info line, fields and notes. */
export interface FormText {
  table: TableText;
  title: PageText;
  info?: PageText;
  /** Fields and notes. */
  after: PageText[];
}

/** The form's text, measured (`FormText`); `measure` as `TextStyle`'s, at size 1 giving widths in em. */
export function formText(def: FormDefinition<any>, data: Record<string, any>, measure: TextStyle['measure']): FormText {
  const { layout } = def;
  const rows = bodyRows(layout, data).map(({ fixed, values }, i) =>
    layout.columns.map((col): Piece[][] => {
      if (col.serial) return cellPieces(String(i + 1), true);
      if (!col.cell) return cellPieces(fixed?.fixed[col.key] ?? '', false);
      const value = values[col.key];
      return cellPieces(value === undefined || value === null ? '' : displayText(col.cell.write(value)), printsWhole(col));
    }),
  );
  const page = (text: string, bold = false): PageText => ({ text, units: textUnits(text.split('\n').map(freeLine), (t) => measure(t, 1, bold)) });
  const info = layout.infoLine && (data.filler || data.reportDate) ? infoLineFor(data) : undefined;
  const fields = (layout.fields?.items ?? []).map((f) => {
    const v = data[f.key];
    return `${f.label}：${v === undefined || v === null ? '' : displayText(f.cell.write(v))}`;
  });
  return {
    table: tableText(
      layout.columns.map((c) => c.header),
      rows,
      measure,
    ),
    title: page(titleFor(layout, data.unit ?? layout.placeholder), true),
    info: info === undefined ? undefined : page(info),
    after: [...fields, ...layout.notes].map((text) => page(text)),
  };
}

/**
 * The form itself, given its text (`formText`): its estimated height in points, to choose a size that
 * prints it on one page before laying it out, and its content (title, info line, table, fields, notes),
 * made when asked for: most sizes tried are never laid out.
 */
export function formBlock(def: FormDefinition<any>, text: FormText, style: TextStyle, pageHeight: number, rowPages?: readonly number[]): { content: () => Content[]; height: number } {
  const { layout } = def;
  const { title, info, after } = text;
  const { rows } = text.table;
  const table = sizedTable(text.table, style, !layout.rows);
  const content = (): Content[] => {
    const { fontSize, widths, heights } = table;
    const { header, body } = tableCells(text.table, table, style);
    const cells: TableCell[][] = body.map((row, r) => {
      // The row's first printed cell outside a merge-down column names it, for `rowPages`.
      const named = layout.columns.findIndex((col, c) => !layout.mergeDown?.includes(col.key) && rows[r]![c]!.length > 0);
      return row.map((cell, c): TableCell => {
        const col = layout.columns[c]!;
        const id = c === named ? { id: rowId(r) } : {};
        if (col.serial) return { ...cell, ...id, alignment: 'center' };
        return col.cell ? { ...cell, ...id } : { ...cell, ...id, alignment: 'justify' };
      });
    });
    mergeDown(def, cells, table, rowPages);
    return [
      titleBlock(title.text),
      ...(info === undefined ? [] : [{ text: info.text, margin: [0, 0, 0, 6] } as Content]),
      {
        // A row stays on one page, unless one is taller than a page under the header: pdfmake drops
        // such a row rather than break it.
        table: { headerRows: 1, dontBreakRows: !heights.some((h) => h > pageHeight - table.headerHeight), widths, body: [header, ...cells] },
        layout: cellLayout(fontSize),
        fontSize,
        lineHeight: TABLE_LINE_HEIGHT,
      },
      ...after.map(({ text }, i): Content => ({ text, margin: [0, i === 0 ? 8 : 0, 0, 0] })),
    ];
  };
  const height =
    textHeight(title, style, TITLE.size, TITLE.lineHeight) +
    TITLE.below +
    (info === undefined ? 0 : textHeight(info, style) + 6) +
    table.height +
    after.reduce((h, text, i) => h + textHeight(text, style) + (i === 0 ? 8 : 0), 0);
  return { content, height };
}

/** The id of a body row's named cell; `ROW_ID` reads its index back. */
const rowId = (row: number) => `tianbao-row-${row}`;
export const ROW_ID = /^tianbao-row-(\d+)$/;

/**
 * Equal neighbouring fixed texts in a merge-down column print as one cell
 * (`重点检视` over its four rows): no rules between, the text once, in the
 * middle; once on each page the run goes over, in the middle of its rows there,
 * given the page of each row (`rowPages`, from a first layout). Not pdfmake's rowSpan, which loses the table's bottom rule when the
 * span crosses a page break, nor its verticalAlignment, which then loses the
 * rest of the row: the text goes in the row where the middle falls, by the
 * rows' estimated heights, lowered to it (each row has room for it, since its
 * own copy of the text was sized with it).
 */
function mergeDown(
  def: FormDefinition<any>,
  body: TableCell[][],
  table: { lines: number[][]; heights: number[]; line: number; fontSize: number },
  rowPages: readonly number[] = [],
): void {
  const pad = paddingY(table.fontSize);
  for (const { key, first, last } of mergeRuns(def.layout).flatMap((run) => byPage(run, rowPages))) {
    const c = def.layout.columns.findIndex((col) => col.key === key);
    const own = table.lines[first]![c]! * table.line;
    const middle = table.heights.slice(first, last + 1).reduce((s, h) => s + h, 0) / 2 - own / 2;
    let k = first;
    let top = 0;
    while (k < last && top + table.heights[k]! <= middle) top += table.heights[k++]!;
    const room = table.heights[k]! - 2 * pad - own;
    const lower = Math.max(0, Math.min(middle - top - pad, room));
    for (let j = first; j <= last; j++) {
      const border = [true, j === first, true, j === last];
      body[j]![c] = (j === k ? { ...(body[j]![c] as object), alignment: 'center', margin: [0, lower, 0, 0], border } : { text: '', border }) as TableCell;
    }
  }
}

/** A run cut where its rows go onto another page. */
function byPage(run: MergeRun, rowPages: readonly number[]): MergeRun[] {
  const out: MergeRun[] = [];
  let first = run.first;
  for (let j = run.first + 1; j <= run.last + 1; j++) {
    if (j <= run.last && rowPages[j] === rowPages[first]) continue;
    out.push({ ...run, first, last: j - 1 });
    first = j;
  }
  return out;
}
