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

const atomsOf = (line: Piece[], width: (text: string) => number): Atoms => runsOf(atomTexts(line).map(width));

/** A line's units, given their widths (times `scale`), in runs of equal widths. */
function runsOf(widths: number[], scale = 1): Atoms {
  const atoms: Atoms = { w: [], n: [] };
  for (const unit of widths) {
    const w = unit * scale;
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
  /** The widenings `sizeColumns` makes while it has room for any: as found so far, and whether they end there. */
  free: { column: number; steps: number }[];
  settled: boolean;
}

/** `measure` gives a text's width in em, bold or not. */
export function measureTable(columns: ColumnText[], measure: (text: string, bold: boolean) => number): MeasuredTable {
  const plain = (t: string) => measure(t, false);
  const bold = (t: string) => measure(t, true);
  // The header is one more row of the table.
  const rows = columns.map((c) => [c.header.map((line) => atomsOf(line, bold)), ...c.cells.map((cell) => cell.map((line) => atomsOf(line, plain)))]);
  const minimum = rows.map(([header, ...body]) => Math.max(widest(body), headerMinimum(header!)));
  const most = rows.map((cells, c) => Math.max(minimum[c]!, fullWidth(cells)));
  return { rows, minimum, most, linesByWidth: rows.map(() => new Map()), free: [], settled: false };
}

/**
 * The lines of each of a column's rows at a width, found once: every size a table is tried at widens its
 * columns from the same minimums by the same steps, and so asks for the same widths again and again.
 */
function columnLines(table: MeasuredTable, c: number, width: number): Int32Array {
  const known = table.linesByWidth[c]!;
  let lines = known.get(width);
  if (!lines) {
    const cells = table.rows[c]!;
    lines = new Int32Array(cells.length);
    for (let r = 0; r < cells.length; r++) lines[r] = linesAt(cells[r]!, width);
    known.set(width, lines);
  }
  return lines;
}

/** Width every column needs at the least: the sum of their minimums, in em. */
export const leastWidth = (table: MeasuredTable) => table.minimum.reduce((s, w) => s + w, 0);

/** Rows up to this many lines are short; a line past them is the first to save. */
const SHORT_ROW = 4;

/** Em a column is widened by at a time. */
const STEP = 0.5;
/**
 * Widenings tried, in steps: far enough (20 em) to see a list cell's items come onto one line each
 * (widening `存在问题` pays off only once whole items fit), more sparsely the further.
 */
const AHEAD = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40];
/** Room (em) from which every widening in `AHEAD` is tried: the choice then does not depend on the room. */
const FREE = AHEAD[AHEAD.length - 1]! * STEP;

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
  const { rows, minimum, most, free } = table;
  const total = leastWidth(table);
  if (total >= available) {
    const widths = minimum.map((w) => (w * available) / total);
    return { widths, ...cellLines(rows, widths) };
  }
  const widths = [...minimum];
  let left = available - total;
  // While there is room for every widening the choices are the same at any size: those found before are
  // made again, in the same order, so that the widths and the room left are the same numbers.
  let made = 0;
  for (; made < free.length && left >= FREE; made++) {
    const { column, steps } = free[made]!;
    widths[column] = widths[column]! + steps * STEP;
    left -= steps * STEP;
  }
  if (!(table.settled && made === free.length && left >= FREE)) left = widen(table, widths, left);
  const sum = widths.reduce((s, w) => s + w, 0);
  const fitted = widths.map((w) => w + (left * w) / sum);
  return { widths: fitted, ...cellLines(rows, fitted) };
}

/** Each row's tallest cell (lines), the first column holding it, and how tall the row would be without that one. */
interface RowHeights {
  top: Int32Array;
  topColumn: Int32Array;
  second: Int32Array;
}

/**
 * What widening column `c` from lines `now` to lines `next` saves, given the rows' heights: a line over a
 * short row's outweighs any number of the table's height, and that any number of the column's own.
 */
