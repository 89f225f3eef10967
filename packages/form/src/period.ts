import { isoOf } from './dates.ts';
import { toHalfWidth } from './text.ts';

/** A reporting month `YYYY-MM`, if the year and month can be one. */
export const periodOf = (y: number, m: number) => (m >= 1 && m <= 12 && y >= 2000 && y <= 2100 ? isoOf(y, m, 1).slice(0, 7) : undefined);

/** The month in a file name: `…2023年6月…`, `…2023-06…`, `…202306…`. */
export function periodFromFileName(name: string): string | undefined {
  const t = toHalfWidth(name);
  const m = /(\d{4})年(\d{1,2})月/.exec(t) ?? /(\d{4})[-_.](\d{1,2})(?!\d)/.exec(t) ?? /(?<!\d)(20\d{2})(0[1-9]|1[0-2])(?!\d)/.exec(t);
  return m ? periodOf(Number(m[1]), Number(m[2])) : undefined;
}
