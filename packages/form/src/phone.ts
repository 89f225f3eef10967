import * as z from 'zod';
import { RETYPE, asText, missing, type CellProblem, type CellType } from './cells.ts';
import { stripSpaces, toHalfWidth } from './text.ts';

const MOBILE = /^1[3-9]\d{9}$/;
/** 010 and 02x are followed by 8 digits; the other area codes (0391) have four digits and 7 or 8 after them. */
const LANDLINE = /^(?:(0(?:10|2\d))(\d{8})|(0[3-9]\d{2})(\d{7,8}))$/;
/** An extension after the number: `转801`, `分机801`, `ext 801`. */
const EXTENSION = /(?:转|分机|ext\.?)(\d{1,6})$/i;

/**
 * A telephone number as the data holds it: a mobile as its 11 digits
 * (`13912345678`), a landline as area code, hyphen, number (`0391-3568123`),
 * an extension after `转`. Undefined for anything else.
 */
export function normalisePhone(typed: string): string | undefined {
  let t = stripSpaces(toHalfWidth(typed)).replace(/[—–－‐]/g, '-');
  let ext = '';
  const named = EXTENSION.exec(t);
  if (named) {
    ext = named[1]!;
    t = t.slice(0, named.index);
  }
  // `(0391)3568123` is `0391-3568123`; `+86` comes before a mobile only.
  const parts = t.replace(/[（(]/g, '').replace(/[）)]/g, '-').split('-').filter(Boolean);
  const mobile = parts.join('').replace(/^(?:\+?86|0086)(?=1\d{10}$)/, '');
  if (!ext && MOBILE.test(mobile)) return mobile;
  // `0391-3568123-801`: a third group after a whole landline is its extension.
  if (!ext && parts.length === 3 && LANDLINE.test(parts[0]! + parts[1]!) && /^\d{1,6}$/.test(parts[2]!)) ext = parts.pop()!;
  const m = LANDLINE.exec(parts.join(''));
  if (!m) return undefined;
  return `${m[1] ?? m[3]}-${m[2] ?? m[4]}${ext ? `转${ext}` : ''}`;
}

/** A number in data is held as normalisePhone writes it; one it cannot read is refused. */
const Phone = z.string().transform((typed, ctx) => {
  const p = normalisePhone(typed);
  if (p === undefined) ctx.addIssue({ code: 'custom', message: `「${typed}」不是有效的电话号码：手机号为1开头的11位数字，固定电话须带区号` });
  return p ?? typed;
});

type PhoneOptions = { /** A landline of the place, for messages: `0391-3568123`. */ example: string };

/**
 * A telephone number: a mainland mobile (11 digits, 1[3-9]…) or a landline
 * with its area code. Written as text, so that Excel keeps the leading 0; a
 * number in its cell is what Excel made of one typed without that format:
 * read as the number it still is, with a warning.
 */
export function phone(opts: PhoneOptions & { required: true }): CellType<string, typeof Phone>;
export function phone(opts: PhoneOptions & { required?: false }): CellType<string | undefined, z.ZodOptional<typeof Phone>>;
export function phone(opts: PhoneOptions & { required?: boolean }): CellType<any> {
  const wanted = `手机号为1开头的11位数字（如 13912345678），固定电话须带区号（如 ${opts.example}）`;
  return {
    schema: opts.required ? Phone : Phone.optional(),
    read(value, ctx) {
      if (typeof value === 'number') return fromNumber(value, ctx.header, wanted);
      const t = asText(value);
      if (!t) return { value: undefined, problems: opts.required ? [missing(ctx.header)] : [] };
      const p = normalisePhone(t);
      if (p !== undefined) return { value: p, problems: [] };
      const local = /^\d{7,8}$/.test(stripSpaces(toHalfWidth(t)));
      return {
        value: undefined,
        problems: [{ kind: 'invalid', message: `${ctx.header}「${t}」${local ? '缺少区号' : '不是有效的电话号码'}：${wanted}，一格只填一个号码` }],
      };
    },
    write: (value) => value ?? null,
    problems: { ...(opts.required ? { missing: 'error' } : {}), invalid: 'error', number: 'error or warning' },
    textFormat: true,
  };
}

/**
 * Excel turns a number typed in a General cell into a number: a mobile keeps
 * its 11 digits, a landline loses its leading 0, which every area code has
 * and is put back. Anything else was no telephone number.
 */
function fromNumber(n: number, header: string, wanted: string): { value: string | undefined; problems: CellProblem[] } {
  const digits = Number.isInteger(n) && n > 0 ? String(n) : '';
  const p = normalisePhone(digits) ?? (digits ? normalisePhone(`0${digits}`) : undefined);
  const retype = `${RETYPE}重新输入`;
  if (p === undefined) return { value: undefined, problems: [{ kind: 'number', message: `${header}这一格是数字 ${n}，不是有效的电话号码：${wanted}。${retype}` }] };
  const lost = p.startsWith('0') ? '，开头的 0 已丢失' : '';
  return { value: p, problems: [{ kind: 'number', severity: 'warning', message: `${header}这一格是数字 ${n}：Excel 把电话号码变成了数字${lost}，读作 ${p}。${retype} ${p}` }] };
}
