import { FormHeader } from './form-schema.ts';
import type { Layout } from './model.ts';

/** The values of `names` given more than once. */
const repeated = (names: readonly string[]) => [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];

/** A name Excel takes for a sheet (and a formula can quote): 1 to 31 characters, none of `:\/?*[]`, no `'` at either end, not `History` (reserved). */
const excelSheetName = (name: string) =>
  name.length >= 1 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'") && name.toLowerCase() !== 'history';

/** The veryHidden sheet that records which template and version wrote a workbook (written by @tianbao/xlsx). */
export const META_SHEET = '_tianbao';
/** The hidden sheet of a blank's dropdown lists (written by @tianbao/xlsx). */
export const LISTS_SHEET = '_lists';
/** The sheets tianbao writes into a workbook itself: no form's sheet may take their names. */
export const OWN_SHEETS: readonly string[] = [META_SHEET, LISTS_SHEET];

/**
 * Refuse, at load time, a layout that cannot be filled and read back as written: two columns (rows, fields)
 * under one key or one header (the reader could not tell them apart, and one's data would be dropped), a
 * table key or field that takes the place of a header field (`unit`), a reference to a column that does not
 * exist, a sheet name Excel refuses, a title that names the unit twice (it is put in once), a numbered column
 * with a cell (its numbers would be read back as data). Throws an Error naming the form and what to change.
 */
export function checkLayout(id: string, layout: Layout): void {
  const fail = (what: string) => {
    throw new Error(`${id}: ${what}`);
  };
  if (!excelSheetName(layout.sheet))
    fail(`sheet name "${layout.sheet}" cannot name an Excel sheet: give 1 to 31 characters, none of : \\ / ? * [ ], not starting or ending with ', not History`);
  // Excel compares sheet names regardless of case.
  const own = OWN_SHEETS.find((n) => n.toLowerCase() === layout.sheet.toLowerCase());
  if (own) fail(`sheet name "${layout.sheet}" is the name of a sheet tianbao writes itself (${OWN_SHEETS.join(', ')}): name the sheet otherwise`);
  const units = layout.title.split('{unit}').length - 1;
  if (units === 0) fail('title has no {unit}');
  if (units > 1) fail('title has {unit} twice: the unit is written once');
  if (layout.title.replace('{unit}', '').trim() === '') fail('title is only {unit}: name the form after it (the reader finds a title by that name)');
  if (layout.orientation !== 'portrait' && layout.orientation !== 'landscape') fail(`orientation "${layout.orientation}" is neither portrait nor landscape`);
  if (layout.blankRows !== undefined && !(Number.isInteger(layout.blankRows) && layout.blankRows >= 0)) fail(`blankRows ${layout.blankRows} is not a whole number of rows, 0 or more`);
  // Excel's column width: characters of the default font, up to 255.
  for (const c of layout.columns)
    if (!(Number.isFinite(c.width) && c.width > 0 && c.width <= 255)) fail(`column ${c.key} has width ${c.width}: give a number of characters, above 0 and at most 255`);
  for (const c of layout.columns) if (/[\r\n]/.test(c.header)) fail(`column ${c.key}'s header has a line break: the reader matches a header on one line`);
  if (layout.columns.length === 0) fail('the table has no columns');
  for (const c of layout.columns) if (c.serial && c.cell) fail(`column ${c.key} is numbered by the engine (serial) and has a cell: drop one of them`);
  const keys = layout.columns.map((c) => c.key);
  const twice = (what: string, names: readonly string[]) => {
    const found = repeated(names);
    if (found.length) fail(`${what} given twice: ${found.join(', ')}`);
  };
  twice('column keys', keys);
  twice('column headers', layout.columns.map((c) => c.header.replace(/\s+/g, '')));
  if (layout.columns.some((c) => c.header.trim() === '')) fail('a column has no header');
  const fields = layout.fields?.items.map((f) => f.key) ?? [];
  twice('field keys', fields);
  const header = Object.keys(FormHeader.shape);
  for (const key of [layout.dataKey, ...fields])
    if (header.includes(key)) fail(`"${key}" is a field every form has (${header.join(', ')}): name the table or field otherwise`);
  if (fields.includes(layout.dataKey)) fail(`"${layout.dataKey}" names both the table and a field`);
  const column = (key: string, where: string) => {
    if (!keys.includes(key)) fail(`${where} names a column "${key}" the table does not have`);
  };
  for (const key of layout.mergeDown ?? []) column(key, 'mergeDown');
  if (layout.remarkColumn) column(layout.remarkColumn, 'remarkColumn');
  if (layout.columns.find((c) => c.key === layout.remarkColumn)?.serial) fail(`remarkColumn "${layout.remarkColumn}" is the numbered (serial) column: a clerk cannot write there`);
  if (layout.fields) {
    const { labelColumn, valueColumn, items } = layout.fields;
    column(labelColumn, 'fields.labelColumn');
    column(valueColumn, 'fields.valueColumn');
    // Each field is found by its label in the label column and its value read beside it.
    twice('field labels', items.map((f) => f.label.replace(/\s+/g, '')));
    if (valueColumn === labelColumn) fail(`fields.valueColumn is the label column "${labelColumn}": the value would overwrite its label`);
    if (layout.columns.find((c) => c.key === valueColumn)?.serial) fail(`fields.valueColumn "${valueColumn}" is the numbered (serial) column: give the value a column of its own`);
  }
  if (layout.rows) {
    twice('row keys', layout.rows.map((r) => r.key));
    for (const row of layout.rows) {
      for (const key of Object.keys(row.fixed)) column(key, `row ${row.key}`);
      for (const col of layout.columns) if (!col.cell && row.fixed[col.key] === undefined) fail(`row ${row.key} has no text for fixed column ${col.key}`);
    }
  } else if (layout.columns.some((c) => !c.cell && !c.serial)) fail('a list has no fixed columns');
}
