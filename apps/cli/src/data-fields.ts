import { unwrapped, type FormDefinition } from '@tianbao/form';
import type * as z from 'zod';

/** The fields every form's data has besides its table, as the form names them. */
const HEAD: Record<string, string> = { unit: '单位', period: '报送月份', filler: '填报单位', reportDate: '填报日期' };

/**
 * What a place in a form's data is called on the form, to name it after its
 * JSON path: the column's header (`存在问题`), with the printed row it is on
 * (`案件受理方面的存在问题`), a labelled field (`办公室主任`), or a field of
 * every form (`填报日期`), the table as a whole (`表格`). Undefined where the form has no name for it.
 */
export function fieldName(def: FormDefinition<any>, path: readonly PropertyKey[]): string | undefined {
  const { layout } = def;
  const [first, row, column] = path;
  // The table as a whole (`members`, refused when empty), as validate names it.
  if (first === layout.dataKey && path.length === 1) return '表格';
  if (first !== layout.dataKey) return typeof first === 'string' ? (HEAD[first] ?? layout.fields?.items.find((f) => f.key === first)?.label) : undefined;
  const header = layout.columns.find((c) => c.key === column)?.header;
  const fixed = layout.rows?.find((r) => r.key === row)?.label;
  return fixed && header ? `${fixed}的${header}` : (header ?? fixed);
}

/** A key the schema does not know, with the keys it knows there. */
export interface UnknownField {
  path: PropertyKey[];
  known: string[];
}

/**
 * The keys in the data that the schema has no field for. zod drops them
 * without a word, so a misspelt `acceptence` would leave its row empty.
 */
export function unknownFields(schema: z.ZodType, value: unknown, path: PropertyKey[] = []): UnknownField[] {
  const def = unwrapped(schema);
  if (def.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    const shape = def.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, v]) =>
      Object.hasOwn(shape, key) ? unknownFields(shape[key]!, v, [...path, key]) : [{ path: [...path, key], known: Object.keys(shape) }],
    );
  }
  if (def.type === 'array' && Array.isArray(value)) return value.flatMap((v, i) => unknownFields(def.element as z.ZodType, v, [...path, i]));
  return [];
}

