import * as z from 'zod';
import { IsoDate, formatDateCn, readDate } from './dates.ts';
import type { RuleSpec } from './rule-catalogue.ts';
import { textKey, tidyLines } from './text.ts';

/**
 * Every kind of problem a cell's text can have: the last part of its rule id
 * (`unparsable` in `ledger.deadline.unparsable`), with the rule's title and
 * what to do. `invalid` is also a value the form's schema refuses.
 */
export const CELL_KINDS = {
  missing: { title: '必填的单元格为空', fix: '填写该单元格' },
  invalid: { title: '填写的内容不符合表样的要求', fix: '按表头、下拉列表或输入提示改正' },
  unparsable: { title: '无法识别为日期或数字', fix: '按示例的格式填写' },
  'missing-year': { title: '日期没有写年份，也无法确定报送月份', fix: '写明年份' },
  number: { title: 'Excel 把全是数字的编码变成了数字', fix: '把这一列设为文本格式后重新输入完整的编码' },
  format: { title: '姓名不像常见姓名', fix: '核实是否多写了职务、标点或错字' },
  check: { title: '统一社会信用代码的校验位不符', fix: '与营业执照核对，核实无误可说明' },
  'too-long': { title: '单元格超过 Excel 的 32,767 个字符', fix: '精简，或把说明另附材料' },
} as const satisfies Record<string, Omit<RuleSpec, 'severity'>>;
export type CellKind = keyof typeof CELL_KINDS;

/** A cell's value as a workbook holds it. */
export type CellValue = string | number | Date | null;

