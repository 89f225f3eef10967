import type { FormHeader } from './form-schema.ts';
import type { Finding } from './issues.ts';
import type { EntryRules, FormDefinition, RuleContext } from './model.ts';

/** A list's rules run entry by entry, as the entries come: a sheet's rows as they are read, or a list in JSON. */
export interface EntryRun {
  /** One entry the schema accepted: what is wrong with it (paths from the entry); it is then counted across. */
  entry(entry: unknown): Finding[];
  /** After the last entry: the rules across entries (paths `[index, …]`, by the entries' order here). */
  end(ctx: RuleContext): Finding[];
}

/** Start running a form's entry rules on a list whose head (unit, period, …) is `head`. */
export function entryRun(rules: EntryRules<unknown>, ctx: RuleContext, head: FormHeader): EntryRun {
  const across = rules.across();
  let count = 0;
  return {
    entry: (entry) => {
      const found = rules.entry(entry, ctx, head);
      across.add(entry, count++);
      return found;
    },
    end: (endCtx) => across.end(endCtx),
  };
}

/**
 * The form's rules on data its schema accepted, as `validate` runs them on a
 * workbook, so that `generate` and `validate` find the very same: on the
 * whole, or for a list entry by entry, then across entries. Paths from the data's root.
 */
export function ruleFindings(def: FormDefinition<any>, data: Record<string, any>, ctx: RuleContext): Finding[] {
  if (typeof def.rules === 'function') return def.rules(data, ctx);
  const key = def.layout.dataKey;
  const run = entryRun(def.rules, ctx, data as FormHeader);
  const out: Finding[] = (data[key] as unknown[]).flatMap((entry, i) => run.entry(entry).map((f) => ({ ...f, path: [key, i, ...(f.path ?? [])] })));
  for (const f of run.end(ctx)) out.push({ ...f, path: f.path && [key, ...f.path] });
  return out;
}
