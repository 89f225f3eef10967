import { Remembered } from '@tianbao/form';

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

/** A value zod refuses, or one this parser leaves to zod. */
const REFUSED = Symbol('refused');

/**
 * A list entry through its schema as zod's object parse gives it, a field at
 * a time, each field's result on a text value remembered: a long list's
 * entries are through the same few values. Only for a plain object (no check
 * of its own, unknown keys stripped) of fields that take primitives; null for
 * an entry it cannot give exactly (a field refusing its value, an object
 * value), which then goes through zod itself, for the issues as zod words them.
 */
export class EntryParser {
  private readonly fields: Field[] | null;
  /** The shape's keys, in its order (zod's output has that order). */
  private readonly keys: string[];
  /** Where each of the shape's keys stands among the values parsed (-1: not among them). */
  private readonly from: number[];
  private readonly shape: Record<string, unknown>;
  /** Each field's output for the entry being parsed, by the field's place in the shape. */
  private readonly out: unknown[];

  /**
   * `names`: the keys of the values `parse` is given, in their order; `kept`:
   * those whose values are taken as they are, their schema giving back every
   * value they can hold as it is (see `CellType.readKept`).
   */
  constructor(schema: Schema, names: readonly string[], kept: ReadonlySet<string> = new Set()) {
    const def = schema._zod.def as { type: string; checks?: unknown[]; catchall?: unknown; shape?: Record<string, Schema> };
    const plain = def.type === 'object' && !def.checks?.length && def.catchall === undefined && def.shape !== undefined;
    this.keys = plain ? Object.keys(def.shape!) : [];
    this.from = this.keys.map((k) => names.indexOf(k));
    this.shape = JSON.parse(JSON.stringify(Object.fromEntries(this.keys.map((k) => [k, null]))));
    this.fields = plain ? this.keys.map((k) => (kept.has(k) ? keptField(def.shape![k]!) : field(def.shape![k]!))) : null;
    this.out = new Array(this.keys.length);
  }

  /**
   * The output of the entry whose values are `values` (named as the
   * constructor was told; undefined: absent), as zod gives it for the entry
   * holding them; null for one left to zod. A value named by no key of the
   * shape is left out, as zod strips it.
   */
  parse(values: readonly unknown[]): Record<string, unknown> | null {
    if (!this.fields) return null;
    let present = 0;
    for (let j = 0; j < this.keys.length; j++) {
      const i = this.from[j]!;
      const v = i < 0 ? undefined : values[i];
      const f = this.fields[j]!;
      if (v === undefined) {
        // Absent and optional both ways: nothing in the output, as zod has it; anything else zod's to say.
        if (!f.optionalIn) return null;
        this.out[j] = REFUSED;
        continue;
      }
      if (v !== null && typeof v === 'object') return null;
      const r = f.value(v);
      if (r === REFUSED) return null;
      this.out[j] = r;
      present++;
    }
    // With every key there, the output is copied from one JSON made with every key in place (see `entryMaker`).
    const data: Record<string, unknown> = present === this.keys.length ? { ...this.shape } : {};
    for (let j = 0; j < this.keys.length; j++) if (this.out[j] !== REFUSED) data[this.keys[j]!] = this.out[j];
    return data;
  }
}

/** A field's output for a value: zod's, or `REFUSED` for one it refuses or turns into an object. */
function outputOf(schema: Schema, v: unknown): unknown {
  const r = schema.safeParse(v);
  return r.success && (r.data === null || typeof r.data !== 'object') ? r.data : REFUSED;
}

/** A field whose schema gives back each value it is given as it is. */
const keptField = (schema: Schema): Field => ({ optionalIn: schema._zod.optin === 'optional' && schema._zod.optout === 'optional', value: (v) => v });

/** A field's parse, remembered for text values while they repeat. */
function field(schema: Schema): Field {
  const optionalIn = schema._zod.optin === 'optional' && schema._zod.optout === 'optional';
  const def = schema._zod.def as { type: string; checks?: unknown[]; coerce?: boolean };
  // A plain `z.number()` (`.finite()` adds nothing) takes a finite number as it is, and refuses NaN and ±Infinity:
  // said here without zod's payload and result objects, a list's coordinates being mostly each its own.
  if (def.type === 'number' && !def.checks?.length && !def.coerce)
    return { optionalIn, value: (v) => (typeof v === 'number' && Number.isFinite(v) ? v : outputOf(schema, v)) };
  const texts = new Remembered((v: string) => outputOf(schema, v), REMEMBERED);
  return { optionalIn, value: (v) => (typeof v === 'string' ? texts.get(v) : outputOf(schema, v)) };
}
