import { INFO_LINE, textKey, type CellValue, type FormDefinition } from '@tianbao/form';
import { cellKey, cellText, type HeadRow, type OpenWorkbook } from './open.ts';
import { columnLetter } from './sheet/refs.ts';
import type { SheetPart } from './sheet/book.ts';
import type { Stop } from './sheet/part-text.ts';
import { MergeSpread } from './sheet/merges.ts';
import { tooManyRows, type Row } from './sheet/rows.ts';
import { LIMITS } from './inspect.ts';

/** An answer row's cell values by column key, as found in the sheet. */
export type RawValues = Record<string, CellValue>;

/**
 * Where a form's table stands in a workbook, and what its cells hold. `V` is
 * what each row's values were made into while the sheet was read (by
 * default, the raw values).
 */
export interface Located<V = RawValues> {
  sheet: string;
  headerRow: number;
  /** Column letter by column key. */
  columns: Record<string, string>;
  /** First text above the header that is not the info line. */
  title: { text: string; cell: string } | null;
  /** The `填报单位：…　　填报日期：…` cell, if any. */
  info: { text: string; cell: string } | null;
  /** Key/value pairs of the `_tianbao` sheet; empty for workbooks from elsewhere. */
  meta: Record<string, string>;
  /** Day serials count from 1904: a bare number in a date column is read so. */
  date1904: boolean;
  /** A template's rows in template order (`row` null when not found), or a list's rows in sheet order. */
  rows: LocatedRow<V>[];
  /** Labelled values under the table by field key; null when the label is not there. */
  fields: Record<string, { value: CellValue; cell: string } | null>;
  /** Template row keys not found. */
  missing: string[];
  /** The rows found stand in another order than the template's. */
  outOfOrder: boolean;
  /** The text of each cell comment of the sheet, by address. */
  notes: Map<string, string>;
  /** Cells under the header, in the table's columns, holding a formula saved with no result (`A5`). */
  uncached: Set<string>;
  /** Cells under the header, in the table's columns, holding an error value, with it (`A5` → `#N/A`). */
  errorValues: Map<string, string>;
}

export interface LocatedRow<V = RawValues> {
  key: string;
  row: number | null;
  /** Every fixed text equals the template's (by textKey). */
  fixedMatches: boolean;
  /** The row's values; null when the row was not found. */
  values: V | null;
}

/**
 * A row's cell values in the order of the layout's columns (`layout.columns`),
 * null where a column holds nothing; a list's columns with no answer cell are
 * not read (null). One array for every row: a converter keeps what it needs
 * of it, not the array.
 */
export type RowValues = readonly CellValue[];

/** Makes a row's raw values into what is kept of them, as each row is read: a sheet's rows need not all be held raw. */
export type RowConverter<V> = (values: RowValues, at: { row: number; key: string }) => V;

/** The converter when none is given: each row's values by column key. */
const byKey =
  (def: FormDefinition<any>): RowConverter<RawValues> =>
  (values) =>
    Object.fromEntries(def.layout.columns.map((c, i) => [c.key, values[i] ?? null]));

export interface ReadOptions<V> {
  stop?: Stop;
  /** The sheet is read for the last time: its text is let go of as it is read (see `Book.rows`). */
  last?: boolean;
  convert?: RowConverter<V>;
  /** A list's rows are not kept, only given to `convert` (which judged them as they came): `rows` is then empty. */
  passRows?: boolean;
}

/** A form's header row, found among the first rows of a sheet. */
export interface TableStart {
  sheet: SheetPart;
  headerRow: number;
  /** Column number by column key. */
  columns: Record<string, number>;
  /** The rows above the header. */
  above: HeadRow[];
}

/** How far below the header to look for a template's rows. */
const BODY_SCAN = 200;
/** How far below the table to look for its labelled values. */
const FIELD_SCAN = 20;
/** The signature line under a table ends a list: `填表人：…　审核人：…　联系电话：…`. */
const FOOTER_WORDS = ['填表人', '填报人', '制表人', '审核人', '复核人', '负责人', '单位负责人', '联系人', '联系电话'];
const FOOTER = new RegExp(`^(${FOOTER_WORDS.join('|')})：`);

const address = (col: number, row: number) => `${columnLetter(col)}${row}`;

