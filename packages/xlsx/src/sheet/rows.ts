import { Remembered, type CellValue } from '@tianbao/form';
import { LIMITS } from '../inspect.ts';
import { BadXml } from './bad-xml.ts';
import { cellValue, numberValue, runValue, sharedString, typedValue, type CellSource } from './cells.ts';
import { streamElements, type Element } from './elements.ts';
import { badReference, cellRef, MAX_COLUMN, MAX_ROW, rowNumber } from './refs.ts';
import { parsedCells, parsedTag, type CellParts } from './slow-path.ts';
import { attr, charData, detach, PRESERVED } from './xml.ts';
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
  /** Columns whose cell holds an error value (`t="e"`: `#N/A`, `#DIV/0!`), with it: empty in `cells`, though never left blank. */
  errors?: { col: number; text: string }[];
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
   * The text is a whole part whose root element is this (`worksheet`): its
   * end tag must end the text, which a part cut short and packed again lacks.
   */
  root?: string;
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
export async function* sheetRowBatches(chunks: AsyncIterable<string>, src: CellSource, sheet: string, how: RowReading = {}): AsyncGenerator<Row[]> {
  const ordered = how.ordered ?? true;
  const reader = new RowReader(src, sheet, how);
  const held: Row[] = [];
  try {
    for await (const elements of streamElements(chunks, 'row', how.root)) {
      const batch: Row[] = ordered ? [] : held;
      try {
        reader.read(elements, batch);
      } catch (e) {
        if (ordered && batch.length) yield batch;
        throw e;
      }
      if (ordered && batch.length) yield batch;
    }
  } catch (e) {
    if (!(e instanceof BadXml)) throw e;
    // Before any row: at the sheet's start.
    const r = reader.r;
    throw r ? e.at(`工作表「${sheet}」第 ${r} 行`, { sheet, row: r }) : e.at(`工作表「${sheet}」开头`, { sheet });
  }
  const sorted = ordered ? [] : inRowOrder(held);
  if (sorted.length) yield sorted;
}

/**
 * The rows of a sheet's `<row>` elements, read in turn (see `sheetRowBatches`):
 * the work of each chunk's rows a plain method, which V8 optimises at a
 * fraction of the cost of the generator that hands them over.
 */
class RowReader {
  /** The number of the row read last (0: none yet). */
  r = 0;
  /** Rows as they stand in the XML, against `LIMITS.rows`. */
  private count = 0;
  private readonly texts = new InlineTexts();
  private readonly ordered: boolean;
  private readonly forceParser: boolean;
  private readonly streamed: string | undefined;

  constructor(
    private readonly src: CellSource,
    private readonly sheet: string,
    { ordered = true, forceParser = false, streamed }: RowReading,
  ) {
    this.ordered = ordered;
    this.forceParser = forceParser;
    this.streamed = streamed;
  }

  /** Each of `elements` read into a row added to `batch`; throws for a row refused, those before it added. */
  read(elements: readonly Element[], batch: Row[]): void {
    const { src, sheet } = this;
    for (const row of elements) {
      if (++this.count > LIMITS.rows) throw tooManyRows(sheet);
      const n = rowNumber(row.attrs, this.r);
      if (Number.isNaN(n)) throw badRowNumber(sheet, attr(row.attrs, 'r', false)!);
      if (this.ordered && n <= this.r) {
        if (this.streamed) throw new ReadAgain(this.streamed);
        // The pass before reading found them in order: one that is not was written so as to read differently each time.
        throw new FileRefused('file.corrupt', `文件已损坏：工作表「${sheet}」中第 ${n} 行排在第 ${this.r} 行之后，行的顺序无法确定。${RESAVE}`, { sheet, row: n });
      }
      this.r = n;
      if (!wellFormedAttrs(row.attrs)) parsedTag('row', row.attrs);
      const read: Row = { r: n, cells: [] };
      if (this.forceParser || !scanCells(row.body, src, sheet, this.texts, read)) {
        parserRead.rows++;
        cellsOf(parsedCells(row.body), src, sheet, read);
      }
      batch.push(read);
    }
  }
}

