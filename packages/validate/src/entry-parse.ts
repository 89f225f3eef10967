/** Text values remembered for one field, at most: a list's districts, rivers and choices repeat; its names do not. */
const REMEMBERED = 4096;

/** What of a zod schema is used here (this package does not depend on zod). */
interface Schema {
  _zod: { def: unknown; optin?: string; optout?: string };
  safeParse(v: unknown): Result;
}
type Result = { success: boolean; data?: unknown };
/** A field's output for a value, or `REFUSED` when zod would refuse it or give an object (zod's own to say). */
type Field = { value: (v: unknown) => unknown; optionalIn: boolean };
type Parsed = { success: true; data: Record<string, unknown> } | null;

/** A value zod refuses, or one this parser leaves to zod. */
const REFUSED = Symbol('refused');

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
  private readonly fields: Field[] | null;
  private readonly keys: string[];
  private readonly index: Map<string, number>;
  private readonly shape: Record<string, unknown>;
  /** Each field's output for the entry being parsed, by the field's place in the shape. */
  private readonly out: unknown[];

  constructor(schema: Schema) {
    const def = schema._zod.def as { type: string; checks?: unknown[]; catchall?: unknown; shape?: Record<string, Schema> };
    const plain = def.type === 'object' && !def.checks?.length && def.catchall === undefined && def.shape !== undefined;
    this.keys = plain ? Object.keys(def.shape!) : [];
    this.index = new Map(this.keys.map((k, i) => [k, i]));
    this.shape = JSON.parse(JSON.stringify(Object.fromEntries(this.keys.map((k) => [k, null]))));
    this.fields = plain ? this.keys.map((k) => field(def.shape![k]!)) : null;
    this.out = new Array(this.keys.length);
  }

  parse(entry: Record<string, unknown>): Parsed {
    const present = this.outputs(entry);
    if (present < 0) return null;
    // With every key there, the output is copied from one JSON made with every key in place (see `listRows`).
    const data: Record<string, unknown> = present === this.keys.length ? { ...this.shape } : {};
    for (let i = 0; i < this.keys.length; i++) if (this.out[i] !== REFUSED) data[this.keys[i]!] = this.out[i];
    return { success: true, data };
  }

  /**
   * `parse` for an entry no one else holds (a row just read): its output made
   * of the entry itself, its values replaced by the fields' outputs, when its
   * keys are in the shape's order (zod's output has that order); a copy when
   * not. Null, the entry untouched, for one left to zod.
   */
  parseOwn(entry: Record<string, unknown>): Record<string, unknown> | null {
    const present = this.outputs(entry);
    if (present < 0) return null;
    let at = 0;
    for (const k in entry) {
      const i = this.index.get(k)!;
      if (i < at) return this.parse(entry)!.data;
      at = i;
    }
    for (let i = 0; i < this.keys.length; i++) {
      const v = this.out[i];
      if (v !== REFUSED && entry[this.keys[i]!] !== v) entry[this.keys[i]!] = v;
    }
    return entry;
  }

  /**
   * Each field's output into `out` (`REFUSED` for a key absent and optional),
   * and the number of keys the entry has; -1 for an entry left to zod.
   */
  private outputs(entry: Record<string, unknown>): number {
    if (!this.fields) return -1;
    let present = 0;
    for (const k in entry) {
      if (!this.index.has(k)) return -1;
      present++;
    }
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i]!;
      const f = this.fields[i]!;
      if (!Object.hasOwn(entry, k)) {
        // Absent and optional both ways: nothing in the output, as zod has it; anything else zod's to say.
        if (!f.optionalIn) return -1;
        this.out[i] = REFUSED;
        continue;
      }
      const v = entry[k];
      if (v !== null && typeof v === 'object') return -1;
      const r = f.value(v);
      if (r === REFUSED) return -1;
      this.out[i] = r;
    }
    return present;
  }
}

/** Values looked up before a field whose values seldom repeat (names, codes) stops remembering them. */
const TRIAL = 1024;

/** A field's output for a value: zod's, or `REFUSED` for one it refuses or turns into an object. */
function outputOf(schema: Schema, v: unknown): unknown {
  const r = schema.safeParse(v);
  return r.success && (r.data === null || typeof r.data !== 'object') ? r.data : REFUSED;
}

/** A field's parse, remembered for text values while they repeat. */
function field(schema: Schema): Field {
  const optionalIn = schema._zod.optin === 'optional' && schema._zod.optout === 'optional';
  const def = schema._zod.def as { type: string; checks?: unknown[]; coerce?: boolean };
  // A plain `z.number()` (`.finite()` adds nothing) takes a finite number as it is, and refuses NaN and ±Infinity:
  // said here without zod's payload and result objects, a list's coordinates being mostly each its own.
  if (def.type === 'number' && !def.checks?.length && !def.coerce)
    return { optionalIn, value: (v) => (typeof v === 'number' && Number.isFinite(v) ? v : outputOf(schema, v)) };
  const seen = new Map<string, unknown>();
  let looked = 0;
  let found = 0;
  return {
    optionalIn,
    value: (v) => {
      if (typeof v !== 'string' || (looked >= TRIAL && found < looked / 2)) return outputOf(schema, v);
      looked++;
      let r = seen.get(v);
      if (r !== undefined || seen.has(v)) found++;
      else {
        r = outputOf(schema, v);
        if (seen.size < REMEMBERED) seen.set(v, r);
      }
      return r;
    },
  };
}
