import { formSchema } from '@tianbao/form';
import type * as z from 'zod';
import { layout } from './layout.ts';

const form = formSchema(layout);

/** One member: 领导小组职务, 姓名, 单位及职务. */
export const Member = form.shape.members.element;

/** A census leading group: its members in printed order, and where its office sits. */
export const CensusRoster = form.extend({ members: form.shape.members.min(1, '名单中没有人员') });
export type CensusRoster = z.infer<typeof CensusRoster>;
export type Member = z.infer<typeof Member>;
