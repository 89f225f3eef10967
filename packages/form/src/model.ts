import * as z from 'zod';
import type { CellType } from './cells.ts';
import type { CompileSpec } from './compile.ts';
import type { FormHeader } from './form-schema.ts';
import { checkSchemaFields } from './schema-check.ts';
import { checkLayout } from './layout-check.ts';
import { formRules } from './form-rules.ts';
import type { Finding, Issue } from './issues.ts';
import type { OutputContext, PrintSpec, SheetSpec } from './output.ts';
import type { Catalogue } from './rule-catalogue.ts';
import type { UnitList } from './units.ts';
import { withZeroReport, type ZeroReport } from './zero-report.ts';

/** One column of a form's table. */
export interface Column {
  key: string;
  /** Header text exactly as printed. */
  header: string;
  /** Width in Excel characters (the PDF sizes its columns to their text). */
  width: number;
  /** Filled by the clerk: how the cell reads and writes. Absent for fixed text and the row number. */
  cell?: CellType<any, z.ZodType>;
  /** Middle part of rule ids for this column's cell problems (`deadline` → `ledger.deadline.unparsable`). */
  rule?: string;
  /** Input hint shown when the clerk selects the cell. */
  hint?: { title: string; prompt: string };
  /** 序号: numbered by the engine, not read back. */
  serial?: boolean;
  /** A blank cell continues the value above, as a role printed once for its group. */
  fillDown?: boolean;
}

/** A body row the template prints, with its fixed texts. */
export interface FixedRow {
  key: string;
  /** The fixed texts by column key. */
  fixed: Record<string, string>;
  /** Short text that identifies the row in a submission even when its fixed text was edited. */
  label: string;
}

/** A labelled value under the table (`办公室主任 | 靳莲`). */
export interface Field {
  key: string;
  label: string;
  cell: CellType<any, z.ZodType>;
  rule?: string;
}

/**
 * A form's printed layout: title, table, notes. Its columns' and fields' cells
 * make its data's schema (formSchema): declare it `as const satisfies Layout`
 * so that their keys and types are known to TypeScript too.
 */
export interface Layout {
  sheet: string;
  /** Title with `{unit}` where the unit's name goes. */
  title: string;
  /** What the blank gazette form has in place of the unit (`XX县（市、区）`). */
  placeholder: string;
  /** Print the `填报单位：…　　填报日期：…` line under the title. */
  infoLine: boolean;
  columns: readonly Column[];
  /**
   * The rows the template prints, with fixed texts (data by row key). Absent
   * for a list: one row per entry, as many as the clerk needs (data an array).
   */
  rows?: readonly FixedRow[];
  /** Empty rows a blank list offers. */
  blankRows?: number;
  /** Columns whose equal neighbouring fixed texts are one merged cell (`重点检视`). */
  mergeDown?: readonly string[];
  /** Data key that holds the rows. */
  dataKey: string;
  /** Labelled values after the table and one empty row: label in one column, value from another. */
  fields?: { labelColumn: string; valueColumn: string; items: readonly Field[] };
  /** The column where a clerk explains a row (`备注`): a warning on that row counts as explained when it is filled. */
  remarkColumn?: string;
  /** Keep the header row in view while scrolling a long list. */
  freezeHeader?: boolean;
  orientation: 'portrait' | 'landscape';
  notes: readonly string[];
}

export interface RuleContext {
  units: UnitList;
  /** The period the submission is for, when known. */
  period?: string;
  /** The day against which time limits are judged, `YYYY-MM-DD`. */
  asOf: string;
  /**
   * Some rows were set aside for errors of their own: a rule about what the
   * form lacks (a role, a unit) would judge an incomplete list, and keeps quiet.
   */
  partial?: boolean;
  /** Last month's submission of the same unit, when this month's is compared with it (`--previous`). */
  previous?: Record<string, any>;
}

/** Checks beyond the schema, on the whole of the data the schema accepted. */
export type Rules<T> = (data: T, ctx: RuleContext) => Finding[];

/**
 * A list's checks beyond the schema, given one entry at a time as the sheet
 * is read, so that a list of any length is judged without being held whole.
 * The list's own schema checks (its length) are made on the whole; each
 * entry is parsed by the list's element schema first.
 */
export interface EntryRules<E> {
  /** What is wrong with one entry; paths start at the entry (`['method']`). */
  entry(entry: E, ctx: RuleContext, head: FormHeader): Finding[];
  /** Checks across entries: each entry the schema accepted in turn, then what is wrong (paths `[index, key]`, by that order). */
  across(): { add(entry: E, index: number): void; end(ctx: RuleContext): Finding[] };
}

