import type { CellValue } from '@tianbao/form';
import { LIMITS } from '../inspect.ts';
import { cellAttrs, cellValue, inlineValue, numberValue, sharedString, typedValue, type CellSource } from './cells.ts';
import { elements, firstElement, streamElements } from './elements.ts';
import { badReference, cellRef, MAX_COLUMN, MAX_ROW, rowNumber } from './refs.ts';
import { hasMarkup, parsedCells, type CellParts } from './slow-path.ts';
import { attr, BadReference, charData, detach, runData } from './xml.ts';
import { FileRefused, RESAVE } from '../file-rules.ts';
import { ReadAgain } from '../streamed-part.ts';

/** One row of a sheet: its number and its values by column number (1 = A); empty cells are holes. */
export interface Row {
  r: number;
  cells: CellValue[];
  /**
   * Columns whose cell holds a formula saved with no result (`<f>` and no `<v>`, or an empty `<v/>` as openpyxl
   * writes it, where the formula's result is not text): empty in `cells`, though never left blank.
   */
  uncached?: number[];
}

/** How a sheet's rows are read (see `sheetRows`). */
export interface RowReading {
  /**
   * The XML lists its rows in ascending order, as every writer does (the
   * default); else (rows moved or repeated) they are all read first and given
   * in order, those of one number made one, as Excel reads such a file.
   */
  ordered?: boolean;
  /** Every row read by the XML parser (for tests holding the quick paths to it). */
  forceParser?: boolean;
  /**
   * The part holds nothing the quick reading does not take (`PartScan.plain`),
   * so no row is looked through for it; a function for a part looked through
   * as it is read: what it tells of the text so far, asked before each chunk's rows.
   */
  plain?: boolean | (() => boolean);
  /**
   * The part is streamed (see `StreamedPart`), its order not known beforehand:
   * a row out of order asks for the file to be read again (`ReadAgain`).
   */
  streamed?: string;
}

/**
 * A sheet's rows in order, read from its XML as it inflates. Rows and cells
 * without an `r` attribute follow the one before, as Excel does. Rows are
 * counted as they stand in the XML (one stray cell at row 1,048,576 is one
 * row), against `LIMITS.rows`.
 */
export async function* sheetRows(chunks: AsyncIterable<string>, src: CellSource, sheet: string, how: RowReading = {}): AsyncGenerator<Row> {
  for await (const rows of sheetRowBatches(chunks, src, sheet, how)) yield* rows;
}

/**
 * A sheet's rows as `sheetRows` gives them, those a chunk of text made whole
 * together: a long list's reader steps through rows, not promises. A row
 * refused comes after the rows before it, as it would one by one.
 */
export async function* sheetRowBatches(
  chunks: AsyncIterable<string>,
  src: CellSource,
  sheet: string,
  { ordered = true, forceParser = false, plain = false, streamed }: RowReading = {},
): AsyncGenerator<Row[]> {
  let r = 0;
  let count = 0;
  const held: Row[] = [];
  const texts = new InlineTexts();
  for await (const elements of streamElements(chunks, 'row')) {
    const batch: Row[] = ordered ? [] : held;
    const quick = !forceParser && (typeof plain === 'function' ? plain() : plain);
    try {
      for (const row of elements) {
        if (++count > LIMITS.rows) throw tooManyRows(sheet);
        const n = rowNumber(row.attrs, r);
        if (Number.isNaN(n)) throw badReference(sheet, '行号', attr(row.attrs, 'r')!);
        if (ordered && n <= r) {
          if (streamed) throw new ReadAgain(streamed);
          // The pass before reading found them in order: one that is not was written so as to read differently each time.
          throw new FileRefused('file.corrupt', `文件已损坏：工作表「${sheet}」中第 ${n} 行排在第 ${r} 行之后，行的顺序无法确定。${RESAVE}`);
        }
        r = n;
        const read: Row = { r, cells: [] };
        if (!quick || !scanCells(row.body, src, sheet, texts, read)) rowCells(row.body, src, sheet, n, forceParser, texts, read);
        batch.push(read);
      }
    } catch (e) {
      if (ordered && batch.length) yield batch;
      throw e instanceof BadReference ? e.at(`工作表「${sheet}」第 ${r} 行`, { sheet, row: r }) : e;
    }
    if (ordered && batch.length) yield batch;
  }
  const sorted = ordered ? [] : inRowOrder(held);
  if (sorted.length) yield sorted;
}

