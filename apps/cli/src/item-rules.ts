import type { EntryRules, Finding, FormDefinition, FormHeader, RuleContext } from '@tianbao/form';

/**
 * The form's rules on one item of data the schema accepted, as `validate`
 * runs them on a workbook (so the findings are the very same): on the whole,
 * or for a list entry by entry, then across entries. Paths start at the item.
 */
export function itemFindings(def: FormDefinition<any>, data: Record<string, any>, ctx: RuleContext): Finding[] {
  if (typeof def.rules === 'function') return def.rules(data, ctx);
  const rules = def.rules as EntryRules<unknown>;
  const key = def.layout.dataKey;
  const across = rules.across();
  const out: Finding[] = [];
  (data[key] as unknown[]).forEach((entry, i) => {
    for (const f of rules.entry(entry, ctx, data as FormHeader)) out.push({ ...f, path: [key, i, ...(f.path ?? [])] });
    across.add(entry, i);
  });
  for (const f of across.end(ctx)) out.push({ ...f, path: f.path && [key, ...f.path] });
  return out;
}
