import { inputColumns, type CellProblem, type CellValue, type Column, type Field, type FormDefinition, type ReadContext } from '@tianbao/form';
import type { Located, RowConverter } from '@tianbao/xlsx/read';

/** Excel keeps at most this many characters in a cell; a longer text was not written by Excel. */
const MAX_CELL_CHARS = 32767;

export interface CellFinding {
  cell: string;
  rule: string;
  problem: CellProblem;
}

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

/** Takes each row's entry as it is read, with what its cells' types found wrong, instead of its being kept. */
export type EntrySink = (entry: Entry, row: number, problems: readonly CellFinding[]) => void;

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
    const inputs = inputColumns(def.layout);
    const remark = def.layout.remarkColumn;
    // An entry with every cell read is copied from one JSON made with every key in place: a third of the
    // memory of one grown a key at a time, and a long list makes one a row (see `listRows`).
    const shape = JSON.parse(JSON.stringify(Object.fromEntries(inputs.map((c) => [c.key, null])))) as Entry;
    const read: unknown[] = [];
    // Each column's letter and read context looked up once, not a cell at a time.
    const letters = inputs.map((col) => this.columns[col.key]!);
    const contexts = inputs.map((col) => this.contextOf(col.header));
    this.row = (values, at) => {
      const before = this.problems.length;
      let whole = true;
      for (let i = 0; i < inputs.length; i++) {
        const col = inputs[i]!;
        read[i] = this.readAt(col, contexts[i]!, values[col.key] ?? null, letters[i]!, at.row);
        if (read[i] === undefined) whole = false;
      }
      const entry: Entry = whole ? { ...shape } : {};
      for (let i = 0; i < inputs.length; i++) if (read[i] !== undefined) entry[inputs[i]!.key] = read[i];
      const note = remark && values[remark];
      if (typeof note === 'string' && note.trim()) this.remarked.add(at.row);
      if (sink) sink(entry, at.row, this.problems.length > before ? this.problems.splice(before) : NO_FINDINGS);
      else {
        this.keys.push(at.key);
        this.entries.push(entry);
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
    return this.readAt(spec, this.contextOf(header), raw, cell, '');
  }

  /** The read context of the column or field headed `header`. */
  private contextOf(header: string): ReadContext {
    let ctx = this.contexts.get(header);
    if (!ctx) this.contexts.set(header, (ctx = { header, year: this.year, date1904: this.date1904 }));
    return ctx;
  }

  /** `read` of the cell at `column` and `row`, its address written only for a problem: a long list has many cells, few problems. */
  private readAt(spec: Column | Field, ctx: ReadContext, raw: CellValue, column: string, row: number | ''): unknown {
    if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
      const cell = `${column}${row}`;
      const message = `${ctx.header}有 ${raw.length} 个字符，超过 Excel 单元格的上限 ${MAX_CELL_CHARS} 个字符，未检查其内容；请精简，或把说明另附材料`;
      this.problems.push({ cell, rule: 'cell.too-long', problem: { kind: 'too-long', message } });
      return undefined;
    }
    const out = spec.cell!.read(raw, ctx);
    for (let i = 0; i < out.problems.length; i++)
      this.problems.push({ cell: `${column}${row}`, rule: `${this.def.rulePrefix}.${spec.rule ?? spec.key}.${out.problems[i]!.kind}`, problem: out.problems[i]! });
    return out.value;
  }
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
