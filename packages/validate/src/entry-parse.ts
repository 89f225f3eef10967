/** Text values remembered for one field, at most: a list's districts, rivers and choices repeat; its names do not. */
const REMEMBERED = 4096;

/** What of a zod schema is used here (this package does not depend on zod). */
interface Schema {
  _zod: { def: unknown; optin?: string; optout?: string };
  safeParse(v: unknown): Result;
}
type Result = { success: boolean; data?: unknown };
type Field = { result: (v: unknown) => Result; optionalIn: boolean };
type Parsed = { success: true; data: Record<string, unknown> } | null;

/**
 * A list entry through its schema as zod's object parse gives it, a field at
 * a time, each field's result on a text value remembered: a long list's
 * entries are through the same few values. Only for a plain object (no check
 * of its own, unknown keys stripped) of fields that take primitives; null for
 * an entry it cannot give exactly (a field refusing its value, an object
 * value, a key not in the shape), which then goes through zod itself, for the
 * issues as zod words them.
 */
export class EntryParser {
  private readonly fields: Map<string, Field> | null;
  private readonly keys: string[];
  private readonly shape: Record<string, unknown>;

  constructor(schema: Schema) {
    const def = schema._zod.def as { type: string; checks?: unknown[]; catchall?: unknown; shape?: Record<string, Schema> };
    const plain = def.type === 'object' && !def.checks?.length && def.catchall === undefined && def.shape !== undefined;
    this.keys = plain ? Object.keys(def.shape!) : [];
    this.shape = JSON.parse(JSON.stringify(Object.fromEntries(this.keys.map((k) => [k, null]))));
    this.fields = plain ? new Map(this.keys.map((k) => [k, field(def.shape![k]!)])) : null;
  }

  parse(entry: Record<string, unknown>): Parsed {
    if (!this.fields) return null;
    let present = 0;
    for (const k in entry) {
      if (!this.fields.has(k)) return null;
      present++;
    }
    // With every key there, the output is copied from one JSON made with every key in place (see `listRows`).
    const data: Record<string, unknown> = present === this.keys.length ? { ...this.shape } : {};
    for (const k of this.keys) {
      const f = this.fields.get(k)!;
      if (!Object.hasOwn(entry, k)) {
        // Absent and optional both ways: nothing in the output, as zod has it; anything else zod's to say.
        if (f.optionalIn) continue;
        return null;
      }
      const v = entry[k];
      if (v !== null && typeof v === 'object') return null;
      const r = f.result(v);
      if (!r.success || (r.data !== null && typeof r.data === 'object')) return null;
      data[k] = r.data;
    }
    return { success: true, data };
  }
}

/** Values looked up before a field whose values seldom repeat (names, codes) stops remembering them. */
const TRIAL = 1024;

/** A field's parse, remembered for text values while they repeat. */
function field(schema: Schema): Field {
  const seen = new Map<string, Result>();
  let looked = 0;
  let found = 0;
  return {
    optionalIn: schema._zod.optin === 'optional' && schema._zod.optout === 'optional',
    result: (v) => {
      if (typeof v !== 'string' || (looked >= TRIAL && found < looked / 2)) return schema.safeParse(v);
      looked++;
      let r = seen.get(v);
      if (r) found++;
      else {
        r = schema.safeParse(v);
        if (seen.size < REMEMBERED) seen.set(v, r);
      }
      return r;
    },
  };
}
