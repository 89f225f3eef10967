import { defineForm } from '@tianbao/form';
import { about } from './about.ts';
import { compile } from './compile.ts';
import { layout } from './layout.ts';
import { printBlocks } from './print.ts';
import { catalogue, rules } from './rules.ts';
import { samples } from './samples.ts';
import { CensusRoster } from './schema.ts';

export { CensusRoster, Member } from './schema.ts';
export { ROLES } from './roles.ts';

/** 第五次全国经济普查领导小组组成人员名单 (焦政〔2023〕9号 附件), for the city and each county. */
export const censusRoster = defineForm<CensusRoster>({
  ...about,
  monthly: false,
  cityReports: true,
  schema: CensusRoster,
  layout,
  rules,
  catalogue,
  // The largest allowed PDF lays out in a peak heap of about 170 MB (README, "Before the deadline").
  print: { orientation: 'portrait', fontSize: 16, blocks: printBlocks, limits: { rows: 1000, chars: 250_000 } },
  compile,
  samples,
});
export default censusRoster;
