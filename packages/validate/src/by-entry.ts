import { entryRun, entrySchemas, inputColumns, type EntryRules, type EntryRun, type FormDefinition, type FormHeader, type RuleContext } from '@tianbao/form';
import type { Found } from './found.ts';
import { EntryParser } from './entry-parse.ts';
import { emptyAt, schemaFinding } from './schema-finding.ts';
import { answerCells, entryMaker, type AnswerCell, type Entry, type EntrySink } from './read-data.ts';

/**
 * A list judged entry by entry as its sheet is read, so that memory does not
 * grow with its length: each entry through the list's element schema and the
 * form's entry rules at once, the rules across entries at the end. Only the
 * row of each accepted entry is kept (and the entry itself, if asked for, or
 * if the form's schema refines the list as a whole: its refinement sees the
 * entries).
 */
export class EntryJudge {
  private readonly schemas: ReturnType<typeof entrySchemas>;
  /** The entry schema's parse, a field at a time where that gives what zod gives. */
  private readonly parser: EntryParser;
  /** The entry of a row's values, for zod: one the parser leaves to it. */
  private readonly entryOf: (values: readonly unknown[]) => Entry;
  private readonly run: EntryRun;
  private readonly cellOf: AnswerCell;
  /** Entries read, faulty ones included: an entry's number in messages. */
  private count = 0;
  /** Some entries were set aside for errors of their own. */
  private partial = false;
  /** The row of each accepted entry, by its index among them. */
  private readonly rows: number[] = [];
  private readonly kept: unknown[] = [];
  /** The form's schema refines the whole, or the list beyond its length: the entries are kept for it. */
  private readonly refined: boolean;

  constructor(
    private readonly def: FormDefinition<any>,
    rules: EntryRules<unknown>,
    private readonly ctx: RuleContext,
    private readonly head: FormHeader,
    columns: Record<string, string>,
    private readonly found: Found,
    private readonly keep: boolean,
  ) {
    this.schemas = entrySchemas(def);
    this.refined = refinesEntries(this.schemas.whole, def.layout.dataKey);
    const inputs = inputColumns(def.layout);
    const keys = inputs.map((c) => c.key);
    // A column whose cell type's reads its schema keeps, unless the form narrowed the schema.
    const shape = (this.schemas.entry as unknown as { shape: Record<string, unknown> }).shape;
    const kept = new Set(inputs.filter((c) => c.cell.readKept && shape[c.key] === c.cell.schema).map((c) => c.key));
    this.parser = new EntryParser(this.schemas.entry, keys, kept);
    this.entryOf = entryMaker(keys);
    this.run = entryRun(rules, ctx, head);
    this.cellOf = answerCells(def, columns);
  }

  /** One entry as read from row `row` (its values by answer column, see `EntrySink`), with what its cells' types found wrong. */
  readonly judge: EntrySink = (values, row, problems) => {
    const index = this.count++;
    // The cells with an error, made only for an entry with one: most have none.
    let taken: Set<string | null> | undefined;
    for (const { cell, rule, problem } of problems) {
      const severity = problem.severity ?? 'error';
      this.found.add({ severity, rule, message: problem.message }, cell);
      if (severity === 'error') (taken ??= new Set()).add(cell);
    }
    let data: unknown = this.parser.parse(values);
    if (data === null) {
      const entry = this.entryOf(values);
      const parsed = this.schemas.entry.safeParse(entry);
      if (!parsed.success) {
        this.partial = true;
        for (const z of parsed.error.issues) {
          const cell = this.cellOf(row, z.path[0]);
          if (cell && taken?.has(cell)) continue;
          (taken ??= new Set()).add(cell);
          this.found.add(schemaFinding(this.def, [this.def.layout.dataKey, index, ...z.path], z.message, emptyAt(entry, z.path)), cell);
        }
        return;
      }
      data = parsed.data;
    }
    const findings = this.run.entry(data);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      const cell = this.cellOf(row, f.path?.[0]);
      if (!(f.severity === 'error' && cell && taken?.has(cell))) this.found.add(f, cell);
    }
    this.rows.push(row);
    if (this.keep || this.refined) this.kept.push(data);
  };

  /**
   * The form's schema on the rest of the data, with the list as kept, or
   * taken by its length; then the rules across entries. A failure is reported
   * at its cell: an entry's (by its row), or a field's (`fieldCell`), unless
   * `told` says that field was reported already in its own words. Returns the
   * data when every entry was accepted and it was asked for.
   */
  finish(rest: Record<string, unknown>, fieldCell: (key: string) => string | null, told: (key: PropertyKey) => boolean): Record<string, unknown> | undefined {
    const key = this.def.layout.dataKey;
    // With an entry set aside, a refinement would judge an incomplete list: it is not run (as zod runs none on an object whose fields failed).
    const schema = this.refined && this.partial ? lengthsOnly(this.schemas.whole, key) : this.schemas.whole;
    const data = { ...this.head, ...rest, [key]: this.refined && !this.partial ? this.kept : new Array(this.count).fill(null) };
    const whole = schema.safeParse(data);
    if (!whole.success) {
      const taken = this.found.errorCells();
      for (const z of whole.error.issues) {
        const [first, index, column] = z.path;
        if (told(first!)) continue;
        const row = first === key && typeof index === 'number' ? this.rows[index] : undefined;
        const cell = first === key ? (row === undefined ? null : this.cellOf(row, column)) : fieldCell(String(first));
        if (cell && taken.has(cell)) continue;
        taken.add(cell);
        this.found.add(schemaFinding(this.def, z.path, z.message, emptyAt(data, z.path)), cell);
      }
    }
    const taken = this.found.errorCells();
    for (const f of this.run.end({ ...this.ctx, partial: this.partial })) {
      const [index, ...path] = f.path ?? [];
      const row = typeof index === 'number' ? this.rows[index] : undefined;
      const cell = row === undefined ? null : this.cellOf(row, path[0]);
      if (!(f.severity === 'error' && cell && taken.has(cell))) this.found.add(f, cell);
    }
    if (!whole.success || this.partial || !this.keep) return undefined;
    return { ...(whole.data as Record<string, unknown>), [key]: this.kept };
  }
}

/** What of a zod object schema is used here (this package does not depend on zod). */
interface Schema {
  def: { checks?: readonly { _zod: { def: { check: string } } }[] };
  shape: Record<string, Schema>;
  clone(def: Schema['def']): Schema;
  safeExtend(shape: Record<string, Schema>): Schema;
}

/** The checks of a list that count its entries, and see none of them. */
const LENGTH_CHECKS = new Set(['min_length', 'max_length', 'length_equals']);

/** The form's schema (its list taken as it stands) refines the whole, or the list beyond its length. */
function refinesEntries(whole: unknown, key: string): boolean {
  const schema = whole as Schema;
  return !!schema.def.checks?.length || (schema.shape[key]!.def.checks ?? []).some((c) => !LENGTH_CHECKS.has(c._zod.def.check));
}

/** The form's schema without the checks that see the list's entries: the whole's own, and the list's but its length. */
function lengthsOnly(whole: unknown, key: string): ReturnType<typeof entrySchemas>['whole'] {
  const schema = whole as Schema;
  const list = schema.shape[key]!;
  const fields = schema.safeExtend({ [key]: list.clone({ ...list.def, checks: (list.def.checks ?? []).filter((c) => LENGTH_CHECKS.has(c._zod.def.check)) }) });
  return fields.clone({ ...fields.def, checks: [] }) as unknown as ReturnType<typeof entrySchemas>['whole'];
}
