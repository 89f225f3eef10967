import { entryRun, entrySchemas, type EntryRules, type EntryRun, type FormDefinition, type FormHeader, type RuleContext } from '@tianbao/form';
import type { Found } from './found.ts';
import { EntryParser } from './entry-parse.ts';
import { schemaFinding } from './schema-finding.ts';
import { answerCells, type AnswerCell, type CellFinding, type Entry } from './read-data.ts';

/**
 * A list judged entry by entry as its sheet is read, so that memory does not
 * grow with its length: each entry through the list's element schema and the
 * form's entry rules at once, the rules across entries at the end. Only the
 * row of each accepted entry is kept (and the entry itself, if asked for).
 */
export class EntryJudge {
  private readonly schemas: ReturnType<typeof entrySchemas>;
  /** The entry schema's parse, a field at a time where that gives what zod gives. */
  private readonly parser: EntryParser;
  private readonly run: EntryRun;
  private readonly cellOf: AnswerCell;
  /** Entries read, faulty ones included: an entry's number in messages. */
  private count = 0;
  /** Some entries were set aside for errors of their own. */
  private partial = false;
  /** The row of each accepted entry, by its index among them. */
  private readonly rows: number[] = [];
  private readonly kept: unknown[] = [];

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
    this.parser = new EntryParser(this.schemas.entry);
    this.run = entryRun(rules, ctx, head);
    this.cellOf = answerCells(def, columns);
  }

  /** One entry as read from row `row`, with what its cells' types found wrong. */
  readonly judge = (entry: Entry, row: number, problems: readonly CellFinding[]): void => {
    const index = this.count++;
    // The cells with an error, made only for an entry with one: most have none.
    let taken: Set<string | null> | undefined;
    for (const { cell, rule, problem } of problems) {
      const severity = problem.severity ?? 'error';
      this.found.add({ severity, rule, message: problem.message }, cell);
      if (severity === 'error') (taken ??= new Set()).add(cell);
    }
    const parsed = this.parser.parse(entry) ?? this.schemas.entry.safeParse(entry);
    if (!parsed.success) {
      this.partial = true;
      for (const z of parsed.error.issues) {
        const cell = this.cellOf(row, z.path[0]);
        if (cell && taken?.has(cell)) continue;
        (taken ??= new Set()).add(cell);
        this.found.add(schemaFinding(this.def, [this.def.layout.dataKey, index, ...z.path], z.message), cell);
      }
      return;
    }
    for (const f of this.run.entry(parsed.data)) {
      const cell = this.cellOf(row, f.path?.[0]);
      if (!(f.severity === 'error' && cell && taken?.has(cell))) this.found.add(f, cell);
    }
    this.rows.push(row);
    if (this.keep) this.kept.push(parsed.data);
  };

  /**
   * The form's schema on the rest of the data (the list by its length), then
   * the rules across entries. Returns the data when every entry was accepted
   * and it was asked for.
   */
  finish(rest: Record<string, unknown>, headCell: (key: string) => string | null | undefined): Record<string, unknown> | undefined {
    const key = this.def.layout.dataKey;
    const whole = this.schemas.whole.safeParse({ ...this.head, ...rest, [key]: new Array(this.count).fill(null) });
    if (!whole.success) {
      const taken = this.found.errorCells();
      for (const z of whole.error.issues) {
        const cell = headCell(String(z.path[0])) ?? null;
        // The unit was reported from the title, in its own words.
        if (z.path[0] === 'unit' || (cell && taken.has(cell))) continue;
        this.found.add(schemaFinding(this.def, z.path, z.message), cell);
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
