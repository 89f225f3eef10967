import type { FormDefinition } from '@tianbao/form';

/** The roster as the list of forms shows it, known without building the form (`tianbao templates`, the options). */
export const about = {
  id: 'census-roster',
  name: '第五次全国经济普查领导小组组成人员名单',
  version: '2023.1',
  source: '焦政〔2023〕9号',
  rulePrefix: 'roster',
} as const satisfies Partial<FormDefinition>;

/** The form itself (index.ts): its layout, schema and rules, built when a command first needs it. */
export const load = async (): Promise<FormDefinition<any>> => (await import('./index.ts')).default;
