import { entrySchemas, inputColumns, type CellValue, type FormDefinition } from '@tianbao/form';
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
  const keys = inputColumns(def.layout).map((c) => c.key);
  // The first entries of each sample: a city's list is long, and its entries alike.
  const entries = def.samples.flatMap((sample) => (sample[def.layout.dataKey] as Record<string, unknown>[]).slice(0, 20));

  /**
   * How many of these rows' values (named by `names`) the parser gave an
   * output for, each held to be zod's for the entry holding them.
   */
  const quickAsZod = (parser: EntryParser, names: readonly string[], rows: readonly (readonly unknown[])[]): number => {
    let quick = 0;
    for (const values of rows) {
      const fast = parser.parse(values);
      if (!fast) continue;
      quick++;
      const zod = schema.safeParse(Object.fromEntries(names.flatMap((k, i) => (values[i] === undefined ? [] : [[k, values[i]]]))));
      expect(zod.success).toBe(true);
      expect(Object.keys(fast)).toEqual(Object.keys(zod.data as object));
      expect(fast).toStrictEqual(zod.data);
    }
    return quick;
  };

  it("parses the entry of a row's values as zod does, or leaves it to zod", () => {
    // Twice each: the second time from what the parser remembered.
    const rows = entries.flatMap((entry) => [...variants(entry), ...variants(entry)]).map((v) => keys.map((k) => v[k]));
    // The samples' own entries at least take the quick way.
    expect(quickAsZod(new EntryParser(schema as never, keys), keys, rows)).toBeGreaterThan(def.samples.length);
  });

  it("takes the values its cell types read as they are where their schema keeps them (readKept), and gives what zod gives", () => {
    const inputs = inputColumns(def.layout);
    const shape = (schema as unknown as { shape: Record<string, unknown> }).shape;
    const kept = new Set(inputs.filter((c) => c.cell.readKept && shape[c.key] === c.cell.schema).map((c) => c.key));
    // Each answer written into its cell as a workbook holds it, and read back.
    const rows = entries.map((entry) => inputs.map((c) => (entry[c.key] === undefined ? undefined : c.cell.read(c.cell.write(entry[c.key]), { header: c.header }).value)));
    expect(quickAsZod(new EntryParser(schema as never, keys, kept), keys, rows)).toBeGreaterThan(def.samples.length);
  });

  it("gives its output the shape's order whatever the order of the values, and strips a value the shape does not name, as zod does", () => {
    const names = [...keys].reverse().concat('unknown');
    const rows = entries.map((entry) => names.map((k) => (k === 'unknown' ? 'x' : entry[k])));
    expect(quickAsZod(new EntryParser(schema as never, names), names, rows)).toBeGreaterThan(def.samples.length);
  });
});

describe('every column of every form whose cell type says its reads are kept (readKept)', () => {
  const columns = (forms as readonly FormDefinition<any>[]).flatMap((def) => inputColumns(def.layout).filter((c) => c.cell.readKept).map((c) => [`${def.id}: ${c.key}`, def, c] as const));

  it.each(columns)("%s reads nothing its schema would refuse or change, the samples' answers among them", (_, def, column) => {
    const written = def.samples.flatMap((sample) => (def.layout.rows ? Object.values(sample[def.layout.dataKey] as object) : (sample[def.layout.dataKey] as unknown[])) as Record<string, unknown>[]).map((entry) => entry[column.key]);
    const raws = written.filter((v) => v !== undefined).flatMap((v): CellValue[] => {
      const cell = column.cell.write(v);
      return typeof cell === 'string' ? [cell, ` ${cell}\u3000`, cell.toLowerCase(), `${cell}\n`] : [cell];
    });
    let read = 0;
    for (const raw of raws) {
      const { value } = column.cell.read(raw, { header: column.header });
      if (value === undefined) continue;
      read++;
      const parsed = column.cell.schema.safeParse(value);
      expect(parsed.success, JSON.stringify(raw)).toBe(true);
      expect(parsed.data, JSON.stringify(raw)).toBe(value);
    }
    // Something read, where the samples answer the column at all.
    expect(read > 0 || written.every((v) => v === undefined)).toBe(true);
  });
});
