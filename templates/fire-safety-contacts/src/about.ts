import type { FormDefinition } from '@tianbao/form';

/** The contacts as the list of forms shows it, known without building the form (`tianbao templates`, the options). */
export const about = {
  id: 'fire-safety-contacts',
  name: '消防安全明白人报备表',
  version: '2023.1',
  source: '焦政办〔2023〕18号',
  rulePrefix: 'fire',
} as const satisfies Partial<FormDefinition>;

/** The form itself (index.ts): its layout, schema and rules, built when a command first needs it. */
export const load = async (): Promise<FormDefinition<any>> => (await import('./index.ts')).default;
