import { sizeByCategory, type Size } from '@tianbao/form';

/** 第三条: the organisations that name 消防安全明白人. */
export const CATEGORIES = ['公众聚集场所', '医院', '学校', '养老院', '福利院', '日间照料中心', '劳动密集型企业'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Hospital grades (医院分级管理): the three 甲等 grades are those 第七条 names. */
const GRADES = ['三级甲等', '三级乙等', '三级丙等', '二级甲等', '二级乙等', '二级丙等', '一级甲等', '一级乙等', '一级丙等', '未定级'] as const;
const SHORT_GRADES = Object.fromEntries(GRADES.filter((g) => g !== '未定级').map((g) => [`${g[0]}${g[2]}`, g]));

const served = { measure: '服务对象人数', unit: '人', min: 1, max: 5_000, whole: true } as const;

/** What 规模 counts for each category (第七条), with a range it plausibly lies in. */
const SCALES = {
  公众聚集场所: { measure: '总建筑面积', unit: '平方米', min: 20, max: 2_000_000 },
  医院: { measure: '等级', grades: GRADES, aliases: { ...SHORT_GRADES, 未定等级: '未定级' } },
  学校: { measure: '师生人数', unit: '人', min: 10, max: 100_000, whole: true },
  养老院: served,
  福利院: served,
  日间照料中心: served,
  劳动密集型企业: { measure: '职工人数', unit: '人', min: 10, max: 200_000, whole: true },
} as const;

/** The 规模 cell: a number in the category's unit, or a hospital's grade. */
export const size = sizeByCategory<Category>('单位类别', SCALES);

/** 第七条: at least 2, 3, 4 persons above each threshold (strictly above: `超过3000平方米`). */
const STEPS: Record<Exclude<Category, '医院'>, readonly [number, number, number]> = {
  公众聚集场所: [3000, 5000, 10000],
  学校: [1000, 5000, 10000],
  养老院: [100, 300, 500],
  福利院: [100, 300, 500],
  日间照料中心: [100, 300, 500],
  劳动密集型企业: [500, 1000, 5000],
};

/** 第七条 names only the 甲等 grades; a hospital of any other grade names at least 1, as every organisation does. */
const BY_GRADE: Record<string, number> = { 一级甲等: 2, 二级甲等: 3, 三级甲等: 4 };

/**
 * How many 消防安全明白人 an organisation of this category and size names at
 * least, and the words of 第七条 that ask for them (`总建筑面积超过5000平方米`);
 * no words when only the minimum of 1 applies.
 */
export function required(category: Category, value: Size): { count: number; because?: string } {
  if (category === '医院') {
    const count = typeof value === 'string' ? (BY_GRADE[value] ?? 1) : 1;
    return count > 1 ? { count, because: `${value}医院` } : { count };
  }
  if (typeof value !== 'number') return { count: 1 };
  const steps = STEPS[category];
  const passed = steps.filter((t) => value > t).length;
  if (passed === 0) return { count: 1 };
  const { measure, unit } = SCALES[category];
  return { count: passed + 1, because: `${measure}超过${steps[passed - 1]}${unit}的${category}` };
}
