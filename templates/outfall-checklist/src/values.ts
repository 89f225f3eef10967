/** 排污口类型 (国办函〔2022〕17号): four categories and their kinds; a row names the kind, or the category alone. */
export const OUTFALL_KINDS = {
  工业排污口: ['工矿企业排污口', '工矿企业雨洪排口', '工业及其他各类园区污水处理厂排污口', '园区雨洪排口'],
  城镇污水处理厂排污口: [],
  农业排口: ['规模化畜禽养殖排污口', '规模化水产养殖排污口'],
  其他排口: [
    '大中型灌区排口',
    '港口码头排口',
    '规模以下畜禽养殖排污口',
    '规模以下水产养殖排污口',
    '农村污水处理设施排污口',
    '农村生活污水散排口',
    '城镇生活污水散排口',
    '城镇雨洪排口',
  ],
} as const;

export const OUTFALL_TYPES = Object.entries(OUTFALL_KINDS).flatMap(([category, kinds]) => [category, ...kinds]) as [string, ...string[]];

export const PROTECTED = ['否', '饮用水水源保护区', '自然保护地', '其他需要特殊保护区域'] as const;
export const TRACE = ['未溯源', '已溯源', '无法溯源'] as const;
export const METHODS = ['取缔', '清理合并', '规范整治', '保留'] as const;
export const PROGRESS = ['未启动', '整治中', '已完成'] as const;
export const YES_NO = ['是', '否'] as const;

/** Roughly the city's extent, in decimal degrees. */
export const BOUNDS = { lng: [112.5, 113.7], lat: [34.8, 35.5] } as const;