/** Something wrong with one cell's text; the engine adds the place and the rule id. */
export interface CellProblem {
  /** Last part of the rule id: `unparsable` in `ledger.deadline.unparsable`. */
  kind: CellKind;
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

/**
 * How one kind of cell reads from and writes to a workbook, and its data's
 * schema `S` (a form's schema is made of its cells', so it is kept exact).
 */
export interface CellType<T, S extends z.ZodType = z.ZodType<T>> {
  schema: S;
  /** Its value, absent when a problem leaves none (a required cell left empty). */
  read(value: CellValue, ctx: ReadContext): { value: T | undefined; problems: CellProblem[] };
  write(value: T): CellValue;
  /** The kinds of problem `read` reports, each at its severity: its column's rules. */
  problems: Readonly<Partial<Record<CellKind, RuleSpec['severity']>>>;
  /** Checked on entry in the workbooks we write. */
  entry?: Entry;
  /** Formatted as text in the workbooks we write, so that Excel keeps an all-digit code as typed. */
  textFormat?: boolean;
  /** Each line of its text is one value (a date, a code), printed whole: never broken inside a line. */
  wholeLines?: boolean;
  /**
   * Every value `read` gives is one `schema` takes and gives back as it is:
   * a long list's entries, read so, need not be put through the schema again
   * a cell at a time (each column's a test holds to it).
   */
  readKept?: boolean;
}

type Read<T> = { value: T; problems: CellProblem[] };
/** No problems: one frozen array for every cell read well (cells are read by the hundred thousand). */
const NONE = Object.freeze([]) as unknown as CellProblem[];
const ok = <T>(value: T): Read<T> => ({ value, problems: NONE });
const fail = <T>(value: T, kind: CellKind, message: string): Read<T> => ({ value, problems: [{ kind, message }] });

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

/** A required cell left empty. */
export const missing = (header: string): CellProblem => ({ kind: 'missing', message: `${header}不能为空，请填写` });

/** Plain text, one line or several; `required` makes an empty cell an error. */
export function text(opts: { required: true }): CellType<string, z.ZodString>;
export function text(opts?: { required?: false }): CellType<string | undefined, z.ZodOptional<z.ZodString>>;
export function text(opts: { required?: boolean } = {}): CellType<any> {
  return {
    schema: opts.required ? z.string().trim().min(1, '不能为空') : z.string().trim().min(1).optional(),
    // Its text comes trimmed, and with something in it.
    readKept: true,
    read(value, ctx) {
      const t = asText(value);
      if (t) return ok(t);
      return opts.required ? { value: undefined, problems: [missing(ctx.header)] } : ok(undefined);
    },
    write: (value) => value ?? null,
    problems: opts.required ? { missing: 'error' } : {},
  };
}

/** A reporting unit's name, required, offered as a dropdown of the unit list in use; the form's rules judge it. */
export const unitName: CellType<string, z.ZodString> = { ...text({ required: true }), entry: { type: 'units' } };

/**
 * A code (排污口编码, a telephone number): text even when all digits. A
 * number in its cell is a code Excel turned into one: kept, with a warning,
 * while it holds every digit; an error once digits are lost.
 */
export function code(opts: { required: true }): CellType<string, z.ZodString>;
export function code(opts?: { required?: false }): CellType<string | undefined, z.ZodOptional<z.ZodString>>;
export function code(opts: { required?: boolean } = {}): CellType<any> {
  const plain = text(opts as { required?: false });
  return {
    ...plain,
    read(value, ctx) {
      if (typeof value !== 'number') return plain.read(value, ctx);
      const { digits, message } = codeFromNumber(value, ctx.header);
      return digits === undefined ? fail(undefined, 'number', message) : { value: digits, problems: [{ kind: 'number', severity: 'warning', message }] };
    },
    // A number that still holds every digit is read as its digits, with a warning; one that lost some is an error.
    problems: { ...plain.problems, number: 'error or warning' },
    textFormat: true,
  };
}

/** Excel keeps 15 significant digits of a number: a longer code has lost the rest. */
const EXCEL_DIGITS = 15;
/** How to type a code again once Excel has made it a number; followed by what to type. */
export const RETYPE = "请把这一列设为文本格式（或在前面加英文单引号 '）后";

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
type Choice<V extends string> = z.ZodEnum<{ [K in V]: K }>;
type ChoiceOptions<V extends string> = { aliases?: Record<string, V> };
export function choice<const V extends string>(values: readonly V[], opts: ChoiceOptions<V> & { required: true }): CellType<V, Choice<V>>;
export function choice<const V extends string>(
  values: readonly V[],
  opts?: ChoiceOptions<V> & { required?: false },
): CellType<V | undefined, z.ZodOptional<Choice<V>>>;
export function choice<const V extends string>(values: readonly V[], opts: ChoiceOptions<V> & { required?: boolean } = {}): CellType<any> {
  // Each value's reading made once: a list's cells are through the same few choices.
  const byKey = new Map<string, Read<V>>();
  for (const v of values) byKey.set(textKey(v), ok(v));
  for (const [a, v] of Object.entries(opts.aliases ?? {})) byKey.set(textKey(a), ok(v));
  const shown = values.join('、');
  const base = z.enum(values as unknown as [V, ...V[]]);
  return {
    schema: opts.required ? base : base.optional(),
    // It reads one of the values, or nothing.
    readKept: true,
    read(value, ctx) {
      const t = asText(value);
      if (!t) return opts.required ? { value: undefined, problems: [missing(ctx.header)] } : ok(undefined);
      return byKey.get(textKey(t)) ?? fail(undefined, 'invalid', `${ctx.header}「${t}」不是规定的选项，请从下拉列表中选择：${shown}`);
    },
    write: (value) => value ?? null,
    problems: { ...(opts.required ? { missing: 'error' } : {}), invalid: 'error' },
    entry: { type: 'list', values },
  };
}

/**
 * A decimal number as typed or as a number cell (`113.25`, `１１３．２５`, `113.25°`).
 * [min, max] is checked on entry in the workbooks we write; a form's rules judge the range.
 */
type DecimalOptions = { min: number; max: number; example: string };
export function decimal(opts: DecimalOptions & { required: true }): CellType<number, z.ZodNumber>;
export function decimal(opts: DecimalOptions & { required?: false }): CellType<number | undefined, z.ZodOptional<z.ZodNumber>>;
export function decimal(opts: DecimalOptions & { required?: boolean }): CellType<any> {
  const base = z.number().finite();
  return {
    schema: opts.required ? base : base.optional(),
    read(value, ctx) {
      if (typeof value === 'number') return ok(value);
      const t = textKey(asText(value)).replace(/[°度]$/, '').replace('。', '.');
      if (!t) return opts.required ? { value: undefined, problems: [missing(ctx.header)] } : ok(undefined);
      const n = /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
      if (Number.isFinite(n)) return ok(n);
      // Quoted as the clerk typed it (`113,4308`, not its key `113，4308`), a decimal comma named.
      const comma = /^\d+[,，]\d+$/.test(t) ? '；小数点应写作“.”，不用逗号' : '';
      return fail(undefined, 'unparsable', `${ctx.header}「${asText(value)}」不是数字${comma}，请填写十进制度数，如 ${opts.example}`);
    },
    write: (value) => value ?? null,
    problems: { ...(opts.required ? { missing: 'error' } : {}), unparsable: 'error' },
    entry: { type: 'decimal', min: opts.min, max: opts.max },
  };
}

/** One calendar date, in any way people write one; stored as a date cell. */
export function date(opts: { example: string; required: true }): CellType<string, typeof IsoDate>;
export function date(opts: { example: string; required?: false }): CellType<string | undefined, z.ZodOptional<typeof IsoDate>>;
export function date(opts: { example: string; required?: boolean }): CellType<any> {
  return {
    schema: opts.required ? IsoDate : IsoDate.optional(),
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
    problems: { ...(opts.required ? { missing: 'error' } : {}), 'missing-year': 'error', unparsable: 'error' },
    entry: { type: 'date' },
  };
}

/** A date with no time zone: midnight UTC, which is how exceljs writes a date serial. */
const dateCell = (iso: string) => new Date(`${iso}T00:00:00Z`);