/** Some sheet has the form's title (any unit) in its first rows: `…行政复议工作问题台账`. */
export function titleFound(wb: OpenWorkbook, def: FormDefinition<any>): boolean {
  const suffix = textKey(def.layout.title.replace('{unit}', ''));
  return wb.heads.some(({ rows }) => rows.some((row) => row.shown.some((v) => cellKey(v).endsWith(suffix))));
}

/** The first sheet whose first rows hold the form's header, wherever its columns were moved; null if none. */
export function findTable(wb: OpenWorkbook, def: FormDefinition<any>): TableStart | null {
  for (const { sheet, rows } of wb.heads) {
    for (const [i, row] of rows.entries()) {
      const keys = Array.from(row.shown, (v) => cellKey(v));
      const columns: Record<string, number> = {};
      const used = new Set<number>();
      for (const col of def.layout.columns) {
        const want = textKey(col.header);
        // Exact first; a header with something added (`完成时限（日期）`) second.
        let at = keys.findIndex((k, c) => c > 0 && !used.has(c) && k === want);
        if (at < 0) at = keys.findIndex((k, c) => c > 0 && !used.has(c) && k.includes(want));
        if (at < 0) break;
        columns[col.key] = at;
        used.add(at);
      }
      if (Object.keys(columns).length === def.layout.columns.length) return { sheet, headerRow: row.r, columns, above: rows.slice(0, i) };
    }
  }
  return null;
}

/** Read a form's table from where its header was found: the sheet is read row by row, once for its rows and once for its merged ranges. */
export async function readTable<V = RawValues>(wb: OpenWorkbook, def: FormDefinition<any>, start: TableStart, opts: ReadOptions<V> = {}): Promise<Located<V>> {
  const { layout } = def;
  const convert = opts.convert ?? (byKey(def) as RowConverter<unknown> as RowConverter<V>);
  // Refused before a row is read, rather than after the limit's worth of them.
  if (wb.book.rowCount(start.sheet) > LIMITS.rows) throw tooManyRows(start.sheet.name);
  const uncached = new Set<string>();
  const errorValues = new Map<string, string>();
  const below = rowsBelow(wb, start, new MergeSpread(wb.book.merges(start.sheet)), { uncached, errorValues }, opts);
  const body = layout.rows ? await fixedRows(def, start, below, convert) : await listRows(def, start, below, convert, opts.passRows ?? false);
  const order = body.rows.map((r) => r.row).filter((r): r is number => r !== null);
  return {
    sheet: start.sheet.name,
    headerRow: start.headerRow,
    ...tableHead(def, start),
    meta: wb.meta,
    date1904: wb.book.date1904,
    rows: body.rows,
    fields: readFields(def, body.after),
    missing: body.rows.filter((r) => r.row === null).map((r) => r.key),
    outOfOrder: order.some((r, i) => i > 0 && r < order[i - 1]!),
    notes: wb.book.notes(start.sheet),
    uncached,
    errorValues,
  };
}

/** Find a form's table in a workbook and read it; null if no sheet has its header. */
export async function locateForm(wb: OpenWorkbook, def: FormDefinition<any>, stop?: Stop): Promise<Located | null> {
  const start = findTable(wb, def);
  return start && readTable(wb, def, start, { stop });
}

/** A row under the header as it stands, and with merged ranges spread over it (for reading answers). */
type Below = { row: Row; spread: CellValue[] };

/**
 * The rows under the header, those of a chunk of the sheet together; the
 * table's cells holding formulas with no result, or error values, are added to `unread` as they pass.
 */
async function* rowsBelow(
  wb: OpenWorkbook,
  start: TableStart,
  merges: MergeSpread,
  unread: Pick<Located, 'uncached' | 'errorValues'>,
  { stop, last }: Pick<ReadOptions<unknown>, 'stop' | 'last'>,
): AsyncGenerator<Below[]> {
  const columns = new Set(Object.values(start.columns));
  for await (const rows of wb.book.rowBatches(start.sheet, stop, last)) {
    const below: Below[] = [];
    for (const row of rows) {
      const spread = merges.spread(row.r, row.cells);
      if (row.r <= start.headerRow) continue;
      if (row.uncached) for (const c of row.uncached) if (columns.has(c)) unread.uncached.add(address(c, row.r));
      if (row.errors) for (const { col, text } of row.errors) if (columns.has(col)) unread.errorValues.set(address(col, row.r), text);
      below.push({ row, spread });
    }
    if (below.length) yield below;
  }
}

