import { z } from 'zod';
import { IsoDate, formatDateCn, readDate } from './dates.ts';
import { joinItems, splitItems } from './items.ts';
import { textKey, tidyLines } from './text.ts';

/** A cell's value as a workbook holds it. */
export type CellValue = string | number | Date | null;

/** Something wrong with one cell's text; the engine adds the place and the rule id. */
export interface CellProblem {
  /** Last part of the rule id: `unparsable` in `ledger.deadline.unparsable`. */
  kind: string;
  message: string;
  /** A problem is an error unless it only asks the clerk to confirm. */
  severity?: 'warning';
}

export interface ReadContext {
  /** Column header, to name it in messages. */
  header: string;
  /** Year for dates written without one (from the period). */
  year?: number;
  /** The workbook counts day serials from 1904 (old Mac Excel; LibreOffice and SheetJS can write it too). */
  date1904?: boolean;
}

/** What a workbook enforces while the clerk types: a dropdown, a number range, a date. */
export type Entry =
  | { type: 'list'; values: readonly string[] }
  /** A dropdown of the unit list the workbook is made with (`--units`). */
  | { type: 'units' }
  | { type: 'decimal'; min: number; max: number }
  | { type: 'date' };

/** How one kind of cell reads from and writes to a workbook. */
export interface CellType<T> {
  schema: z.ZodType<T>;
  read(value: CellValue, ctx: ReadContext): { value: T; problems: CellProblem[] };
  write(value: T): CellValue;
  /** Checked on entry in the workbooks we write. */
  entry?: Entry;
  /** Formatted as text in the workbooks we write, so that Excel keeps an all-digit code as typed. */
  textFormat?: boolean;
}

type Read<T> = { value: T; problems: CellProblem[] };
/** No problems: one frozen array for every cell read well (cells are read by the hundred thousand). */
const NONE = Object.freeze([]) as unknown as CellProblem[];
const ok = <T>(value: T): Read<T> => ({ value, problems: NONE });
const fail = <T>(value: T, kind: string, message: string): Read<T> => ({ value, problems: [{ kind, message }] });

/** A cell's text as a clerk sees it: dates as `2023年7月31日`, lines trimmed. */
export function asText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return formatDateCn(readDateIso(value));
  return tidyLines(String(value));
}

/** What a written cell shows, for print. */
export function displayText(value: CellValue): string {
  return value === null ? '' : value instanceof Date ? formatDateCn(readDateIso(value)) : String(value);
}

const readDateIso = (d: Date) => (readDate(d) as { iso: string }).iso;

const missing = (header: string) => ({ kind: 'missing', message: `${header}不能为空，请填写` });

/** Plain text, one line or several; `required` makes an empty cell an error. */
export function text(opts: { required: true }): CellType<string>;
export function text(opts?: { required?: false }): CellType<string | undefined>;
export function text(opts: { required?: boolean } = {}): CellType<any> {
  return {
    schema: opts.required ? z.string().trim().min(1, '不能为空') : z.string().trim().min(1).optional(),
    read(value, ctx) {
      const t = asText(value);
      if (t) return ok(t);
      return opts.required ? { value: undefined, problems: [missing(ctx.header)] } : ok(undefined);
    },
    write: (value) => value ?? null,
  };
}

/** A reporting unit's name, required, offered as a dropdown of the unit list in use; the form's rules judge it. */
export const unitName: CellType<string> = { ...text({ required: true }), entry: { type: 'units' } };

/**
 * A code (排污口编码, a telephone number): text even when all digits. A
 * number in its cell is a code Excel turned into one: kept, with a warning,
 * while it holds every digit; an error once digits are lost.
 */
export function code(opts: { required: true }): CellType<string>;
export function code(opts?: { required?: false }): CellType<string | undefined>;
export function code(opts: { required?: boolean } = {}): CellType<any> {
  const plain = text(opts as { required?: false });
  return {
    ...plain,
    read(value, ctx) {
      if (typeof value !== 'number') return plain.read(value, ctx);
      const { digits, message } = codeFromNumber(value, ctx.header);
      return digits === undefined ? fail(undefined, 'number', message) : { value: digits, problems: [{ kind: 'number', severity: 'warning', message }] };
    },
    textFormat: true,
  };
}

/** Excel keeps 15 significant digits of a number: a longer code has lost the rest. */
const EXCEL_DIGITS = 15;
const RETYPE = "请把这一列设为文本格式（或在前面加英文单引号 '）后";

/**
 * What is left of a code that Excel turned into a number, with the message
 * that says so: its digits while it holds them all, none once some are lost.
 */
export function codeFromNumber(n: number, header: string): { digits?: string; message: string } {
  const shown = `${header}这一格是数字 ${generalText(n)}：Excel 把全是数字的编码变成了数字`;
  if (Number.isInteger(n) && Math.abs(n) >= 10 ** EXCEL_DIGITS) {
    const kept = n.toPrecision(EXCEL_DIGITS).replace(/e.*$/, '').replace(/[-.]/g, '');
    return { message: `${shown}，只保留前${EXCEL_DIGITS}位，后面的数字已丢失。${RETYPE}按原件重新输入完整的编码 ${kept}…` };
  }
  const digits = String(n);
  return { digits, message: `${shown}，读作 ${digits}（编码若以 0 开头，0 已丢失）。${RETYPE}重新输入 ${digits}` };
}