function saving({ top, topColumn, second }: RowHeights, c: number, now: Int32Array, next: Int32Array): number {
  let [over, height, own] = [0, 0, 0];
  for (let r = 0; r < top.length; r++) {
    const t = top[r]!;
    const after = Math.max(topColumn[r] === c ? second[r]! : t, next[r]!);
    over += Math.max(0, t - SHORT_ROW) - Math.max(0, after - SHORT_ROW);
    height += t - after;
    own += now[r]! - next[r]!;
  }
  return over * 1e12 + height * 1e6 + own;
}

/** `sizeColumns`'s widening from `widths` with `left` em to give, in place; noting the widenings made with room for any. Returns the room left. */
function widen(table: MeasuredTable, widths: number[], left: number): number {
  const { rows, most, free } = table;
  const columns = rows.length;
  const n = rows[0]!.length;
  const lines = rows.map((_, c) => columnLines(table, c, widths[c]!));
  // By column: the lines of its rows at each widening that fits, found when first needed after it changes.
  const candidates: (Int32Array[] | undefined)[] = [];
  // By column: the fewest lines each of its cells can take, one a line of its text.
  const fewest = rows.map((cells) => Int32Array.from(cells, (cell) => Math.max(1, cell.length)));
  const heights: RowHeights = { top: new Int32Array(n), topColumn: new Int32Array(n), second: new Int32Array(n) };
  const { top, topColumn, second } = heights;
  while (left >= STEP) {
    for (let r = 0; r < n; r++) {
      let [t, s, tc] = [0, 0, 0];
      for (let c = 0; c < columns; c++) {
        const l = lines[c]![r]!;
        if (l > t) (s = t), (t = l), (tc = c);
        else if (l > s) s = l;
      }
      (top[r] = t), (second[r] = s), (topColumn[r] = tc);
    }
    let [score, column, at] = [0, -1, 0];
    for (let c = 0; c < columns; c++) {
      if (widths[c]! >= most[c]!) continue;
      // A widening by k steps scores what it saves over k, and saves at most what each cell on its fewest
      // lines would: none past one that could not beat the best is tried.
      const ceiling = saving(heights, c, lines[c]!, fewest[c]!);
      const tries = (candidates[c] ??= []);
      for (let i = 0; i < AHEAD.length && AHEAD[i]! * STEP <= left && ceiling / AHEAD[i]! > score; i++) {
        const s = saving(heights, c, lines[c]!, (tries[i] ??= columnLines(table, c, widths[c]! + AHEAD[i]! * STEP))) / AHEAD[i]!;
        if (s > score) [score, column, at] = [s, c, i];
      }
    }
    const steps = AHEAD[at]!;
    if (left >= FREE) {
      if (column < 0) table.settled = true;
      else free.push({ column, steps });
    }
    if (column < 0) break;
    widths[column] = widths[column]! + steps * STEP;
    lines[column] = candidates[column]![at]!;
    candidates[column] = undefined;
    left -= steps * STEP;
  }
  return left;
}

/** Lines each body cell takes, by row and column, and the header row. */
function cellLines(rows: Atoms[][][], widths: number[]): { lines: number[][]; header: number } {
  const n = rows[0]?.length ?? 0;
  return {
    lines: Array.from({ length: n - 1 }, (_, r) => rows.map((cells, c) => linesAt(cells[r + 1]!, widths[c]!))),
    header: Math.max(...rows.map((cells, c) => linesAt(cells[0]!, widths[c]!))),
  };
}

/** A text's lines as the widths of the units a line break may fall between, as `measure` gives them: to count its lines at any size (`unitLines`). */
export const textUnits = (lines: Piece[][], measure: (text: string) => number): number[][] => lines.map((line) => atomTexts(line).map(measure));

/**
 * Lines a text takes at a width, given its units' widths (`textUnits`) times `scale` in the width's unit:
 * units in em at a size, as a measure in points that is the em width times the size gives them.
 */
export const unitLines = (units: number[][], width: number, scale?: number) =>
  linesAt(
    units.map((line) => runsOf(line, scale)),
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
