import { unwrapped, type FormDefinition } from '@tianbao/form';
import type * as z from 'zod';

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