export interface FormDefinition<T extends FormHeader = FormHeader> {
  id: string;
  /** Chinese name. */
  name: string;
  version: string;
  /** The document it comes from (`焦政办〔2023〕24号`). */
  source: string;
  /** First part of this form's rule ids (`ledger`). */
  rulePrefix: string;
  /** Reported for a month: a submission must say which. */
  monthly: boolean;
  /** The city itself may report this form, not only its units. */
  cityReports: boolean;
  /** The last day a monthly submission is on time, `YYYY-MM-DD`, for its period (`2023-06` → `2023-06-28`). */
  dueDate?(period: string): string;
  /** Its data: formSchema(layout), narrowed by the template as zod narrows a schema; its fields are the layout's. */
  schema: z.ZodType<T>;
  layout: Layout;
  /** Checks beyond the schema: on the whole data, or for a list, entry by entry. */
  rules: Rules<T> | EntryRules<any>;
  /** The rules its template raises, each declared once (`defineRules`); `formRules` adds those of its layout. */
  catalogue: Catalogue<any>;
  /** Nothing reported asks for a zero report to be confirmed (`<form>.zero-report`, raised by the engine after its rules). */
  zeroReport?: ZeroReport<T>;
  /** Sheets after the form's own: reference lists, and computed ones when `data` is given. */
  sheets?(data: T | null, ctx: OutputContext): SheetSpec[];
  print: PrintSpec;
  /** What the city's compilation of its units' returns adds for this form (`tianbao compile`). */
  compile?: CompileSpec<T>;
  /** The form a unit starts the month `period` from, given last month's (`blank --previous`): what carries over, to update. */
  carry?(previous: T, period: string): T;
  /**
   * What next month's form is compared with (`--previous`, `RuleContext.previous`): this month's `data`, as
   * checked against `previous` (what it was compared with, if anything) with the `issues` found and the
   * clerk's answers to them. Without it, `data` itself.
   */
  compared?(data: T, issues: readonly Issue[], previous?: Record<string, any>): Record<string, any>;
  /** Sample submissions, shipped with the template (for the demo). */
  samples: T[];
}

/**
 * A form as its template declares it: its samples made by a function, called
 * on first use (listing the forms, or checking a file, never needs them).
 */
export type FormDeclaration<T extends FormHeader, R> = Omit<FormDefinition<T>, 'rules' | 'samples'> & { rules: R; samples: () => T[] };

/**
 * Declare a form; checks that the layout and the schema agree, field by field
 * (a schema made by formSchema and extended or refined by the template does).
 * `R`: how its rules judge (whole, by default).
 */
export function defineForm<T extends FormHeader, R extends Rules<T> | EntryRules<any> = Rules<T>>(
  declared: FormDeclaration<T, R>,
): FormDefinition<T> & { rules: R } {
  const { samples, ...given } = declared;
  let made: T[] | undefined;
  const def = {
    ...given,
    rules: withZeroReport(given),
    get samples() {
      return (made ??= samples());
    },
  };
  const { layout } = def;
  checkLayout(def.id, layout);
  checkSchemaFields(def.id, def.schema, layout);
  const ids = formRules(def).map((r) => r.id);
  const strays = def.catalogue.rules.filter((r) => !r.id.startsWith(`${def.rulePrefix}.`)).map((r) => r.id);
  if (strays.length) throw new Error(`${def.id}: rules outside its prefix ${def.rulePrefix}: ${strays.join(', ')}`);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) throw new Error(`${def.id}: rules declared twice (by the template and by its layout's cells): ${twice.join(', ')}`);
  if (typeof def.rules !== 'function') entrySchemas(def);
  return def;
}

/**
 * For a form judged entry by entry: the schema of one entry, and the form's
 * schema with the list taken as it stands (its own checks, on its length, kept).
 */
export function entrySchemas(def: FormDefinition<any>): { entry: z.ZodType; whole: z.ZodType } {
  const schema = def.schema;
  const list = schema instanceof z.ZodObject ? schema.shape[def.layout.dataKey] : undefined;
  if (def.layout.rows || !(schema instanceof z.ZodObject) || !(list instanceof z.ZodArray))
    throw new Error(`${def.id}: rules entry by entry need a list, and a schema object holding it as an array`);
  const taken = z.array(z.any()).check(...((list.def.checks ?? []) as z.core.$ZodCheck<any[]>[]));
  // safeExtend: a template's refinement of the whole (`.superRefine`) stays, and runs on the list taken as it stands.
  return { entry: list.element as z.ZodType, whole: schema.safeExtend({ [def.layout.dataKey]: taken }) };
}

/** The title for a unit: `修武县行政复议工作问题台账`. */
export function titleFor(layout: Layout, unit: string): string {
  return layout.title.replace('{unit}', unit);
}

/**
 * The table's body as rows of values by column key: the template's rows in
 * order, or the list's entries.
 */
export function bodyRows(layout: Layout, data: Record<string, any> | null): { fixed?: FixedRow; values: Record<string, unknown> }[] {
  const table = data?.[layout.dataKey];
  if (layout.rows) return layout.rows.map((fixed) => ({ fixed, values: (table as Record<string, Record<string, unknown>> | undefined)?.[fixed.key] ?? {} }));
  return ((table ?? []) as Record<string, unknown>[]).map((values) => ({ values }));
}
