import { formSchema } from '@tianbao/form';
import type * as z from 'zod';
import { layout } from './layout.ts';

/** A county's monthly ledger: its rows by key, each the problems found, the measure for each, and the time limits; a row left out is empty. */
export const ReviewLedger = formSchema(layout);
export type ReviewLedger = z.infer<typeof ReviewLedger>;

/** One body row. */
export const LedgerRow = ReviewLedger.shape.rows.shape.acceptance.unwrap();
export type LedgerRow = z.infer<typeof LedgerRow>;
