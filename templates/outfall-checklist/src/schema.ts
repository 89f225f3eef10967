import { formSchema } from '@tianbao/form';
import type * as z from 'zod';
import { layout } from './layout.ts';

/** A county's (or the city's) checklist of outfalls on its rivers: the layout's columns, as their cells take them. */
export const OutfallChecklist = formSchema(layout);
export type OutfallChecklist = z.infer<typeof OutfallChecklist>;

/** One outfall, a row of the checklist (责任主体 may be empty only while 未溯源, and 整治进度 and 完成时限 unless 保留: the rules say so). */
export const Outfall = OutfallChecklist.shape.outfalls.element;
export type Outfall = z.infer<typeof Outfall>;
