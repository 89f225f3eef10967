import { defineForm } from '@tianbao/form';
import { about } from './about.ts';
import { carriedLedger, comparedLedger } from './carry.ts';
import { compile } from './compile.ts';
import { layout } from './layout.ts';
import { catalogue, rules, zeroReport } from './rules.ts';
import { samples } from './samples.ts';
import { ReviewLedger } from './schema.ts';

export { ReviewLedger, LedgerRow } from './schema.ts';
export { ONGOING } from './cells.ts';

/** 行政复议工作问题台账 (焦政办〔2023〕24号 附件), monthly, per county. */
export const reviewLedger = defineForm<ReviewLedger>({
  ...about,
  monthly: true,
  cityReports: false,
  // 注：问题台账每月28日前报市政府办公室.
  dueDate: (period) => `${period}-28`,
  schema: ReviewLedger,
  layout,
  rules,
  catalogue,
  zeroReport,
  // Its five rows; the largest allowed PDF lays out in a peak heap of about 170 MB (README, "Before the deadline").
  // An item is one line (see cells.ts): a long one can only be shortened.
  print: { orientation: 'landscape', limits: { rows: 5, chars: 250_000 }, longLine: '请精简这一项（一项只写一行，不能分段）' },
  compile,
  carry: carriedLedger,
  compared: comparedLedger,
  samples,
});
export default reviewLedger;