/** How many rows the XML parser has read in this process (the rest were read quickly): for tests. */
export const parserRead = { rows: 0 };

/** The refusal of a row numbered past the last row, or not with a number. */
const badRowNumber = (sheet: string, r: string) =>
  /^\s*\d+\s*$/.test(r) ? badReference(sheet, '行号', r) : new FileRefused('file.corrupt', `文件已损坏：工作表「${sheet}」中的行号「${r.slice(0, 40)}」不是数字。${RESAVE}`, { sheet });

/** The refusal of a sheet of more than `LIMITS.rows` rows. */
export const tooManyRows = (sheet: string) =>
  new FileRefused('file.too-many-rows', `工作表「${sheet}」超过可检查的上限 ${LIMITS.rows} 行（标题、表头等各行都计入），未检查；请按单位拆分后提交`);

/** Rows by number, those of one number made one (a later cell over an earlier one). */
function inRowOrder(rows: Row[]): Row[] {
  rows.sort((a, b) => a.r - b.r);
  const out: Row[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last?.r === row.r) {
      row.cells.forEach((v, c) => (last.cells[c] = v));
      if (row.uncached) last.uncached = [...(last.uncached ?? []), ...row.uncached];
      if (row.errors) last.errors = [...(last.errors ?? []), ...row.errors];
    } else out.push(row);
  }
  return out;
}

/** The values of a row's cells, into `out`, each following the one before when it has no `r`. */
function cellsOf(cells: CellParts[], src: CellSource, sheet: string, out: Row): void {
  let col = 0;
  for (const c of cells) {
    col = c.r ? cellColumn(c.r, 0, sheet, out.r) : col + 1;
    const v = cellValue(c, src);
    if (v !== null) out.cells[col] = v;
    else if (c.f && (c.v === undefined || (c.v === '' && c.t !== 'str'))) (out.uncached ??= []).push(col);
    else if (c.t === 'e' && c.v) (out.errors ??= []).push({ col, text: c.v });
  }
}

/**
 * A row as Excel, WPS, LibreOffice and the libraries write it
 * (`<c r="B5" s="3" t="s"><v>12</v></c>`), read by position into `out`: most
 * of a checked sheet's time is spent here. A cell laid out as writers lay
 * them out (a shared string's index or a plain number in `<v>`) is read
 * character by character without cutting a string for it (`quickCell`);
 * any other by `longCell`. Every character of markup is looked at on the
 * way, so that what is read here is well-formed: false, with `out` left
 * empty, for a row holding anything else (attributes spaced or in single
 * quotes, other elements, comments, CDATA, markup where text should be, XML
 * that does not parse): the XML parser reads it, or refuses it.
 */
function scanCells(s: string, src: CellSource, sheet: string, texts: InlineTexts, out: Row): boolean {
  const cells = out.cells;
  let col = 0;
  for (let i = skipSpace(s, 0); i < s.length; i = skipSpace(s, i)) {
    // `<c ` or `<c>` or `<c/>`, nothing else between cells.
    const after = s.charCodeAt(i + 2);
    if (s.charCodeAt(i) !== 60 || s.charCodeAt(i + 1) !== 99 || (after !== 32 && after !== 62 && after !== 47)) return abandoned(out);
    const tag = quickTag(s, i + 2) ? TAG : attrsAt(s, i + 2);
    const gt = tag.gt;
    if (gt < 0) return abandoned(out);
    // `r=""` is no reference, as the parser reads it: the cell follows the one before.
    col = tag.col > 0 ? tag.col : tag.r >= 0 && s.charCodeAt(tag.r) !== 34 ? cellColumn(s, tag.r, sheet, out.r) : col + 1;
    let end: number;
    if (s.charCodeAt(gt - 1) === 47) end = gt - 3;
    else if ((end = tag.inline ? quickInline(s, gt, texts, col) : quickCell(s, gt, tag, src)) >= 0) {
      if (QUICK.value !== null) cells[col] = QUICK.value;
    } else if ((end = longCell(s, gt, tag, src, texts, col)) >= 0) {
      if (QUICK.value !== null) cells[col] = QUICK.value;
      else if (QUICK.uncached) (out.uncached ??= []).push(col);
      else if (QUICK.error) (out.errors ??= []).push({ col, text: QUICK.error });
    } else return abandoned(out);
    // Past the `/>` or `</c>`.
    i = end + 4;
  }
  return true;
}

