import { defineForm, type EntryRules } from '@tianbao/form';
import { about } from './about.ts';
import { compile } from './compile.ts';
import { layout } from './layout.ts';
import { printBlocks, sheets } from './outputs.ts';
import { catalogue, rules } from './rules.ts';
import { samples } from './samples.ts';
import { OutfallChecklist, type Outfall } from './schema.ts';

export { OutfallChecklist, Outfall } from './schema.ts';
export { MAIN_RIVERS, basinOf } from './rivers.ts';
export { OUTFALL_TYPES } from './values.ts';
export { TARGETS, targetOn, progressByUnit } from './summary.ts';

/** 入河排污口排查整治台账 (焦政办〔2023〕22号), one row per outfall, for a county or the whole city. */
export const outfallChecklist = defineForm<OutfallChecklist, EntryRules<Outfall>>({
  ...about,
  monthly: false,
  cityReports: true,
  schema: OutfallChecklist,
  layout,
  rules,
  catalogue,
  zeroReport: { where: '本台账', what: '入河排污口', fill: '排污口清单' },
  sheets,
  // The largest allowed PDF lays out in a peak heap of about 240 MB (README, "Before the deadline").
  print: { orientation: 'landscape', fontSize: 7.5, blocks: printBlocks, limits: { rows: 2000, chars: 250_000 } },
  compile,
  samples,
});
export default outfallChecklist;
