import type { FormDefinition } from '@tianbao/form';
import { UnknownForm, built, listed } from './list.ts';

export * from './list.ts';

/**
 * Every form of the registry, built (./list.ts lists them without building them): for the portal and the
 * tests, which take them all. The CLI imports `@tianbao/forms/list` and builds a form when a command needs it.
 */
export const forms: readonly FormDefinition<any>[] = await Promise.all(listed.map(built));

export function formById(id: string): FormDefinition<any> {
  const form = forms.find((f) => f.id === id);
  if (!form) throw new UnknownForm(id);
  return form;
}
