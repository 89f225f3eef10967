import * as z from 'zod';
import type { CellType } from './cells.ts';
import { IsoDate, Period } from './dates.ts';
import { LINE_BREAK } from './text.ts';
import type { Column, Layout } from './model.ts';

/** The fields every form carries besides its table: who reports, for which month. */
export const FormHeader = z.object({
  /** Reporting unit, as written in the title (`修武县`). */
  unit: z.string().trim().min(1),
  /** Reporting month, `YYYY-MM`. */
  period: Period.optional(),
  /** 填报单位, the office that filled the form: one line, as the 填报 line under the title holds it. */
  filler: z
    .string()
    .trim()
    .min(1)
    .refine((s) => !LINE_BREAK.test(s), '只写一行，不能分段')
    .optional(),
  /** 填报日期. */
  reportDate: IsoDate.optional(),
});
export type FormHeader = z.infer<typeof FormHeader>;

/** The columns the clerk fills: those with a cell type. */
export const inputColumns = (layout: Layout) => layout.columns.filter((c): c is Column & { cell: CellType<any, z.ZodType> } => !!c.cell);

type Filled = { key: string; cell: { schema: z.ZodType } };
/** A key TypeScript knows: a layout not declared `as const` has none. */
type Known<K extends string> = string extends K ? never : K;
/** Each filled column's (or field's) cell schema by its key. */
type CellShape<C> = { [E in C as E extends Filled ? Known<E['key']> : never]: E extends Filled ? E['cell']['schema'] : never };
type Entry<L extends Layout> = z.ZodObject<CellShape<L['columns'][number]>, z.core.$strip>;
/** A list's entries, or the template's rows by key, each one left out a blank row. */
type Table<L extends Layout> = L extends { rows: readonly { key: infer K extends string }[] }
  ? z.ZodObject<{ [R in K]: z.ZodPrefault<Entry<L>> }, z.core.$strip>
  : z.ZodArray<Entry<L>>;
type Fields<L extends Layout> = L extends { fields: { items: readonly (infer F)[] } } ? CellShape<F> : {};
type Flat<T> = { [K in keyof T]: T[K] };

/** The schema formSchema makes of a layout, as exact as the layout's type (`as const satisfies Layout`). */
export type FormSchema<L extends Layout> = z.ZodObject<
  Flat<typeof FormHeader.shape & { [K in Known<L['dataKey']>]: Table<L> } & Fields<L>>,
  z.core.$strip
>;

/**
 * A form's data schema, made from its layout: the header every form has, the
 * table under `dataKey` (a list of entries, or the template's rows by key),
 * and the fields under the table; each column and field as its cell type's
 * schema. A template narrows it as zod does (`.extend`, `.superRefine`).
 */
export function formSchema<const L extends Layout>(layout: L): FormSchema<L> {
  const cells = (items: readonly { key: string; cell?: CellType<any, z.ZodType> }[]) =>
    Object.fromEntries(items.flatMap((c) => (c.cell ? [[c.key, c.cell.schema]] : [])));
  const entry = z.object(cells(layout.columns));
  const table = layout.rows
    ? z.object(Object.fromEntries(layout.rows.map((row) => [row.key, entry.prefault(() => blankRow(layout))])))
    : z.array(entry);
  return FormHeader.extend({ [layout.dataKey]: table, ...cells(layout.fields?.items ?? []) }) as unknown as FormSchema<L>;
}

/** A row left out of the data is the row left blank on the form: each cell as a blank one reads (no items, no text). */
function blankRow(layout: Layout): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of inputColumns(layout)) {
    const { value } = c.cell.read(null, { header: c.header });
    if (value !== undefined) row[c.key] = value;
  }
  return row;
}

/** A schema's definition under its wrappers (optional, default, a pipe's input…). */
export function unwrapped(schema: z.ZodType): Record<string, any> {
  let def = schema.def as Record<string, any>;
  for (;;) {
    if (def.innerType) def = def.innerType.def;
    else if (def.type === 'pipe') def = def.in.def;
    else return def;
  }
}
