import { Refusal, type FormDefinition } from '@tianbao/form';
import censusRoster from '@tianbao/template-census-roster';
import fireSafetyContacts from '@tianbao/template-fire-safety-contacts';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';

/**
 * Every form tianbao knows, in the order they are listed: the one list the CLI, its child processes
 * and the portal take. A new form is its folder under templates/ and one more line here.
 */
export const forms: readonly FormDefinition<any>[] = [
  reviewLedger,
  censusRoster,
  outfallChecklist,
  fireSafetyContacts,
];

export const formIds: readonly string[] = forms.map((f) => f.id);

// Two forms under one id, or one rule prefix, could not be told apart in a report: a mistake in the line above.
for (const key of ['id', 'rulePrefix'] as const) {
  const seen = new Set<string>();
  for (const f of forms) {
    if (seen.has(f[key])) throw new Error(`templates/registry: two forms have the ${key} ${f[key]}`);
    seen.add(f[key]);
  }
}

/** Asked for a form that is not in the registry (the CLI says so as a usage error). */
export class UnknownForm extends Refusal {
  constructor(readonly id: string) {
    super('template.unknown', `未知表样「${id}」。可用：${formIds.join('、')}`);
  }
}

export function formById(id: string): FormDefinition<any> {
  const form = forms.find((f) => f.id === id);
  if (!form) throw new UnknownForm(id);
  return form;
}
