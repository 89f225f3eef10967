import { z } from 'zod';
import { IsoDate, formatDateCn, readDate } from './dates.ts';
import { joinItems, splitItems } from './items.ts';
import { tidyLines } from './text.ts';

/** A cell's value as a workbook holds it. */
export type CellValue = string | number | Date | null;

/** Something wrong with one cell's text; the engine adds the place and the rule id. */
export interface CellProblem {
  /** Last part of the rule id: `unparsable` in `ledger.deadline.unparsable`. */
  kind: string;
  message: string;
}

export interface ReadContext {
  /** Column header, to name it in messages. */
  header: string;
  /** Year for dates written without one (from the period). */
  year?: number;
}

/** How one kind of cell reads from and writes to a workbook. */
export interface CellType<T> {
  schema: z.ZodType<T>;
  read(value: CellValue, ctx: ReadContext): { value: T; problems: CellProblem[] };
  write(value: T): string;
}

function asText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return formatDateCn(readDateIso(value));
  return tidyLines(String(value));
}

const readDateIso = (d: Date) => (readDate(d) as { iso: string }).iso;

const Item = z.string().trim().min(1, '不能为空，没有内容的项请删去').refine((s) => !s.includes('\n'), '一项只写一行');

/** Numbered items (`1.…` `2.…`), one per line. */
export const items: CellType<string[]> = {
  schema: z.array(Item),
  read: (value) => ({ value: splitItems(asText(value)), problems: [] }),
  write: joinItems,
};

/** Terms that mean "no end date": the work goes on. */
export const ONGOING = ['长期坚持', '持续推进', '长期', '持续', '常态化'] as const;
export const Deadline = z.union([IsoDate, z.enum(ONGOING)]);
export type Deadline = z.infer<typeof Deadline>;

const EXAMPLE = '2023年7月31日';

/** Time limits: one date for all items, one per item, or an ongoing term. */
export const deadlines: CellType<Deadline[]> = {
  schema: z.array(Deadline),
  read(value, ctx) {
    if (value instanceof Date || typeof value === 'number') {
      const d = readDate(value);
      return d.ok ? { value: [d.iso], problems: [] } : { value: [], problems: [unparsable(ctx.header, String(value))] };
    }
    const out: Deadline[] = [];
    const problems: CellProblem[] = [];
    for (const part of splitItems(asText(value))) {
      const term = ONGOING.find((t) => part === t);
      if (term) {
        out.push(term);
        continue;
      }
      const d = readDate(part, ctx.year);
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
};

function unparsable(header: string, raw: string): CellProblem {
  return {
    kind: 'unparsable',
    message: `${header}「${raw}」无法识别为日期，请填写如 ${EXAMPLE}，或填写“长期坚持”“持续推进”`,
  };
}

const show = (d: Deadline) => (/^\d{4}-/.test(d) ? formatDateCn(d) : d);