/** False, with what `scanCells` read of a row forgotten: the parser reads it from nothing. */
function abandoned(out: Row): false {
  out.cells.length = 0;
  delete out.uncached;
  delete out.errors;
  return false;
}

/** The first position at or after `i` that is not XML white space. */
function skipSpace(s: string, i: number): number {
  for (let c = s.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++i));
  return i;
}

/**
 * A cell whose start tag ends at `gt`, not read by `quickCell`, when its
 * content is as writers write it: an optional formula (`<f>…</f>`, `<f …/>`),
 * then `<v>…</v>` (or `<v/>`) or an inline string of one run
 * (`<is><t>…</t></is>`), then `</c>`, text holding no markup. Its value in
 * `QUICK.value`, whether it is a formula saved without its result in
 * `QUICK.uncached`, the error value it holds in `QUICK.error` (`#N/A`; ''
 * for none), and where its `</c>` starts; -1 for any other cell.
 */
function longCell(s: string, gt: number, tag: typeof TAG, src: CellSource, texts: InlineTexts, col: number): number {
  QUICK.value = null;
  QUICK.uncached = false;
  QUICK.error = '';
  let p = gt + 1;
  let formula = false;
  if (s.startsWith('<f', p)) {
    const end = textEnd(s, p, 'f');
    if (end < 0) return -1;
    formula = true;
    p = end;
  }
  const type = tag.t >= 0 ? typeAt(s, tag.t) : undefined;
  if (s.startsWith('<is>', p) && type === 'inlineStr') {
    const open = s.startsWith('<t>', p + 4) ? p + 7 : s.startsWith(PRESERVED, p + 4) ? p + 4 + PRESERVED.length : -1;
    const close = open < 0 ? -1 : s.indexOf('<', open);
    if (close < 0 || !s.startsWith('</t></is>', close)) return -1;
    QUICK.value = texts.value(col, s.slice(open, close));
    p = close + 9;
  } else if (s.startsWith('<v', p)) {
    const end = textEnd(s, p, 'v');
    if (end < 0) return -1;
    // `<v/>`, `<v></v>`: empty.
    const text = TEXT.to > TEXT.from ? charData(s.slice(TEXT.from, TEXT.to)) : '';
    // An empty `<v>` where the result is not text (an empty text result is `t="str"` and `<v></v>`): a formula's result was never saved.
    // An inline string's value is its `<is>` alone.
    if (text) QUICK.value = type === 'inlineStr' ? null : typedValue(type, tag.s >= 0 ? styleAt(s, tag.s) : 0, text, src);
    else QUICK.uncached = formula && type !== 'str';
    if (type === 'e') QUICK.error = text;
    p = end;
  } else QUICK.uncached = formula;
  return s.startsWith('</c>', p) ? p : -1;
}

/** Where the text of the element `textEnd` read last lies (`from` = `to`: none). */
const TEXT = { from: 0, to: 0 };

/**
 * An element named `name` starting at `at` (`<v>…</v>`, `<f t="shared" si="0"/>`)
 * whose attributes are well-formed and whose text holds no markup: where it
 * ends, its text's place in `TEXT`; -1 when it is not so. A formula's text
 * is checked as a value's is when it is read (`charData`).
 */
