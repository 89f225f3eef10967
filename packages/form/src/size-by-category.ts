import * as z from 'zod';
import { asText, type CellType } from './cells.ts';
import { stripSpaces, textKey, toHalfWidth } from './text.ts';

/**
 * What a size means for one category: a count or a measure in a unit, with
 * the range it plausibly lies in, or a grade from a list (`三级甲等`).
 */
export type Scale =
  | { measure: string; unit: string; min: number; max: number; /** A count (of people): whole numbers only. */ whole?: boolean }
  | { measure: string; grades: readonly string[]; aliases?: Readonly<Record<string, string>> };

/** A size as the data holds it: a number in its category's unit, or a grade. */
export type Size = number | string;

/** A size that does not fit its category: the wrong kind (an error), or a number outside the plausible range (a warning). */
export interface SizeProblem {
  kind: 'kind' | 'range';
  message: string;
  severity?: 'warning';
}

const SizeSchema = z.union([z.number().finite(), z.string().trim().min(1)]).optional();

export interface SizeByCategory<C extends string> extends CellType<Size | undefined, typeof SizeSchema> {
  /** What to write for a category, as a clerk is told: `总建筑面积（平方米）`, `等级（一级甲等、…）`. */
  describe(category: C): string;
  /** What is wrong with a size read for a category, or null. */
  judge(category: C, size: Size, header: string): SizeProblem | null;
}

/** Other ways people write a unit (`㎡` for 平方米). */
const SPELLINGS: Record<string, string[]> = { 平方米: ['平方米', '平米', '平方', '㎡', 'm²', 'm2'], 人: ['人', '名'] };

/**
 * A size whose meaning depends on another cell of its row, the category
 * (`by`: that column's header, as the clerk is told of it): `scales` says, for
 * each category, what it counts and in which unit, or which grades it takes.
 * The cell alone reads a number (`3500`, `3,500平方米`, `1.2万`) or any of the
 * grades; which of them the row's category wants is judged by the form's rules
 * with `judge`, since a cell is read on its own. An empty cell is no problem
 * here: the rules know whether the row needs one.
 */
export function sizeByCategory<const C extends string>(by: string, scales: Readonly<Record<C, Scale>>): SizeByCategory<C> {
  const list = Object.values(scales) as Scale[];
  const grades = new Map<string, string>();
  for (const s of list)
    if ('grades' in s) {
      for (const g of s.grades) grades.set(textKey(g), g);
      for (const [a, g] of Object.entries(s.aliases ?? {})) grades.set(textKey(a), g);
    }
  const units = [...new Set(list.flatMap((s) => ('unit' in s ? (SPELLINGS[s.unit] ?? [s.unit]) : [])))].sort((a, b) => b.length - a.length);
  const describe = (category: C) => {
    const s = scales[category];
    return 'unit' in s ? `${s.measure}（${s.unit}）` : `${s.measure}（${s.grades.join('、')}）`;
  };
  const wanted = () => (Object.keys(scales) as C[]).map((c) => `${c}填${describe(c)}`).join('；');

  /** The number in `3,500平方米`, `约1.2万人`, `800余人`; NaN when there is none. */
  const numberIn = (text: string) => {
    let t = text.replace(/^约/, '').replace(/(余|多)$/, '');
    const unit = units.find((u) => t.endsWith(u));
    if (unit) t = t.slice(0, -unit.length).replace(/(余|多)$/, '');
    const m = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万)?$/.exec(t);
    if (!m) return NaN;
    return Number(m[1]!.replace(/,/g, '') + (m[2] ?? '')) * (m[3] ? 10_000 : 1);
  };

  return {
    schema: SizeSchema,
    read(value, ctx) {
      if (typeof value === 'number')
        return value < 0 ? { value: undefined, problems: [{ kind: 'unparsable', message: `${ctx.header}「${value}」是负数，规模不能为负，请按${by}填写：${wanted()}` }] } : { value, problems: [] };
      const shown = asText(value);
      const t = stripSpaces(toHalfWidth(shown));
      if (!t) return { value: undefined, problems: [] };
      const grade = grades.get(textKey(t));
      if (grade) return { value: grade, problems: [] };
      const n = numberIn(t);
      if (Number.isFinite(n)) return { value: n, problems: [] };
      return { value: undefined, problems: [{ kind: 'unparsable', message: `${ctx.header}「${shown}」读不出规模，请按${by}填写：${wanted()}` }] };
    },
    write: (value) => value ?? null,
    problems: { unparsable: 'error' },
    describe,
    judge(category, size, header) {
      const s = scales[category];
      if ('unit' in s) {
        if (typeof size === 'string') return { kind: 'kind', message: `${by}为${category}，${header}应填${describe(category)}，不是「${size}」` };
        if (s.whole && !Number.isInteger(size)) return { kind: 'kind', message: `${by}为${category}，${header}应填${describe(category)}，是整数，不是 ${size}` };
        if (size < s.min || size > s.max)
          return {
            kind: 'range',
            severity: 'warning',
            message: `${header}${size}${s.unit}不在${category}${s.measure}的常见范围（${s.min}–${s.max}${s.unit}）内，请核实是否多写或少写了位数`,
          };
        return null;
      }
      if (typeof size === 'string' && s.grades.includes(size)) return null;
      return { kind: 'kind', message: `${by}为${category}，${header}应填${describe(category)}，不是${typeof size === 'number' ? `数字 ${size}` : `「${size}」`}` };
    },
  };
}
