import { inputColumns, Remembered, type CellProblem, type CellValue, type Column, type Field, type FormDefinition, type ReadContext } from '@tianbao/form';
import type { Located, RowConverter } from '@tianbao/xlsx/read';

/** Excel keeps at most this many characters in a cell; a longer text was not written by Excel. */
const MAX_CELL_CHARS = 32767;

export interface CellFinding {
  cell: string;
  rule: string;
  problem: CellProblem;
}

/** What a cell type's read gives. */
type Read = ReturnType<NonNullable<Column['cell']>['read']>;

/** What most rows' cells have wrong: one frozen array for all of them. */
const NO_FINDINGS: readonly CellFinding[] = Object.freeze([]);

/** A row's answers as the form's data holds them, by column key; a cell that could not be read is left out. */
export type Entry = Record<string, unknown>;

/** A located table turned into the form's data. */
export interface ReadData {
  /** The data, handed over once: the reader keeps no hold on it, so a long list is not held twice once parsed. */
  take(): Record<string, any>;
  /** The cell behind a data path (`rows.acceptance.deadlines`, `entries.3.code`, `officeDirector`), or null. */
  cellOf(path: readonly (string | number)[]): string | null;
}

/** The cell of an entry's answer in a row: the named column's, or the entry's first answer cell for any other name. */
export type AnswerCell = (row: number, column?: PropertyKey) => string | null;

export function answerCells(def: FormDefinition<any>, columns: Record<string, string>): AnswerCell {
  const inputs = new Set(inputColumns(def.layout).map((c) => c.key));
  const first = inputColumns(def.layout)[0]?.key;
  return (row, column) => {
    const key = typeof column === 'string' && inputs.has(column) ? column : first;
    return key ? `${columns[key]}${row}` : null;
  };
}

/**
 * Takes each row's answers as they are read, with what their cells' types
 * found wrong, instead of their being kept: `values` by answer column, in the
 * layout's order (`inputColumns`), undefined for a cell that could not be
 * read. One array for every row: the sink keeps what it needs of it, not the array.
 */
export type EntrySink = (values: readonly unknown[], row: number, problems: readonly CellFinding[]) => void;

/** Values of a column (texts, whole numbers) whose reads are remembered, at most (see `Remembered`). */
const REMEMBERED_READS = 4096;

/**
 * Reads cells through their column's cell type, collecting what is wrong with
 * each. `row` reads a table row as the sheet is read, so that only the form's
 * values of a long list are kept, not the cells they came from; given a
 * `sink`, not even those.
 */
export class CellReader {
  readonly problems: CellFinding[] = [];
  /** Rows (by number) whose remark column is filled: a warning there has been answered. */
  readonly remarked = new Set<number>();
  readonly row: RowConverter<void>;
  /** One read context a column. */
  private readonly contexts = new Map<string, ReadContext>();
  private keys: string[] = [];
  private entries: Entry[] = [];

  constructor(
    private readonly def: FormDefinition<any>,
    private readonly columns: Record<string, string>,
    private readonly year: number | undefined,
    private readonly date1904: boolean,
    sink?: EntrySink,
  ) {
    const { layout } = def;
    const inputs = inputColumns(layout);
    const entryOf = entryMaker(inputs.map((c) => c.key));
    // Where each answer column's value stands in a row's values, and the remark column's.
    const at = inputs.map((c) => layout.columns.indexOf(c));
    const remark = layout.columns.findIndex((c) => c.key === layout.remarkColumn);
    const read: unknown[] = [];
    // Each column's letter and read context looked up once, not a cell at a time; a read remembered while values repeat:
    // texts, and whole numbers from 1 (a date column's serials: a list's deadlines are a few; coordinates never repeat).
    const letters = inputs.map((col) => this.columns[col.key]!);
    const contexts = inputs.map((col) => this.contextOf(col.header));
    const reads = inputs.map((col, i) => new Remembered((raw: string | number) => col.cell.read(raw, contexts[i]!), REMEMBERED_READS));
    this.row = (values, { row, key }) => {
      const before = this.problems.length;
      for (let i = 0; i < inputs.length; i++) {
        const raw = values[at[i]!] ?? null;
        const remembered = typeof raw === 'string' || (typeof raw === 'number' && raw >= 1 && Number.isInteger(raw));
        read[i] = this.readAt(inputs[i]!, contexts[i]!, raw, letters[i]!, row, remembered ? reads[i] : undefined);
      }
      const note = remark >= 0 && values[remark];
      if (typeof note === 'string' && note.trim()) this.remarked.add(row);
      if (sink) sink(read, row, this.problems.length > before ? this.problems.splice(before) : NO_FINDINGS);
      else {
        this.keys.push(key);
        this.entries.push(entryOf(read));
      }
    };
  }

