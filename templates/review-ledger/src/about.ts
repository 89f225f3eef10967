import type { FormDefinition } from '@tianbao/form';

/** The ledger as the list of forms shows it, known without building the form (`tianbao templates`, the options). */
export const about = {
  id: 'review-ledger',
  name: '行政复议工作问题台账',
  version: '2023.1',
  source: '焦政办〔2023〕24号',
  rulePrefix: 'ledger',
} as const satisfies Partial<FormDefinition>;

/** The form itself (index.ts): its layout, schema and rules, built when a command first needs it. */
export const load = async (): Promise<FormDefinition<any>> => (await import('./index.ts')).default;
