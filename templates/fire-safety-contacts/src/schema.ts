import { formSchema } from '@tianbao/form';
import type * as z from 'zod';
import { layout } from './layout.ts';

/** A county's report of the 消防安全明白人 its organisations named: the layout's columns, as their cells take them. */
export const FireSafetyContacts = formSchema(layout);
export type FireSafetyContacts = z.infer<typeof FireSafetyContacts>;

/**
 * One person, a row of the report. 统一社会信用代码, 单位类别 and 规模 belong to
 * the organisation: given on its first row, they may be left empty on the
 * rows under it (the rules say what an organisation lacks).
 */
export const Contact = FireSafetyContacts.shape.people.element;
export type Contact = z.infer<typeof Contact>;
