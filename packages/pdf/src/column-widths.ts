import { CLOSING, OPENING, type Piece } from './pieces.ts';

/** One table column to size: its header lines (bold) and each body row's lines. */
export interface ColumnText {
  header: Piece[][];
  cells: Piece[][][];
}

export interface Sizing {
  /** Text width of each column in em. */
  widths: number[];
  /** Lines each body cell takes at these widths, by row and column. */
  lines: number[][];
  /** Lines the header row takes. */
  header: number;
}

/**
 * A line as the units a line break may fall between, by width (a whole piece, or one character with the
 * punctuation it holds on to), in runs of equal widths: `n[i]` units of width `w[i]` (a long cell of
 * Chinese is a few runs, whatever its length).
 */
interface Atoms {
  w: number[];
  n: number[];
}

function atomsOf(line: Piece[], width: (text: string) => number): Atoms {
  const atoms: Atoms = { w: [], n: [] };
  for (const text of atomTexts(line)) {
    const w = width(text);
    const last = atoms.w.length - 1;
    if (last >= 0 && atoms.w[last] === w) atoms.n[last]!++;
    else atoms.w.push(w), atoms.n.push(1);
  }
  return atoms;
}

function atomTexts(line: Piece[]): string[] {
  const texts: string[] = [];
  let glueNext = false;
  for (const piece of line) {
    const units = piece.whole ? [piece.text] : [...piece.text];
    for (const unit of units) {
      if (glueNext || (texts.length > 0 && !piece.whole && CLOSING.includes(unit))) texts[texts.length - 1] += unit;
      else texts.push(unit);
      glueNext = !piece.whole && OPENING.includes(unit);
    }
  }
  return texts;
}

/** Whether a unit of width `w` goes onto a line filled to `x` of `width`, as pdfmake breaks: a line takes at least one. */
const fits = (x: number, w: number, width: number) => x === 0 || x + w <= width + 1e-6;

/**
 * Lines a cell takes at a width, breaking greedily as pdfmake does; an empty cell takes one. A run of
 * equal units past its first break fills each new line with the same count, so it is counted by lines,
 * not unit by unit, with the same sums as one by one.
 */
function linesAt(cell: Atoms[], width: number): number {
  let lines = 0;
  for (const { w: widths, n: counts } of cell) {
    let x = 0;
    lines++;
    for (let i = 0; i < widths.length; i++) {
      const w = widths[i]!;
      let left = counts[i]!;
      for (; left > 0 && fits(x, w, width); left--) x += w;
      if (left === 0) continue;
      // A break: the rest of the run starts a line, and each line from empty takes `perLine` units.
      let perLine = 0;
      for (x = 0; perLine < left && fits(x, w, width); perLine++) x += w;
      const more = Math.ceil(left / perLine);
      lines += more;
      if (more > 1) for (x = 0, left -= (more - 1) * perLine; left > 0; left--) x += w;
    }
  }
  return Math.max(1, lines);
}

const widest = (cells: Atoms[][]) => cells.reduce((m, cell) => cell.reduce((m2, atoms) => atoms.w.reduce((m3, w) => Math.max(m3, w), m2), m), 0);

/** A line's width unbroken: its units' widths added one by one. */
function lineWidth({ w, n }: Atoms): number {
  let sum = 0;
  for (let i = 0; i < w.length; i++) for (let k = 0; k < n[i]!; k++) sum += w[i]!;
  return sum;
}
const fullWidth = (cells: Atoms[][]) => cells.reduce((m, cell) => cell.reduce((m2, atoms) => Math.max(m2, lineWidth(atoms)), m), 0);

/** The narrowest width at which a header takes at most two lines. */
function headerMinimum(header: Atoms[]): number {
  let [low, high] = [widest([header]), fullWidth([header])];
  while (high - low > 0.05) {
    const mid = (low + high) / 2;
    if (linesAt(header, mid) <= 2) high = mid;
    else low = mid;
  }
  return high;
}

/** A table's text measured once, to size its columns at any type size: widths in em. */
export interface MeasuredTable {
  /** By column: the header, then each body row, as lines of atoms. */
  rows: Atoms[][][];
  /** By column: its widest unbreakable piece, or its header on two lines. */
  minimum: number[];
  /** By column: its longest line, unbroken. */
  most: number[];
  /** By column: the lines of each of its rows at a width, as `columnLines` found them. */
  linesByWidth: Map<number, Int32Array>[];
}

/** `measure` gives a text's width in em, bold or not. */
export function measureTable(columns: ColumnText[], measure: (text: string, bold: boolean) => number): MeasuredTable {
  const plain = (t: string) => measure(t, false);
  const bold = (t: string) => measure(t, true);
  // The header is one more row of the table.
  const rows = columns.map((c) => [c.header.map((line) => atomsOf(line, bold)), ...c.cells.map((cell) => cell.map((line) => atomsOf(line, plain)))]);
  const minimum = rows.map(([header, ...body]) => Math.max(widest(body), headerMinimum(header!)));
  return { rows, minimum, most: rows.map((cells, c) => Math.max(minimum[c]!, fullWidth(cells))), linesByWidth: rows.map(() => new Map()) };
}

/**
 * The lines of each of a column's rows at a width, found once: every size a table is tried at widens its
 * columns from the same minimums by the same steps, and so asks for the same widths again and again.
 */