/** What is known of a table before its rows are read: its column letters, and the title and info line above the header. */
export function tableHead(def: FormDefinition<any>, start: TableStart): Pick<Located, 'columns' | 'title' | 'info'> {
  const columns = Object.fromEntries(Object.entries(start.columns).map(([k, c]) => [k, columnLetter(c)]));
  let info: Located['info'] = null;
  const texts: { text: string; cell: string }[] = [];
  for (const { r, cells } of start.above) {
    const row: { text: string; cell: string }[] = [];
    cells.forEach((v, c) => {
      const text = cellText(v).trim();
      if (text) row.push({ text, cell: address(c, r) });
    });
    // An info line may be spread over cells (`填报单位：…` in A2, `填报日期：` in D2, the date in E2): read it whole.
    if (row.some((c) => INFO_LINE.test(c.text))) {
      const text = row.map((c) => c.text).join('　　');
      info = info ? { text: `${info.text}　　${text}`, cell: info.cell } : { text, cell: row[0]!.cell };
    } else texts.push(...row);
  }
  // The title holds the template's words around `{unit}`; failing that, the text nearest the header.
  const parts = def.layout.title.split('{unit}').map(textKey).filter(Boolean);
  const title = texts.find((t) => parts.every((p) => textKey(t.text).includes(p))) ?? texts.at(-1) ?? null;
  return { columns, title, info };
}

/** The table's rows, and the rows under it where its labelled values are looked for. */
type Body<V> = { rows: LocatedRow<V>[]; after: Row[] };

/** The template's rows, each found by its label wherever it stands below the header. */
async function fixedRows<V>(def: FormDefinition<any>, start: TableStart, below: AsyncIterable<Below[]>, convert: RowConverter<V>): Promise<Body<V>> {
  const { layout } = def;
  const { headerRow, columns } = start;
  const held: Below[] = [];
  read: for await (const batch of below)
    for (const b of batch) {
      if (b.row.r > headerRow + BODY_SCAN + FIELD_SCAN) break read;
      held.push(b);
    }
  const fixedCols = layout.columns.filter((c) => !c.cell);
  const claimed = new Set<number>();
  const rows = layout.rows!.map((fixed): LocatedRow<V> => {
    const label = textKey(fixed.label);
    const found = held.find(
      ({ row, spread }) =>
        row.r <= headerRow + BODY_SCAN && !claimed.has(row.r) && fixedCols.some((c) => cellKey(spread[columns[c.key]!]).includes(label)),
    );
    if (!found) return { key: fixed.key, row: null, fixedMatches: false, values: null };
    const r = found.row.r;
    claimed.add(r);
    const fixedMatches = fixedCols.every((c) => {
      const text = cellKey(found.spread[columns[c.key]!]);
      // A group's text written once, with the rows below left blank, is how it prints unmerged.
      return text === textKey(fixed.fixed[c.key] ?? '') || (text === '' && (layout.mergeDown ?? []).includes(c.key));
    });
    const values = layout.columns.map((c) => found.spread[columns[c.key]!] ?? null);
    return { key: fixed.key, row: r, fixedMatches, values: convert(values, { row: r, key: fixed.key }) };
  });
  const end = Math.max(headerRow, ...claimed);
  return { rows, after: held.map((b) => b.row).filter((row) => row.r > end && row.r <= end + FIELD_SCAN) };
}

/**
 * A list's rows: every row below the header with something in an answer
 * column, up to the fields or notes under the table. Blank rows in between
 * are skipped; a blank fill-down cell takes the value above.
 */
