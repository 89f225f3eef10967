import { entrySchemas, type FormDefinition } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import { describe, expect, it } from 'vitest';
import { EntryParser } from '../src/entry-parse.ts';

/** The forms judged entry by entry, each with the entries of its samples. */
const listed = (forms as readonly FormDefinition<any>[]).filter((def) => typeof def.rules !== 'function');

/** An entry as a clerk's faults and a reader's blanks make it: each key emptied, padded, turned into a number, left out. */
function variants(entry: Record<string, unknown>): Record<string, unknown>[] {
  const out = [entry];
  for (const k of Object.keys(entry)) {
    const v = entry[k];
    const { [k]: _, ...without } = entry;
    out.push(without, { ...entry, [k]: undefined }, { ...entry, [k]: '' }, { ...entry, [k]: '　 ' }, { ...entry, [k]: 12 });
    if (typeof v === 'string') out.push({ ...entry, [k]: ` ${v}\u3000` }, { ...entry, [k]: `${v}x` }, { ...entry, [k]: Number(v) });
    if (typeof v === 'number') out.push({ ...entry, [k]: String(v) }, { ...entry, [k]: -0 }, { ...entry, [k]: Infinity });
  }
  out.push({ ...entry, unknown: 'x' }, { ...entry, [Object.keys(entry)[0]!]: { a: 1 } });
  return out;
}

describe.each(listed.map((def) => [def.id, def] as const))('%s', (_, def) => {
  const schema = entrySchemas(def).entry;
  // The first entries of each sample: a city's list is long, and its entries alike.
  const entries = def.samples.flatMap((sample) => (sample[def.layout.dataKey] as Record<string, unknown>[]).slice(0, 20));

  it('parses an entry as zod does, or leaves it to zod', () => {
    const parser = new EntryParser(schema as never);
    let quick = 0;
    for (const entry of entries) {
      // Twice each: the second time from what the parser remembered.
      for (const v of [...variants(entry), ...variants(entry)]) {
        const fast = parser.parse(v);
        const zod = schema.safeParse(v);
        if (!fast) continue;
        quick++;
        expect(zod.success).toBe(true);
        expect(Object.keys(fast.data)).toEqual(Object.keys(zod.data as object));
        expect(fast.data).toStrictEqual(zod.data);
      }
    }
    // The samples' own entries at least take the quick way.
    expect(quick).toBeGreaterThan(def.samples.length);
  });

  it('parses an entry into itself as zod parses it, or leaves it as it was to zod', () => {
    const parser = new EntryParser(schema as never);
    let own = 0;
    for (const entry of entries) {
      // Its keys in another order too: zod's output has the shape's.
      const reversed = Object.fromEntries(Object.entries(entry).reverse());
      for (const v of [...variants(entry), ...variants(entry), reversed]) {
        const zod = schema.safeParse(v);
        const given = { ...v };
        const fast = parser.parseOwn(given);
        if (!fast) {
          expect(given).toStrictEqual(v);
          continue;
        }
        if (fast === given) own++;
        expect(zod.success).toBe(true);
        expect(Object.keys(fast)).toEqual(Object.keys(zod.data as object));
        expect(fast).toStrictEqual(zod.data);
      }
    }
    expect(own).toBeGreaterThan(def.samples.length);
  });
});
