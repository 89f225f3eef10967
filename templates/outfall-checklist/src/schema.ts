import { FormHeader, IsoDate } from '@tianbao/form';
import { z } from 'zod';
import { BASINS } from './rivers.ts';
import { METHODS, OUTFALL_TYPES, PROGRESS, PROTECTED, TRACE, YES_NO } from './values.ts';

const Text = z.string().trim().min(1);

/** One outfall, a row of the checklist. */
export const Outfall = z.object({
  /** 排污口编码 */
  code: Text,
  /** 排污口名称 */
  name: Text,
  /** 所在县（市、区） */
  county: Text,
  /** 受纳水体 */
  river: Text,
  /** 所属流域 */
  basin: z.enum(BASINS),
  /** 排污口类型 */
  type: z.enum(OUTFALL_TYPES),
  lng: z.number().finite(),
  lat: z.number().finite(),
  /** 责任主体; empty only while the outfall is 未溯源. */
  owner: Text.optional(),
  /** 统一社会信用代码 of the 责任主体. */
  credit: z.string().length(18).optional(),
  /** 特殊保护区域 */
  protected: z.enum(PROTECTED),
  /** 溯源状态 */
  trace: z.enum(TRACE),
  /** 整治方式 */
  method: z.enum(METHODS),
  /** 整治进度; required unless 保留. */
  progress: z.enum(PROGRESS).optional(),
  /** 完成时限; required unless 保留. */
  deadline: IsoDate.optional(),
  /** 树标立牌 */
  sign: z.enum(YES_NO),
  /** 备注 */
  remark: Text.optional(),
});
export type Outfall = z.infer<typeof Outfall>;

/** A county's (or the city's) checklist of outfalls on its rivers. */
export const OutfallChecklist = FormHeader.extend({ outfalls: z.array(Outfall) });
export type OutfallChecklist = z.infer<typeof OutfallChecklist>;