async function listRows<V>(
  def: FormDefinition<any>,
  start: TableStart,
  below: AsyncIterable<Below[]>,
  convert: RowConverter<V>,
  pass: boolean,
): Promise<Body<V>> {
  const { layout } = def;
  const { columns } = start;
  // The answer columns: where each stands in the layout (and in `values`), and in the sheet.
  const inputs = layout.columns.flatMap((c, i) => (c.cell ? [i] : []));
  const inputCols = inputs.map((i) => columns[layout.columns[i]!.key]!);
  const fillDown = inputs.map((i) => !!layout.columns[i]!.fillDown);
  const stops = [...(layout.fields?.items.map((f) => textKey(f.label)) ?? []), ...layout.notes.map((n) => textKey(n).slice(0, 6))];
  const starts = endStarts(stops);
  const rows: LocatedRow<V>[] = [];
  let count = 0;
  const values: CellValue[] = layout.columns.map(() => null);
  // The value a fill-down column's blank cells take, by answer column.
  const carried: CellValue[] = inputs.map(() => null);
  let end = start.headerRow;
  // The rows after the last list row, as far as fields are looked for.
  let after: Row[] = [];
  // Past the list's end (the fields or the signature line), only the rows where fields are looked for.
  let ended = false;
  read: for await (const batch of below)
    for (const { row, spread } of batch) {
      if (ended) {
        if (row.r > end + FIELD_SCAN) break read;
        after.push(row);
        continue;
      }
      const kind = rowKind(spread, inputCols, stops, starts);
      if (kind === 'end') {
        // The fields (or the signature line) start here, however many empty rows the blank left above them.
        end = row.r - 1;
        after = [row];
        ended = true;
        continue;
      }
      if (kind === 'blank') {
        if (row.r <= end + FIELD_SCAN && row.cells.length) after.push(row);
        continue;
      }
      for (let k = 0; k < inputs.length; k++) {
        let v = spread[inputCols[k]!] ?? null;
        if (fillDown[k]) {
          if (v === null || (typeof v === 'string' && !v.trim())) v = carried[k]!;
          else carried[k] = v;
        }
        values[inputs[k]!] = v;
      }
      const key = String(count++);
      const converted = convert(values, { row: row.r, key });
      if (!pass) rows.push({ key, row: row.r, fixedMatches: true, values: converted });
      end = row.r;
      after = [];
    }
  return { rows, after };
}

/**
 * What a row below a list's header is: a list row; blank in every answer
 * column; or the end of the list, where a field's label, a note or the
 * signature line stands.
 */
function rowKind(cells: CellValue[], columns: number[], stops: string[], starts: ReadonlySet<number> | null): 'row' | 'blank' | 'end' {
  let first = true;
  for (const c of columns) {
    const v = cells[c];
    if (v === undefined || v === null || (typeof v === 'string' && blank(v))) continue;
    // A number or a date is an answer, never a label.
    if (typeof v !== 'string') {
      first = false;
      continue;
    }
    // Keys are made only where they can end the list: every answer when there are stops, else the first;
    // and not for a text whose key starts as it does (see `endStarts`) with a character no end starts with.
    if ((first || stops.length) && !(starts && keptFirst(v.charCodeAt(0)) && !starts.has(v.charCodeAt(0)))) {
      const key = textKey(v);
      if (stops.some((s) => key.startsWith(s)) || (first && FOOTER.test(key))) return 'end';
    }
    first = false;
  }
  return first ? 'blank' : 'row';
}

/**
 * Whether a text is white space alone, as `trim` would leave nothing: told
 * without trimming when it starts with visible ASCII or a Chinese character,
 * as a list's answers do (`rowKind` asks it of every answer of every row).
 */
function blank(v: string): boolean {
  const c = v.charCodeAt(0);
  return !((c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff)) && !v.trim();
}

/**
 * The characters a key ending a list starts with: a stop's first, or the
 * signature line's; null when a stop is empty (every key starts one).
 */
function endStarts(stops: readonly string[]): ReadonlySet<number> | null {
  if (stops.some((s) => s === '')) return null;
  return new Set([...stops, ...FOOTER_WORDS].map((s) => s.charCodeAt(0)));
}

/** A first character `textKey` keeps first: a Chinese character, an ASCII letter or digit (no space, no full-width form, no punctuation). */
const keptFirst = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

/** The labelled values under the table: `办公室主任 | 靳莲`, or `办公室主任：靳莲` in one cell. */
function readFields(def: FormDefinition<any>, after: Row[]): Located['fields'] {
  const out: Located['fields'] = {};
  for (const field of def.layout.fields?.items ?? []) {
    const label = textKey(field.label);
    out[field.key] = null;
    for (const { r, cells } of after) {
      const c = cells.findIndex((v) => v !== undefined && cellKey(v).startsWith(label));
      if (c < 0) continue;
      const text = cellKey(cells[c]);
      const rest = cellText(cells[c]).trim().replace(/^.*?[：:]/, '');
      if (text !== label && text !== `${label}：` && rest) out[field.key] = { value: rest.trim(), cell: address(c, r) };
      else {
        const k = cells.findIndex((v, k) => k > c && cellText(v).trim() !== '');
        // A label with nothing beside it: the empty cell next to it is where the value belongs.
        out[field.key] = k > 0 ? { value: cells[k]!, cell: address(k, r) } : { value: null, cell: address(c + 1, r) };
      }
      break;
    }
  }
  return out;
}