/** A number as Excel's General format shows it: 12 digits and more as `9.14108E+17`. */
function generalText(n: number): string {
  if (Math.abs(n) < 1e11) return String(n);
  const [mantissa, exponent] = n.toExponential(5).split('e') as [string, string];
  return `${mantissa.replace(/\.?0+$/, '')}E${exponent[0]}${exponent.slice(1).padStart(2, '0')}`;
}

/**
 * One of a fixed set of words. Read after normalising spaces and width
 * (`整 治中` is `整治中`); `aliases` maps other common spellings to a value.
 */
export function choice<const V extends string>(
  values: readonly V[],
  opts: { required?: boolean; aliases?: Record<string, V> } = {},
): CellType<V | undefined> {
  const byKey = new Map<string, V>();
  for (const v of values) byKey.set(textKey(v), v);
  for (const [a, v] of Object.entries(opts.aliases ?? {})) byKey.set(textKey(a), v);
  const shown = values.join('、');
  const base = z.enum(values as unknown as [V, ...V[]]);
  return {
    schema: (opts.required ? base : base.optional()) as z.ZodType<V | undefined>,
    read(value, ctx) {
      const t = asText(value);
      if (!t) return opts.required ? { value: undefined, problems: [missing(ctx.header)] } : ok(undefined);
      const v = byKey.get(textKey(t));
      return v ? ok(v) : fail(undefined, 'invalid', `${ctx.header}「${t}」不是规定的选项，请从下拉列表中选择：${shown}`);
    },
    write: (value) => value ?? null,
    entry: { type: 'list', values },
  };
}

/**
 * A decimal number as typed or as a number cell (`113.25`, `１１３．２５`, `113.25°`).
 * [min, max] is checked on entry in the workbooks we write; a form's rules judge the range.
 */
export function decimal(opts: { min: number; max: number; example: string; required?: boolean }): CellType<number | undefined> {
  const base = z.number().finite();
  return {
    schema: (opts.required ? base : base.optional()) as z.ZodType<number | undefined>,
    read(value, ctx) {
      if (typeof value === 'number') return ok(value);
      const t = textKey(asText(value)).replace(/[°度]$/, '').replace('。', '.');
      if (!t) return opts.required ? { value: undefined, problems: [missing(ctx.header)] } : ok(undefined);
      const n = /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
      return Number.isFinite(n) ? ok(n) : fail(undefined, 'unparsable', `${ctx.header}「${t}」不是数字，请填写十进制度数，如 ${opts.example}`);
    },
    write: (value) => value ?? null,
    entry: { type: 'decimal', min: opts.min, max: opts.max },
  };
}

/** One calendar date, in any way people write one; stored as a date cell. */
export function date(opts: { example: string; required?: boolean }): CellType<string | undefined> {
  return {
    schema: (opts.required ? IsoDate : IsoDate.optional()) as z.ZodType<string | undefined>,
    read(value, ctx) {
      if (value === null || (typeof value === 'string' && !value.trim()))
        return opts.required ? { value: undefined, problems: [missing(ctx.header)] } : ok(undefined);
      const d = readDate(typeof value === 'string' ? asText(value) : value, ctx.year, ctx.date1904);
      if (d.ok) return ok(d.iso);
      if (d.problem === 'missing-year')
        return fail(undefined, 'missing-year', `${ctx.header}「${asText(value)}」没有写年份，请写明年份，如 ${opts.example}`);
      return fail(undefined, 'unparsable', `${ctx.header}「${asText(value)}」不是有效日期，请填写如 ${opts.example}`);
    },
    write: (value) => (value ? dateCell(value) : null),
    entry: { type: 'date' },
  };
}

/** A date with no time zone: midnight UTC, which is how exceljs writes a date serial. */
const dateCell = (iso: string) => new Date(`${iso}T00:00:00Z`);

const Item = z.string().trim().min(1, '不能为空，没有内容的项请删去').refine((s) => !s.includes('\n'), '一项只写一行');

/** Numbered items (`1.…` `2.…`), one per line. */
export const items: CellType<string[]> = {
  schema: z.array(Item),
  read: (value) => ok(splitItems(asText(value))),
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
      const d = readDate(value, undefined, ctx.date1904);
      return d.ok ? ok([d.iso]) : { value: [], problems: [unparsable(ctx.header, String(value))] };
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
};

function unparsable(header: string, raw: string): CellProblem {
  return {
    kind: 'unparsable',
    message: `${header}「${raw}」无法识别为日期，请填写如 ${EXAMPLE}，或填写“长期坚持”“持续推进”`,
  };
}

const show = (d: Deadline) => (/^\d{4}-/.test(d) ? formatDateCn(d) : d);
