import { formRule } from './form-rules.ts';
import type { EntryRules, FormDefinition, Rules } from './model.ts';

/**
 * A form that asks for a zero report to be confirmed when nothing is
 * reported: allowed, but the reviewer confirms it with the unit, so one
 * warning for the whole file (`<form>.zero-report`) lets it pass and still be
 * seen. `where` names the form (`本期台账`), `what` it lists (`问题`), `fill`
 * what to add if there was something after all.
 */
export interface ZeroReport<T> {
  where: string;
  what: string;
  fill: string;
  /**
   * Whether nothing is reported, for a form of fixed rows (which rows count is
   * the form's to say). A list is empty when it has no entry, none set aside.
   */
  empty?(data: T): boolean;
}

/** The form's rules, and after them `<form>.zero-report` when it asks for one and nothing is reported. */
export function withZeroReport<R extends Rules<any> | EntryRules<any>>(def: Pick<FormDefinition<any>, 'id' | 'rulePrefix' | 'layout' | 'zeroReport'> & { rules: R }): R {
  const { rules, zeroReport: zero, layout } = def;
  if (!zero) return rules;
  if (!!layout.rows !== !!zero.empty) throw new Error(`${def.id}: a form of fixed rows says when it is empty (zeroReport.empty), a list never does`);
  const finding = {
    severity: 'warning',
    rule: formRule(def.rulePrefix, '<form>.zero-report'),
    message: `${zero.where}未填报任何${zero.what}。如确无${zero.what}，请与报送单位核实并确认为零报告；否则请补填${zero.fill}`,
  } as const;
  // Rows set aside for errors of their own are not nothing: only a list with no rows at all is a zero report.
  if (typeof rules === 'function') {
    const empty = zero.empty ?? ((data: Record<string, any>) => data[layout.dataKey].length === 0);
    return ((data, ctx) => [...rules(data, ctx), ...(!ctx.partial && empty(data) ? [finding] : [])]) as Rules<any> as R;
  }
  return {
    entry: rules.entry,
    across() {
      const across = rules.across();
      let count = 0;
      return {
        add(entry, index) {
          count++;
          across.add(entry, index);
        },
        end: (ctx) => [...across.end(ctx), ...(count === 0 && !ctx.partial ? [finding] : [])],
      };
    },
  } satisfies EntryRules<any> as R;
}