function columnLines(table: MeasuredTable, c: number, width: number): Int32Array {
  const known = table.linesByWidth[c]!;
  let lines = known.get(width);
  if (!lines) known.set(width, (lines = Int32Array.from(table.rows[c]!, (cell) => linesAt(cell, width))));
  return lines;
}

/** Width every column needs at the least: the sum of their minimums, in em. */
export const leastWidth = (table: MeasuredTable) => table.minimum.reduce((s, w) => s + w, 0);

/** Rows up to this many lines are short; a line past them is the first to save. */
const SHORT_ROW = 4;

/**
 * Column widths (em) that fit the table into `available` em with the fewest
 * lines. Every column is first as wide as its widest unbreakable piece (and
 * its header on at most two lines); the rest of the width then goes, some
 * half ems at a time, to the column where it saves the most per em: first lines of rows
 * taller than three lines (a row is as tall as its tallest cell), then lines
 * of the table's height, then lines of the column's own text. So a column of
 * short values stays narrow, free text shares the rest by how much of it there
 * is, and a `备注` column that is mostly empty gets what its few entries need
 * to stay within a short row. Width that saves nothing more is shared in
 * proportion to the widths. When even the minimums do not fit, every column
 * gets its minimum's share (and pieces wider than their column break).
 */
export function sizeColumns(table: MeasuredTable, available: number): Sizing {
  const { rows, minimum, most } = table;
  const total = leastWidth(table);
  if (total >= available) {
    const widths = minimum.map((w) => (w * available) / total);
    return { widths, ...cellLines(rows, widths) };
  }
  const widths = [...minimum];
  const lines = rows.map((_, c) => columnLines(table, c, widths[c]!));
  const n = rows[0]!.length;
  const step = 0.5;
  // Widenings tried, in steps: far enough (20 em) to see a list cell's items come onto one line each
  // (widening `存在问题` pays off only once whole items fit), more sparsely the further.
  const ahead = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40];
  let left = available - total;
  const candidates = new Map<number, Int32Array[]>();
  const tryWidths = (c: number) => {
    let found = candidates.get(c);
    if (!found) {
      found = [];
      for (const k of ahead) if (k * step <= left) found.push(columnLines(table, c, widths[c]! + k * step));
      candidates.set(c, found);
    }
    return found;
  };
  // Each row's tallest cell, and how tall it would be without a given column's: found anew at each step.
  const top = new Int32Array(n);
  const topColumn = new Int32Array(n);
  const second = new Int32Array(n);
  while (left >= step) {
    top.fill(0);
    topColumn.fill(0);
    second.fill(0);
    for (let r = 0; r < n; r++)
      for (let c = 0; c < rows.length; c++) {
        const l = lines[c]![r]!;
        if (l > top[r]!) [second[r], top[r], topColumn[r]] = [top[r]!, l, c];
        else if (l > second[r]!) second[r] = l;
      }
    let best = { score: 0, column: -1, i: 0 };
    for (let c = 0; c < rows.length; c++) {
      if (widths[c]! >= most[c]!) continue;
      const tries = tryWidths(c);
      for (let i = 0; i < ahead.length && ahead[i]! * step <= left; i++) {
        const k = ahead[i]!;
        const next = tries[i]!;
        let over = 0;
        let height = 0;
        let own = 0;
        for (let r = 0; r < n; r++) {
          const after = Math.max(topColumn[r] === c ? second[r]! : top[r]!, next[r]!);
          over += Math.max(0, top[r]! - SHORT_ROW) - Math.max(0, after - SHORT_ROW);
          height += top[r]! - after;
          own += lines[c]![r]! - next[r]!;
        }
        // A line over a short row's outweighs any number of the table's height, and that any number of the column's own.
        const score = (over * 1e12 + height * 1e6 + own) / k;
        if (score > best.score) best = { score, column: c, i };
      }
    }
    if (best.column < 0) break;
    const c = best.column;
    const k = ahead[best.i]!;
    widths[c] = widths[c]! + k * step;
    lines[c] = candidates.get(c)![best.i]!;
    candidates.delete(c);
    left -= k * step;
  }
  const sum = widths.reduce((s, w) => s + w, 0);
  const fitted = widths.map((w) => w + (left * w) / sum);
  return { widths: fitted, ...cellLines(rows, fitted) };
}

/** Lines each body cell takes, by row and column, and the header row. */
function cellLines(rows: Atoms[][][], widths: number[]): { lines: number[][]; header: number } {
  const n = rows[0]?.length ?? 0;
  return {
    lines: Array.from({ length: n - 1 }, (_, r) => rows.map((cells, c) => linesAt(cells[r + 1]!, widths[c]!))),
    header: Math.max(...rows.map((cells, c) => linesAt(cells[0]!, widths[c]!))),
  };
}

/** Lines a text takes at a width; `measure` gives widths in the same unit. */
export const textLines = (lines: Piece[][], width: number, measure: (text: string) => number) =>
  linesAt(
    lines.map((line) => atomsOf(line, measure)),
    width,
  );

/** A line broken as `linesAt` counts it: the text of each line it takes at a width. */
export function breakLine(line: Piece[], width: number, measure: (text: string) => number): string[] {
  const out: string[] = [];
  let x = 0;
  for (const text of atomTexts(line)) {
    const w = measure(text);
    if (out.length === 0 || (x > 0 && x + w > width + 1e-6)) {
      out.push('');
      x = 0;
    }
    out[out.length - 1] += text;
    x += w;
  }
  return out;
}