/** The refusal of a sheet of more than `LIMITS.rows` rows. */
export const tooManyRows = (sheet: string) =>
  new FileRefused('file.too-many-rows', `工作表「${sheet}」超过可检查的上限 ${LIMITS.rows} 行，未检查；请按单位拆分后提交`);

/** Rows by number, those of one number made one (a later cell over an earlier one). */
function inRowOrder(rows: Row[]): Row[] {
  rows.sort((a, b) => a.r - b.r);
  const out: Row[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last?.r === row.r) {
      row.cells.forEach((v, c) => (last.cells[c] = v));
      if (row.uncached) last.uncached = [...(last.uncached ?? []), ...row.uncached];
    } else out.push(row);
  }
  return out;
}

/** What the quick scan of a row does not take: prefixed elements, attributes in single quotes or over lines. */
const UNUSUAL = /:c[\s>/]|['\t\n\r]/;

type Cells = Pick<Row, 'cells' | 'uncached'>;

/** Row `r`'s cells, into `out`: read by the XML parser when they hold comments, CDATA or processing instructions (or when forced to), else quickly. */
function rowCells(body: string, src: CellSource, sheet: string, r: number, forceParser: boolean, texts: InlineTexts, out: Cells): void {
  if (forceParser || hasMarkup(body)) cellsOf(parsedCells(body, `工作表「${sheet}」第 ${r} 行`), src, sheet, out);
  else if (UNUSUAL.test(body) || !scanCells(body, src, sheet, texts, out)) cellsOf(matchedCells(body), src, sheet, out);
}

/** Any row without comments, CDATA or processing instructions, element by element. */
function matchedCells(body: string): CellParts[] {
  return elements(body, 'c').map((el) => {
    const c: CellParts = { ...cellAttrs(el.attrs), f: !!firstElement(el.body, 'f') };
    const v = firstElement(el.body, 'v');
    if (v) c.v = charData(v.body);
    const is = c.t === 'inlineStr' && firstElement(el.body, 'is');
    if (is) c.is = runData(is.body);
    return c;
  });
}

/** The values of a row's cells, into `out`, each following the one before when it has no `r`. */
function cellsOf(cells: CellParts[], src: CellSource, sheet: string, out: Cells): void {
  let col = 0;
  for (const c of cells) {
    col = c.r ? cellColumn(c.r, 0, sheet) : col + 1;
    const v = cellValue(c, src);
    if (v !== null) out.cells[col] = v;
    else if (c.f && (c.v === undefined || (c.v === '' && c.t !== 'str'))) (out.uncached ??= []).push(col);
  }
}

/**
 * A row as Excel, WPS, LibreOffice and the libraries write it
 * (`<c r="B5" s="3" t="s"><v>12</v></c>`), read by position into `out`: most
 * of a checked sheet's time is spent here. A cell laid out as writers lay
 * them out (a shared string's index or a plain number in `<v>`) is read
 * character by character without cutting a string for it (`quickCell`);
 * any other is read by searches, each going on from where the same search
 * last stopped, so a row costs time in proportion to its length. False, with
 * `out` left empty, for a row with a cell's attributes spaced (`r = "C4"`):
 * it is to be read element by element.
 */
function scanCells(s: string, src: CellSource, sheet: string, texts: InlineTexts, out: Cells): boolean {
  const cells = out.cells;
  // Made for the first cell read the long way: most rows have none.
  let ahead: Searches | undefined;
  let col = 0;
  for (let i = s.indexOf('<c'); i >= 0; ) {
    const after = s.charCodeAt(i + 2);
    // `<c ` or `<c>` or `<c/>`, not another element starting with c.
    if (after !== 32 && after !== 62 && after !== 47) {
      i = s.indexOf('<c', i + 2);
      continue;
    }
    const tag = attrsAt(s, i + 2);
    const gt = tag.gt;
    if (tag.spaced) {
      // Read again element by element, from nothing.
      cells.length = 0;
      delete out.uncached;
      return false;
    }
    if (gt < 0) break;
    col = tag.r >= 0 ? cellColumn(s, tag.r, sheet) : col + 1;
    let end: number;
    if (s.charCodeAt(gt - 1) === 47) end = gt;
    else if ((end = quickCell(s, gt, tag, src)) >= 0) {
      if (QUICK.value !== null) cells[col] = QUICK.value;
    } else {
      end = s.indexOf('</c>', gt);
      if (end < 0) break;
      const type = tag.t >= 0 ? typeAt(s, tag.t) : undefined;
      let value: CellValue = null;
      if (type === 'inlineStr') {
        // `<is>` right after the start tag, as every writer has it, needs no search for it.
        const open = s.startsWith('<is>', gt + 1) ? gt + 1 : (ahead ??= new Searches(s)).is.from(gt);
        const close = open >= 0 && open < end ? s.indexOf('</is>', open) : -1;
        if (close >= 0 && close <= end) value = texts.value(col, s.slice(open + 4, close));
      } else {
        const { v, vEnd, formula } = (ahead ??= new Searches(s));
        const open = v.from(gt);
        const body = open >= 0 && open < end ? s.indexOf('>', open) + 1 : 0;
        const close = body > 0 && s.charCodeAt(body - 2) !== 47 ? vEnd.from(body) : -1;
        const shared = type === 's' && close > body && close <= end ? indexAt(s, body, close) : -1;
        const text = shared >= 0 ? '' : close >= 0 && close <= end ? charData(s.slice(body, close)) : '';
        if (shared >= 0) value = sharedString(shared, src);
        else if (text) value = typedValue(type, tag.s >= 0 ? styleAt(s, tag.s) : 0, text, src);
        // No `<v>`, or an empty one where the result is not text (an empty text result is `t="str"` and `<v></v>`):
        // a formula's result was never saved.
        else if (type !== 'str') {
          const f = formula.from(gt);
          const next = s.charCodeAt(f + 2);
          if (f >= 0 && f < end && (next === 32 || next === 62 || next === 47)) (out.uncached ??= []).push(col);
        }
      }
      if (value !== null) cells[col] = value;
    }
    // The next cell most often starts right after this one's `/>` or `</c>`: no search for it then.
    const next = end === gt ? gt + 1 : end + 4;
    i = s.charCodeAt(next) === 60 && s.charCodeAt(next + 1) === 99 ? next : s.indexOf('<c', next);
  }
  return true;
}

/** The searches a row's cells read the long way share (see `Ahead`). */
class Searches {
  readonly v: Ahead;
  readonly vEnd: Ahead;
  readonly is: Ahead;
  readonly formula: Ahead;
  constructor(s: string) {
    this.v = new Ahead(s, '<v');
    this.vEnd = new Ahead(s, '</v>');
    this.is = new Ahead(s, '<is>');
    this.formula = new Ahead(s, '<f');
  }
}

/** What `quickCell` read: one object, not one a cell. */
const QUICK: { value: CellValue } = { value: null };

/** 10 to the power of each number of decimals a quickly read number may have. */
const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A cell whose start tag ends at `gt`, when it is `<v>…</v></c>` right after
 * it, of a shared string (`t="s"`, up to nine digits) or of a number (no
 * `t`, or `t="n"`) written as plain decimals (`-12.5`, up to 15 digits): its
 * value in `QUICK.value`, and where its `</c>` starts; -1 for any other cell
 * (read the long way, to the same value). A number of up to 15 digits divided
 * by a power of ten is the double nearest to what is written, as
 * `parseFloat` gives it, without cutting a string for each cell.
 */
function quickCell(s: string, gt: number, tag: typeof TAG, src: CellSource): number {
  if (s.charCodeAt(gt + 1) !== 60 || s.charCodeAt(gt + 2) !== 118 || s.charCodeAt(gt + 3) !== 62) return -1;
  let kind = 0;
  if (tag.t >= 0) {
    // `s` or `n`, one letter before the closing quote.
    if (s.charCodeAt(tag.t + 1) !== 34) return -1;
    kind = s.charCodeAt(tag.t);
    if (kind !== 115 && kind !== 110) return -1;
  }
  let p = gt + 4;
  const negative = kind !== 115 && s.charCodeAt(p) === 45;
  if (negative) p++;
  let n = 0;
  let digits = 0;
  let decimals = -1;
  for (let c = s.charCodeAt(p); ; c = s.charCodeAt(++p)) {
    if (c >= 48 && c <= 57) {
      n = n * 10 + c - 48;
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0 && kind !== 115) decimals = 0;
    else break;
  }
  // `</v></c>` after the digits.
  if (
    digits === 0 ||
    digits > (kind === 115 ? 9 : 15) ||
    s.charCodeAt(p) !== 60 ||
    s.charCodeAt(p + 1) !== 47 ||
    s.charCodeAt(p + 2) !== 118 ||
    s.charCodeAt(p + 3) !== 62 ||
    !s.startsWith('</c>', p + 4)
  )
    return -1;
  if (kind === 115) QUICK.value = sharedString(n, src);
  else {
    const x = decimals > 0 ? n / POWERS[decimals]! : n;
    const value = negative ? -x : x;
    QUICK.value = numberValue(value, tag.s >= 0 ? styleAt(s, tag.s) : 0, src);
  }
  return p + 4;
}

/** Inline strings of a column remembered at most, and looked up before a column whose texts seldom repeat (names) stops. */
const REMEMBERED = 1024;
const TRIAL = 1024;

/**
 * The values of a sheet's inline strings (`<is>…</is>`), remembered by
 * column while its texts repeat: openpyxl writes every text so, each
 * character outside ASCII a reference (`&#27745;`), and a long list's
 * districts, rivers and choices are the same few.
 */
class InlineTexts {
  private readonly columns: { seen: Map<string, CellValue>; looked: number; found: number }[] = [];

  value(col: number, raw: string): CellValue {
    const c = (this.columns[col] ??= { seen: new Map(), looked: 0, found: 0 });
    if (c.looked >= TRIAL && c.found < c.looked / 2) return inlineValue(raw);
    c.looked++;
    const known = c.seen.get(raw);
    if (known !== undefined) {
      c.found++;
      return known;
    }
    const v = inlineValue(raw);
    // Kept by a copy of its text: a cut would keep the chunk of XML it was cut from.
    if (c.seen.size < REMEMBERED) c.seen.set(detach(raw), v);
    return v;
  }
}

/**
 * The next place of a word in a string at or after a position, searched for
 * again only once that position has passed it: the searches for one word in
 * a row together read it once.
 */
class Ahead {
  private at = -2;
  constructor(
    private readonly s: string,
    private readonly word: string,
  ) {}

  from(i: number): number {
    if (this.at !== -1 && this.at < i) this.at = this.s.indexOf(this.word, i);
    return this.at;
  }
}

/** Filled in by `attrsAt` for each cell in turn: one object, not one a cell. */
const TAG = { r: -1, s: -1, t: -1, gt: -1, spaced: false };

/**
 * Where the values of ` r="`, ` s="` and ` t="` begin in a start tag from
 * `from` to its first `>` (`gt`, -1 when there is none); -1 for those
 * absent. `spaced`: some `=` has white space around it (or a quote after it
 * other than `"`), which this reading does not take. The tag is read a character at a time: shorter than searching it
 * for each space, and for its end.
 */
function attrsAt(s: string, from: number): typeof TAG {
  const at = TAG;
  at.r = at.s = at.t = at.gt = -1;
  at.spaced = false;
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 62) {
      at.gt = k;
      break;
    }
    // `r = "C4"`: well-formed, written by no writer, not read here.
    if (c === 61 && (s.charCodeAt(k - 1) === 32 || s.charCodeAt(k + 1) !== 34)) at.spaced = true;
    if (c !== 32 || s.charCodeAt(k + 2) !== 61 || s.charCodeAt(k + 3) !== 34) continue;
    const name = s.charCodeAt(k + 1);
    if (name === 114) at.r = k + 4;
    else if (name === 115) at.s = k + 4;
    else if (name === 116) at.t = k + 4;
  }
  return at;
}