function textEnd(s: string, at: number, name: string): number {
  const after = at + 1 + name.length;
  const c = s.charCodeAt(after);
  let gt: number;
  if (c === 62) gt = after;
  else if (c === 47 || c === 32) {
    gt = s.indexOf('>', after);
    if (gt < 0 || !wellFormedAttrs(s, after, s.charCodeAt(gt - 1) === 47 ? gt - 1 : gt)) return -1;
  } else return -1;
  if (s.charCodeAt(gt - 1) === 47) {
    TEXT.from = TEXT.to = gt + 1;
    return gt + 1;
  }
  const close = s.indexOf('<', gt + 1);
  if (close < 0 || s.charCodeAt(close + 1) !== 47 || !s.startsWith(name, close + 2) || s.charCodeAt(close + 2 + name.length) !== 62) return -1;
  TEXT.from = gt + 1;
  TEXT.to = close;
  if (name === 'f' && close > gt + 1) charData(s.slice(gt + 1, close));
  return close + 3 + name.length;
}

/** What `quickCell` and `longCell` read: one object, not one a cell. */
const QUICK: { value: CellValue; uncached: boolean; error: string } = { value: null, uncached: false, error: '' };

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
  // `</v></c>` after the digits, each character written out.
  if (
    digits === 0 ||
    digits > (kind === 115 ? 9 : 15) ||
    s.charCodeAt(p) !== 60 ||
    s.charCodeAt(p + 1) !== 47 ||
    s.charCodeAt(p + 2) !== 118 ||
    s.charCodeAt(p + 3) !== 62 ||
    s.charCodeAt(p + 4) !== 60 ||
    s.charCodeAt(p + 5) !== 47 ||
    s.charCodeAt(p + 6) !== 99 ||
    s.charCodeAt(p + 7) !== 62
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

/**
 * An inline string's cell (`t="inlineStr"`) whose start tag ends at `gt`,
 * when `<is><t>…</t></is></c>` follows it, its text holding no markup, as
 * openpyxl writes every text: its value in `QUICK.value`, and where its
 * `</c>` starts; -1 for any other (read the long way, to the same value).
 */
function quickInline(s: string, gt: number, texts: InlineTexts, col: number): number {
  if (!s.startsWith('<is><t>', gt + 1)) return -1;
  const close = s.indexOf('<', gt + 8);
  if (close < 0 || !s.startsWith('</t></is></c>', close)) return -1;
  QUICK.value = texts.value(col, s.slice(gt + 8, close));
  return close + 9;
}

/** Inline strings of a column remembered at most (see `Remembered`). */
const REMEMBERED = 1024;

/**
 * The values of a sheet's inline strings (`<is>…</is>`), remembered by
 * column while its texts repeat: openpyxl writes every text so, each
 * character outside ASCII a reference (`&#27745;`), and a long list's
 * districts, rivers and choices are the same few. Each is kept by a copy of
 * its text: a cut would keep the chunk of XML it was cut from.
 */
class InlineTexts {
  private readonly columns: Remembered<string, CellValue>[] = [];

  value(col: number, raw: string): CellValue {
    return (this.columns[col] ??= new Remembered(runValue, REMEMBERED, detach)).get(raw);
  }
}

/**
 * Filled in by `quickTag` or `attrsAt` for each cell in turn: one object, not
 * one a cell. `col`: the column `quickTag` read (0: none); `inline`: it read
 * `t="inlineStr"`.
 */
const TAG = { r: -1, s: -1, t: -1, gt: -1, col: 0, inline: false };

/**
 * `attrsAt` for a cell's start tag from `from` as writers write it: ` r="B5"`,
 * then ` s="3"`, then ` t="s"` (each may be absent; a reference within
 * `XFD1048576`, a style of digits, a type of letters), then `>` or `/>`,
 * read in one pass, the reference's column too (`TAG.col`). False for any
 * other tag, `TAG` to be filled in by `attrsAt`.
 */
function quickTag(s: string, from: number): boolean {
  const at = TAG;
  at.r = at.s = at.t = at.gt = -1;
  at.col = 0;
  at.inline = false;
  let p = from;
  // ` r="`, ` s="`, ` t="` compared where they stand (each check written out: this runs for every cell).
  if (s.charCodeAt(p) === 32 && s.charCodeAt(p + 1) === 114 && s.charCodeAt(p + 2) === 61 && s.charCodeAt(p + 3) === 34) {
    p += 4;
    at.r = p;
    let col = 0;
    let c = s.charCodeAt(p);
    for (; c >= 65 && c <= 90 && col <= MAX_COLUMN; c = s.charCodeAt(++p)) col = col * 26 + c - 64;
    const digits = p;
    let row = 0;
    for (; c >= 48 && c <= 57 && row <= MAX_ROW; c = s.charCodeAt(++p)) row = row * 10 + c - 48;
    if (c !== 34 || col === 0 || col > MAX_COLUMN || p === digits || row === 0 || row > MAX_ROW) return false;
    at.col = col;
    p++;
  }
  if (s.charCodeAt(p) === 32 && s.charCodeAt(p + 1) === 115 && s.charCodeAt(p + 2) === 61 && s.charCodeAt(p + 3) === 34) {
    p += 4;
    at.s = p;
    let c = s.charCodeAt(p);
    for (; c >= 48 && c <= 57; c = s.charCodeAt(++p));
    if (c !== 34 || p === at.s) return false;
    p++;
  }
  if (s.charCodeAt(p) === 32 && s.charCodeAt(p + 1) === 116 && s.charCodeAt(p + 2) === 61 && s.charCodeAt(p + 3) === 34) {
    p += 4;
    at.t = p;
    let c = s.charCodeAt(p);
    for (; (c | 32) >= 97 && (c | 32) <= 122; c = s.charCodeAt(++p));
    if (c !== 34 || p === at.t) return false;
    at.inline = p - at.t === 9 && s.startsWith('inlineStr', at.t);
    p++;
  }
  const c = s.charCodeAt(p);
  if (c === 62) at.gt = p;
  else if (c === 47 && s.charCodeAt(p + 1) === 62) at.gt = p + 1;
  else return false;
  return true;
}

/**
 * Where the values of `r`, `s` and `t` begin in a cell's start tag from
 * `from` (-1 for those absent), and where the tag's `>` is (`gt`): -1 unless
 * the tag is as writers write it, each attribute one of those three, once,
 * after white space, as `name="value"`, its value holding no `<`, `&` or
 * control character. The tag is read a character at a time: shorter than
 * searching it for each attribute, and for its end.
 */
function attrsAt(s: string, from: number): typeof TAG {
  const at = TAG;
  at.r = at.s = at.t = at.gt = -1;
  at.col = 0;
  at.inline = false;
  for (let k = from; ; ) {
    const c = s.charCodeAt(k);
    if (c === 62) {
      at.gt = k;
      return at;
    }
    if (c === 47) {
      if (s.charCodeAt(k + 1) === 62) at.gt = k + 1;
      return at;
    }
    const name = skipSpace(s, k);
    if (name === k) return at;
    const n = s.charCodeAt(name);
    if (n === 62 || n === 47) {
      k = name;
      continue;
    }
    if (s.charCodeAt(name + 1) !== 61 || s.charCodeAt(name + 2) !== 34) return at;
    const value = name + 3;
    const q = valueEnd(s, value, s.length);
    if (q < 0) return at;
    if (n === 114 && at.r < 0) at.r = value;
    // A style is an index: written otherwise (`s=" 1"`), the parser reads it.
    else if (n === 115 && at.s < 0 && q > value && digitsTo(s, value, q)) at.s = value;
    else if (n === 116 && at.t < 0) at.t = value;
    else return at;
    k = q + 1;
  }
}

/** The `"` ending an attribute's value that starts at `from`, before `to`; -1 when the value holds `<`, `&` or a character XML may not hold (or not as is) first. */
function valueEnd(s: string, from: number, to: number): number {
  for (let q = from; q < to; q++) {
    const d = s.charCodeAt(q);
    if (d === 34) return q;
    if (d < 32 || d === 60 || d === 38 || d >= 0xfffe) return -1;
  }
  return -1;
}

/** Whether `s` holds only ASCII digits from `from` to `to`. */
function digitsTo(s: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = s.charCodeAt(p);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Attributes of one tag looked at, at most: no writer writes more, and each is held to those before it. */
const MOST_ATTRS = 32;
/**
 * Where each attribute's name starts and ends in the tag `wellFormedAttrs`
 * looks at, the first `named` of them: an array made once (emptied by
 * `length = 0`, it would be made again for every row).
 */
const NAMES: number[] = new Array<number>(2 * MOST_ATTRS).fill(0);

/**
 * Whether a start tag's attributes from `from` to `to` (` r="3" spans="1:5"`)
 * are as writers write them: at most `MOST_ATTRS`, each after white space,
 * `name="value"`, names of ASCII letters, digits, `_`, `.`, `-` and `:`
 * (a letter, `_` or `:` first), none twice, values holding no `<`, `&` or
 * control character. Any other may still be well-formed: the parser judges it.
 */
function wellFormedAttrs(s: string, from = 0, to = s.length): boolean {
  let named = 0;
  for (let k = from; k < to; ) {
    const name = skipSpace(s, k);
    if (name === to) return true;
    if (name === k || named === MOST_ATTRS) return false;
    const first = s.charCodeAt(name);
    if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95 || first === 58)) return false;
    let e = name + 1;
    while (e < to && isNameChar(s.charCodeAt(e))) e++;
    if (s.charCodeAt(e) !== 61 || s.charCodeAt(e + 1) !== 34) return false;
    for (let i = 0; i < 2 * named; i += 2) if (NAMES[i + 1]! - NAMES[i]! === e - name && sameAt(s, NAMES[i]!, name, e - name)) return false;
    NAMES[2 * named] = name;
    NAMES[2 * named + 1] = e;
    named++;
    const q = valueEnd(s, e + 2, to);
    if (q < 0) return false;
    k = q + 1;
  }
  return true;
}

