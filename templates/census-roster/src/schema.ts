import { FormHeader, normaliseName } from '@tianbao/form';
import { z } from 'zod';

export const ROLES = ['组长', '副组长', '成员'] as const;
export type Role = (typeof ROLES)[number];

/** A name as the data holds it: without the space printed in two-character names. */
const Name = z.string().transform(normaliseName).pipe(z.string().min(1, '姓名不能为空'));

export const Member = z.object({
  role: z.enum(ROLES),
  name: Name,
  /** 单位及职务. */
  post: z.string().trim().min(1, '单位及职务不能为空'),
});

/** A census leading group: its members in printed order, and where its office sits. */
export const CensusRoster = FormHeader.extend({
  members: z.array(Member).min(1, '名单中没有人员'),
  /** 办公室设在. */
  officeUnit: z.string().trim().min(1, '请填写办公室设在哪个单位'),
  /** 办公室主任. */
  officeDirector: Name,
});
export type CensusRoster = z.infer<typeof CensusRoster>;
export type Member = z.infer<typeof Member>;
