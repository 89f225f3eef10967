import { inputColumns } from './form-schema.ts';
import type { FormDefinition } from './model.ts';

/** The fields every form's data has besides its table, as the clerk knows them. */
const HEAD_NAMES: Record<string, string> = { unit: '单位', period: '报送月份', filler: '填报单位', reportDate: '填报日期' };

/** A place in a form's data (`['members', 2, 'phone']`) as the form shows it. */
export interface Place {
  /** The column's header (`存在问题`), the labelled field's label (`办公室主任`), a field of every form (`填报日期`), a fixed row's label; `表格` for the table itself. */
  name: string;
  /** A column's place on a form of fixed rows: the printed row it is on (`案件受理方面`). */
  row?: string;
  /** The rule of a column or labelled field, under the form's prefix (`phone` for `roster.phone.invalid`). */
  rule?: string;
}

/** Where a path of a form's data stands on the form; undefined where the form has no name for it. */
export function placeOf(def: FormDefinition<any>, path: readonly PropertyKey[]): Place | undefined {
  const { layout } = def;
  const [first, row, key] = path;
  if (first !== layout.dataKey) {
    const field = layout.fields?.items.find((f) => f.key === first);
    if (field) return { name: field.label, rule: field.rule ?? field.key };
    const name = typeof first === 'string' ? HEAD_NAMES[first] : undefined;
    return name === undefined ? undefined : { name };
  }
  // The table as a whole (`members`, refused when empty).
  if (path.length === 1) return { name: '表格' };
  const fixed = layout.rows?.find((r) => r.key === row)?.label;
  // The data holds the columns a clerk fills, and no other.
  const column = path.length > 2 ? inputColumns(layout).find((c) => c.key === key) : undefined;
  if (column) return { name: column.header, rule: column.rule ?? column.key, ...(fixed && { row: fixed }) };
  return fixed ? { name: fixed } : undefined;
}

/**
 * What a place in a form's data is called on the form, to name it after its
 * JSON path: the column's header with the printed row it is on
 * (`案件受理方面的存在问题`), a labelled field (`办公室主任`), a field of every
 * form (`填报日期`), the table as a whole (`表格`).
 */
export function placeName(def: FormDefinition<any>, path: readonly PropertyKey[]): string | undefined {
  const place = placeOf(def, path);
  return place?.row ? `${place.row}的${place.name}` : place?.name;
}