/** Whether the `length` characters of `s` at `a` and at `b` are the same, compared where they stand. */
function sameAt(s: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (s.charCodeAt(a + k) !== s.charCodeAt(b + k)) return false;
  return true;
}

/** `[A-Za-z0-9_.:-]`. */
const isNameChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45;

/**
 * The column of the cell reference starting at `at` (`AB12` → 28); a
 * reference past `XFD1048576`, or with no column or no row, is refused,
 * named, as found in row `r`.
 */
function cellColumn(s: string, at: number, sheet: string, r: number): number {
  const { column, row } = cellRef(s, at);
  if (column > MAX_COLUMN || row > MAX_ROW || column === 0 || row === 0) {
    const q = s.indexOf('"', at);
    const ref = s.slice(at, q >= 0 && q - at < 64 ? q : at + 64);
    // No letters or no digits (`5`, `C`, `c5`): no cell Excel can have, read by no column.
    if (column === 0 || row === 0)
      throw new FileRefused('file.corrupt', `文件已损坏：工作表「${sheet}」中的单元格引用「${ref}」不是有效的单元格位置。${RESAVE}`, { sheet, row: r });
    throw badReference(sheet, '单元格引用', ref, r);
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

function styleAt(s: string, at: number): number {
  let n = 0;
  for (let c = s.charCodeAt(at); c >= 48 && c <= 57; c = s.charCodeAt(++at)) n = n * 10 + c - 48;
  return n;
}
