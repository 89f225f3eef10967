import type * as z from 'zod';
import { FormHeader, formSchema, inputColumns } from './form-schema.ts';
import type { Layout } from './model.ts';

const DO = `refine the layout's field with .refine/.superRefine, or change the column's cell`;
/** Data rewritten or let through around the form would be other than what the workbook holds, and what extract gives. */
const WHOLE = 'the schema is not the object formSchema(layout) makes, refined: wrap the whole form only in .refine/.superRefine/.check (no .transform, .overwrite, .optional, .default, .loose…)';

/**
 * Throws unless the schema is its layout's (formSchema), narrowed as zod narrows a schema: the same keys
 * (a layout key `phone` against a schema key `tel` would leave the column out of what extract gives), and
 * each column's and field's schema its cell's, or that refined (`.refine`, `.superRefine`, `.min`…). A
 * `phone: z.number()` would have every clerk told to write a number, a hand-written `z.string()` would
 * take what the cell refuses, an optional cell made required would refuse a row left as the form allows.
 * The tables and entries around them may be rebuilt (`z.array(entry.extend({ phone: … }))`), and the
 * whole refined (`.superRefine`).
 */
export function checkSchemaFields(id: string, schema: z.ZodType, layout: Layout): void {
  const fail = (what: string): never => {
    throw new Error(`${id}: ${what}`);
  };
  const madeForm = formSchema(layout);
  if (!sameLayers(schema, madeForm)) return fail(WHOLE);
  const form = shapeOf(schema)!;
  const made = madeForm.shape as Record<string, z.ZodType>;
  const table = form[layout.dataKey];
  if (!table) return fail(`the schema has no field "${layout.dataKey}" for the layout's table`);
  const columns = inputColumns(layout);
  /** Each column of one entry or row, its field against its cell's. */
  const entry = (where: string, given: z.ZodType, madeEntry: z.ZodType) => {
    const fields = sameLayers(given, madeEntry)?.shape as Record<string, z.ZodType> | undefined;
    if (!fields) return fail(`the schema's "${where}" is not an object of the layout's columns (make it from formSchema(layout))`);
    agree(id, where, 'column', columns.map((c) => c.key), Object.keys(fields));
    for (const c of columns) cellAgrees(`${where}.${c.key}`, fields[c.key]!, c.cell.schema, `the layout's column "${c.key}" (${c.header}) as its cell takes it`, DO);
  };
  const cellAgrees = (where: string, given: z.ZodType, cell: z.ZodType, what: string, todo: string) => {
    if (!refines(given, cell)) fail(`the schema's field ${where} is not ${what}${optionality(given, cell)}: ${todo}`);
  };
  if (layout.rows) {
    const rows = sameLayers(table, made[layout.dataKey]!)?.shape as Record<string, z.ZodType> | undefined;
    if (!rows) return fail(`the schema's "${layout.dataKey}" is not an object of the layout's rows`);
    agree(id, layout.dataKey, 'row', layout.rows.map((r) => r.key), Object.keys(rows));
    const madeRows = (made[layout.dataKey] as z.ZodObject).shape;
    for (const [key, row] of Object.entries(rows)) entry(`${layout.dataKey}.${key}`, row, madeRows[key] as z.ZodType);
  } else {
    if (!sameLayers(table, made[layout.dataKey]!)) return fail(`the schema's "${layout.dataKey}" is not a list, one entry a row`);
    entry(`${layout.dataKey}[]`, (table as z.ZodArray).element as z.ZodType, (made[layout.dataKey] as z.ZodArray).element as z.ZodType);
  }
  const fields = layout.fields?.items ?? [];
  const beside = Object.keys(form).filter((k) => k !== layout.dataKey && !Object.hasOwn(FormHeader.shape, k));
  agree(id, 'top level', 'field', fields.map((f) => f.key), beside);
  for (const f of fields) cellAgrees(f.key, form[f.key]!, f.cell.schema, `the layout's field "${f.key}" (${f.label}) as its cell takes it`, DO);
  for (const [key, header] of Object.entries(FormHeader.shape)) {
    // Left out (`.omit`), the header the workbook holds would be dropped from what extract gives.
    if (!form[key]) fail(`the schema has no field "${key}" every form has (FormHeader): keep it, refine it with .refine/.superRefine`);
    cellAgrees(key, form[key]!, header, `the field "${key}" every form has (FormHeader)`, 'refine it with .refine/.superRefine');
  }
}

