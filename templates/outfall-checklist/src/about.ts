import type { FormDefinition } from '@tianbao/form';

/** The checklist as the list of forms shows it, known without building the form (`tianbao templates`, the options). */
export const about = {
  id: 'outfall-checklist',
  name: '入河排污口排查整治台账',
  version: '2023.1',
  source: '焦政办〔2023〕22号',
  rulePrefix: 'outfall',
} as const satisfies Partial<FormDefinition>;

/** The form itself (index.ts): its layout, schema and rules, built when a command first needs it. */
export const load = async (): Promise<FormDefinition<any>> => (await import('./index.ts')).default;
