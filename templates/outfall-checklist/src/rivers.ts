import { textKey } from '@tianbao/form';

/** 焦作市主要河流清单 (焦政办〔2023〕22号 附件). */
export const MAIN_RIVERS = [
  { basin: '黄河流域', rivers: ['黄河', '沁河', '蟒河', '新蟒河', '丹河', '济河', '滩区涝河'] },
  { basin: '海河流域', rivers: ['大沙河', '共产主义渠', '人民胜利渠'] },
] as const;

export const RIVER_LIST_NOTE = '注：根据上级工作部署，市污染防治攻坚战领导小组适时调整增加清单内容。';

export const BASINS = MAIN_RIVERS.map((b) => b.basin);
export type Basin = (typeof BASINS)[number];

const BY_RIVER = new Map<string, Basin>(MAIN_RIVERS.flatMap((b) => b.rivers.map((r) => [textKey(r), b.basin] as [string, Basin])));

/** The basin of a river on the list, or undefined for a river not on it. */
export const basinOf = (river: string): Basin | undefined => BY_RIVER.get(textKey(river));