/**
 * `given` is `made`, or `made` refined: zod 4 refines (`.refine`, `.superRefine`, `.check`, `.min`…) by a
 * clone whose definition is the same but for the checks appended to `made`'s. Anything else (another type,
 * a wrapper such as `.optional()`, a fresh `z.string()`) is another schema.
 */
function refines(given: z.ZodType, made: z.ZodType): boolean {
  if (given === made) return true;
  const g = given.def as Record<string, any>;
  const m = made.def as Record<string, any>;
  const gChecks: unknown[] = g.checks ?? [];
  const mChecks: unknown[] = m.checks ?? [];
  if (!mChecks.every((check, i) => gChecks[i] === check) || gChecks.slice(mChecks.length).some(rewrites)) return false;
  const keys = new Set([...Object.keys(g), ...Object.keys(m)]);
  keys.delete('checks');
  return [...keys].every((k) => Object.is(g[k], m[k]));
}

/** A check of kind 'overwrite' (`.overwrite`, `.trim`…) rewrites the value instead of judging it. */
const rewrites = (check: unknown) => (check as z.core.$ZodCheck)._zod.def.check === 'overwrite';

/** Why a field disagrees with its cell, when it is that it may be left out where the cell requires it or the other way round. */
function optionality(given: z.ZodType, cell: z.ZodType): string {
  const optional = (s: z.ZodType) => s._zod.optin === 'optional';
  if (optional(given) === optional(cell)) return '';
  return optional(given) ? ': it is optional, the cell requires it' : ': it is required, the cell leaves it optional';
}

/**
 * The object (or array) definition under `given`'s wrappers, when they are `made`'s (a fixed row's
 * `.prefault`, none for a list's entry): a wrapper more, such as `.nullable()`, would let data through
 * that is no row of the form.
 */
function sameLayers(given: z.ZodType, made: z.ZodType): Record<string, any> | undefined {
  let g = given.def as Record<string, any>;
  let m = made.def as Record<string, any>;
  while (m.innerType) {
    if (g.type !== m.type) return undefined;
    [g, m] = [g.innerType.def, m.innerType.def];
  }
  return g.type === m.type && sameObject(g, m) ? g : undefined;
}

/** An object or list (`g`) kept as made (`m`) but for refinements: no rewriting check appended, no other catchall (`.loose()`). */
function sameObject(g: Record<string, any>, m: Record<string, any>): boolean {
  const mChecks: unknown[] = m.checks ?? [];
  const appended: unknown[] = (g.checks ?? []).slice(mChecks.length);
  return g.catchall === m.catchall && !appended.some(rewrites);
}

/** Throws naming every key the layout has and the schema lacks, and the other way round. */
function agree(id: string, where: string, what: string, layoutKeys: readonly string[], schemaKeys: readonly string[]): void {
  const lacking = layoutKeys.filter((k) => !schemaKeys.includes(k));
  const extra = schemaKeys.filter((k) => !layoutKeys.includes(k));
  if (!lacking.length && !extra.length) return;
  const said = [
    ...lacking.map((k) => `the layout's ${what} "${k}" has no field in the schema`),
    ...extra.map((k) => `the schema's field "${k}" is no ${what} of the layout`),
  ];
  throw new Error(`${id}: the schema and the layout disagree at ${where}: ${said.join('; ')}`);
}

/** The fields of an object schema; undefined for any other schema. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = schema.def as Record<string, any>;
  return def.type === 'object' ? def.shape : undefined;
}
