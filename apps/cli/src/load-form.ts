import type { FormDefinition } from '@tianbao/form';
import { UnknownForm, loadForm as buildForm, loadForms as buildForms } from '@tianbao/forms/list';

/** The form `id` of the registry, built on first use (see `refusedAsBuilt`). */
export const loadForm = (id: string): Promise<FormDefinition<any>> => refusedAsBuilt(buildForm(id), `表样「${id}」`);

/** The forms a file is checked against: the one named (`--template`), else every form, to recognise it (see `refusedAsBuilt`). */
export const loadForms = (id?: string): Promise<readonly FormDefinition<any>[]> =>
  refusedAsBuilt(buildForms(id), id === undefined ? '有表样' : `表样「${id}」`);

/**
 * A form its template got wrong (refused as it is built, by `defineForm` or the registry) is the
 * maintainers' to fix, and no file's fault: it is refused as such (`FormsNotBuilt`), the maintainers'
 * English after a Chinese line for whoever ran the command. `which`: the forms built, in Chinese.
 */
export function refusedAsBuilt<T>(building: Promise<T>, which: string): Promise<T> {
  return building.catch(async (e: unknown) => {
    if (e instanceof UnknownForm) throw e;
    // Loaded only then: the validation engine is no part of a command that builds its form fine.
    const { FormsNotBuilt } = await import('@tianbao/validate');
    const detail = e instanceof Error ? e.message : String(e);
    throw new FormsNotBuilt(
      `${which}的定义有误，未能加载，因此没有检查或生成任何文件。这是表样的问题，不是所填文件的问题：请把以下说明发给维护人员。A form could not be built: ${detail}`,
    );
  });
}