  /** The entries read, in sheet order, with their rows' keys, handed over once. */
  take(): { keys: string[]; entries: Entry[] } {
    const out = { keys: this.keys, entries: this.entries };
    this.keys = [];
    this.entries = [];
    return out;
  }

  read(spec: Column | Field, header: string, raw: CellValue, cell: string): unknown {
    return this.readAt(spec, this.contextOf(header), raw, cell, '', undefined);
  }

  /** The read context of the column or field headed `header`. */
  private contextOf(header: string): ReadContext {
    let ctx = this.contexts.get(header);
    if (!ctx) this.contexts.set(header, (ctx = { header, year: this.year, date1904: this.date1904 }));
    return ctx;
  }

  /**
   * `read` of the cell at `column` and `row`, its address written only for a problem: a long list has many cells,
   * few problems. `reads`: the column's reads remembered, for a value `raw` they are remembered by.
   */
  private readAt(spec: Column | Field, ctx: ReadContext, raw: CellValue, column: string, row: number | '', reads: Remembered<string | number, Read> | undefined): unknown {
    if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
      const cell = `${column}${row}`;
      const message = `${ctx.header}有 ${raw.length} 个字符，超过 Excel 单元格的上限 ${MAX_CELL_CHARS} 个字符，未检查其内容；请精简，或把说明另附材料`;
      this.problems.push({ cell, rule: 'cell.too-long', problem: { kind: 'too-long', message } });
      return undefined;
    }
    const out = reads ? reads.get(raw as string | number) : spec.cell!.read(raw, ctx);
    for (let i = 0; i < out.problems.length; i++)
      this.problems.push({ cell: `${column}${row}`, rule: `${this.def.rulePrefix}.${spec.rule ?? spec.key}.${out.problems[i]!.kind}`, problem: out.problems[i]! });
    return out.value;
  }
}

/**
 * Makes the entry of a row's answers (`values` by answer column, named by
 * `keys`), a cell that could not be read left out.
 */
export function entryMaker(keys: readonly string[]): (values: readonly unknown[]) => Entry {
  // An entry with every cell read is copied from one JSON made with every key in place: a third of the
  // memory of one grown a key at a time, and a long list kept makes one a row.
  const shape = JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, null])))) as Entry;
  return (values) => {
    let whole = true;
    for (let i = 0; i < keys.length; i++) if (values[i] === undefined) whole = false;
    const entry: Entry = whole ? { ...shape } : {};
    for (let i = 0; i < keys.length; i++) if (values[i] !== undefined) entry[keys[i]!] = values[i];
    return entry;
  };
}

/** The form's data from a table read with `reader.row`, and the fields under it. */
export function readData(def: FormDefinition<any>, loc: Located<void>, reader: CellReader): ReadData {
  const { layout } = def;
  const found = loc.rows.filter((r) => r.row !== null);
  const fields: Record<string, unknown> = {};
  for (const field of layout.fields?.items ?? []) {
    const at = loc.fields[field.key];
    if (!at) continue;
    const v = reader.read(field, field.label, at.value, at.cell);
    if (v !== undefined) fields[field.key] = v;
  }

  const rowByKey = layout.rows ? new Map(found.map((r) => [r.key, r.row!])) : null;
  const answer = answerCells(def, loc.columns);
  const cellOf = (path: readonly (string | number)[]): string | null => {
    const [head, key, column] = path;
    if (head !== layout.dataKey) return path.length === 1 ? (loc.fields[String(head)]?.cell ?? null) : null;
    if (key === undefined) return null;
    const row = rowByKey ? rowByKey.get(String(key)) : found[Number(key)]?.row;
    return row === undefined || row === null ? null : answer(row, column);
  };
  const take = () => {
    const { keys, entries } = reader.take();
    return { [layout.dataKey]: layout.rows ? Object.fromEntries(keys.map((k, i) => [k, entries[i]])) : entries, ...fields };
  };
  return { take, cellOf };
}
