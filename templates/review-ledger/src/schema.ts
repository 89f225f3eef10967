import { FormHeader, deadlines, items } from '@tianbao/form';
import { z } from 'zod';

/** One body row: the problems found, the measure for each, and the time limits. */
export const LedgerRow = z.object({
  problems: items.schema,
  measures: items.schema,
  /** One for all items, or one per item. */
  deadlines: deadlines.schema,
});

const empty = () => ({ problems: [], measures: [], deadlines: [] });

/** A county's monthly ledger; rows not reported may be left out. */
export const ReviewLedger = FormHeader.extend({
  rows: z.object({
    acceptance: LedgerRow.default(empty),
    hearing: LedgerRow.default(empty),
    drafting: LedgerRow.default(empty),
    enforcement: LedgerRow.default(empty),
    special: LedgerRow.default(empty),
  }),
});
export type ReviewLedger = z.infer<typeof ReviewLedger>;
export type LedgerRow = z.infer<typeof LedgerRow>;
