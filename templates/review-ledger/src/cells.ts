import { IsoDate, LINE_BREAK, asText, formatDateCn, joinItems, readDate, splitItems, type CellProblem, type CellType } from '@tianbao/form';
import * as z from 'zod';

/** No problems: one frozen array for every cell read well. */
const NONE = Object.freeze([]) as unknown as CellProblem[];

const Item = z.string().trim().min(1, '不能为空，没有内容的项请删去').refine((s) => !LINE_BREAK.test(s), '一项只写一行');

/** Numbered items (`1.…` `2.…`), one per line: the ledger's 存在问题 and 改进措施. */
export const items: CellType<string[], z.ZodArray<typeof Item>> = {
  schema: z.array(Item),
  read: (value) => ({ value: splitItems(asText(value)), problems: NONE }),
  write: joinItems,
  problems: {},
};

/** Terms that mean "no end date": the work goes on. */
export const ONGOING = ['长期坚持', '持续推进', '长期', '持续', '常态化'] as const;
export const Deadline = z.union([IsoDate, z.enum(ONGOING)]);
export type Deadline = z.infer<typeof Deadline>;

const EXAMPLE = '2023年7月31日';

/** Time limits (完成时限): one date for all items, one per item, or an ongoing term; printed one a line, never broken. */
export const deadlines: CellType<Deadline[], z.ZodArray<typeof Deadline>> = {
  schema: z.array(Deadline),
  read(value, ctx) {
    if (value instanceof Date || typeof value === 'number') {
      const d = readDate(value, undefined, ctx.date1904);
      return d.ok ? { value: [d.iso], problems: NONE } : { value: [], problems: [unparsable(ctx.header, String(value))] };
    }
    const out: Deadline[] = [];
    const problems: CellProblem[] = [];
    for (const part of splitItems(asText(value))) {
      const term = ONGOING.find((t) => part === t);
      if (term) {
        out.push(term);
        continue;
      }
      const d = readDate(part, ctx.year, ctx.date1904);
      if (d.ok) out.push(d.iso);
      else if (d.problem === 'missing-year')
        problems.push({
          kind: 'missing-year',
          message: `${ctx.header}「${part}」没有写年份，且无法确定报送月份，请写明年份，如 ${EXAMPLE}`,
        });
      else if (d.problem === 'invalid')
        problems.push({ kind: 'unparsable', message: `${ctx.header}「${part}」不是有效日期，请填写如 ${EXAMPLE}` });
      else problems.push(unparsable(ctx.header, part));
    }
    return { value: out, problems };
  },
  write: (value) => (value.length === 1 ? show(value[0]!) : joinItems(value.map(show))),
  problems: { unparsable: 'error', 'missing-year': 'error' },
  wholeLines: true,
};

function unparsable(header: string, raw: string): CellProblem {
  return {
    kind: 'unparsable',
    message: `${header}「${raw}」无法识别为日期，请填写如 ${EXAMPLE}，或填写“长期坚持”“持续推进”`,
  };
}

const show = (d: Deadline) => (/^\d{4}-/.test(d) ? formatDateCn(d) : d);
