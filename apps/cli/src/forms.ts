import type { FormDefinition } from '@tianbao/form';
import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { UsageError } from './usage-error.ts';

/** The forms this CLI knows; a new form is one more import here. */
export const forms: readonly FormDefinition<any>[] = [reviewLedger, censusRoster, outfallChecklist];

export const formIds = forms.map((f) => f.id);

export function formById(id: string): FormDefinition<any> {
  const form = forms.find((f) => f.id === id);
  if (!form) throw new UsageError(`未知表样「${id}」。可用：${formIds.join('、')}（tianbao templates 列出全部）`);
  return form;
}
