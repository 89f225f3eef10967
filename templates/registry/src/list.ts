import type { FormDefinition } from '@tianbao/form';
import { Refusal } from '@tianbao/form/light';
import * as censusRoster from '@tianbao/template-census-roster/about';
import * as fireSafetyContacts from '@tianbao/template-fire-safety-contacts/about';
import * as outfallChecklist from '@tianbao/template-outfall-checklist/about';
import * as reviewLedger from '@tianbao/template-review-ledger/about';

/** A form as listed: what names it, known without building it, and how to build it. */
export interface ListedForm {
  about: Pick<FormDefinition, 'id' | 'name' | 'version' | 'source' | 'rulePrefix'>;
  /** The form's definition (its layout, schema and rules), built on the first call. */
  load(): Promise<FormDefinition<any>>;
}

/**
 * Every form tianbao knows, in the order they are listed: the one list the CLI, its child processes
 * and the portal take. A new form is its folder under templates/ and one more line here. Listing the
 * forms builds none: a process builds only the forms its work needs (`loadForm`).
 */
export const listed: readonly ListedForm[] = [
  reviewLedger,
  censusRoster,
  outfallChecklist,
  fireSafetyContacts,
];

export const formIds: readonly string[] = listed.map((f) => f.about.id);

/**
 * Throws when two of `forms` have one id or one rule prefix: they could not be told apart in a report, a
 * mistake in the list above. Checked as forms are built or listed, not on import, where it would stop every
 * command with a stack trace instead of the refusal the CLI shows for a form not built.
 */
export function checkUnique(forms: readonly ListedForm[]): void {
  for (const key of ['id', 'rulePrefix'] as const) {
    const seen = new Set<string>();
    for (const { about } of forms) {
      if (seen.has(about[key])) throw new Error(`templates/registry: two forms have the ${key} ${about[key]}: give each form its own in its about.ts`);
      seen.add(about[key]);
    }
  }
}

/** Asked for a form that is not in the registry (the CLI says so as a usage error). */
export class UnknownForm extends Refusal {
  constructor(readonly id: string) {
    super('template.unknown', `未知表样「${id}」。可用：${formIds.join('、')}`);
  }
}

/**
 * A listed form, built, once it is known to be what its about.ts says: the list of forms, the duplicate check
 * above and the reports take about.ts, the engines the built form, and a `rulePrefix` set after `...about`
 * would raise rules under a prefix no list shows.
 */
export async function built(form: ListedForm): Promise<FormDefinition<any>> {
  checkUnique(listed);
  const def = await form.load();
  for (const [key, said] of Object.entries(form.about))
    if (def[key as keyof typeof form.about] !== said)
      throw new Error(
        `templates/registry: the form ${form.about.id} is built with ${key} "${def[key as keyof typeof form.about]}", but its about.ts says "${said}": spread ...about last in its defineForm, and change it in about.ts only`,
      );
  return def;
}

/** The form `id`, built on first use. */
export async function loadForm(id: string): Promise<FormDefinition<any>> {
  const form = listed.find((f) => f.about.id === id);
  if (!form) throw new UnknownForm(id);
  return built(form);
}

/** The forms a file is checked against: the one named (`--template`), else every form, to recognise it. */
export function loadForms(id?: string): Promise<readonly FormDefinition<any>[]> {
  return id === undefined ? Promise.all(listed.map(built)) : loadForm(id).then((form) => [form]);
}