/**
 * The column of the cell reference starting at `at` (`AB12` → 28); a
 * reference past `XFD1048576` is refused, named.
 */
function cellColumn(s: string, at: number, sheet: string): number {
  const { column, row } = cellRef(s, at);
  if (column > MAX_COLUMN || row > MAX_ROW) {
    const q = s.indexOf('"', at);
    throw badReference(sheet, '单元格引用', s.slice(at, q >= 0 && q - at < 64 ? q : at + 64));
  }
  return column;
}

/** A cell's `t` starting at `at`, the common ones without cutting a string for each cell. */
function typeAt(s: string, at: number): string {
  const q = s.indexOf('"', at);
  if (q === at + 1)
    switch (s.charCodeAt(at)) {
      case 115:
        return 's';
      case 110:
        return 'n';
    }
  return q === at + 9 && s.startsWith('inlineStr', at) ? 'inlineStr' : s.slice(at, q);
}

/** A shared string's index written as plain digits from `from` to `to`; -1 for any other text (read as `typedValue` does). */
function indexAt(s: string, from: number, to: number): number {
  if (to - from > 9) return -1;
  let n = 0;
  for (let p = from; p < to; p++) {
    const c = s.charCodeAt(p);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

function styleAt(s: string, at: number): number {
  let n = 0;
  for (let c = s.charCodeAt(at); c >= 48 && c <= 57; c = s.charCodeAt(++at)) n = n * 10 + c - 48;
  return n;
}
