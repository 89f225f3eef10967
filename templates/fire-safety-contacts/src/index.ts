import { defineForm, type EntryRules } from '@tianbao/form';
import { about } from './about.ts';
import { compile } from './compile.ts';
import { layout } from './layout.ts';
import { printBlocks, sheets } from './outputs.ts';
import { catalogue, rules } from './rules.ts';
import { samples } from './samples.ts';
import { FireSafetyContacts, type Contact } from './schema.ts';

export { FireSafetyContacts, Contact } from './schema.ts';
export { CATEGORIES, required } from './staffing.ts';

/** 消防安全明白人报备表 (焦政办〔2023〕18号 第三条、第七条): a county's organisations and the persons each names. */
export const fireSafetyContacts = defineForm<FireSafetyContacts, EntryRules<Contact>>({
  ...about,
  monthly: false,
  cityReports: true,
  schema: FireSafetyContacts,
  layout,
  rules,
  catalogue,
  zeroReport: { where: '本报备表', what: '消防安全明白人', fill: '明白人报备' },
  sheets,
  // The largest allowed PDF lays out in a peak heap of about 170 MB (README, "Before the deadline").
  print: { orientation: 'landscape', fontSize: 9, blocks: printBlocks, limits: { rows: 2000, chars: 250_000 } },
  compile,
  samples,
});
export default fireSafetyContacts;
