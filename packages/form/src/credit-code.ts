import * as z from 'zod';
import { asText, codeFromNumber, type CellType } from './cells.ts';
import { stripSpaces, toHalfWidth } from './text.ts';

/** GB 32100-2015: the 31 characters a 统一社会信用代码 may use (no I, O, S, V, Z). */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Each allowed character's value by its char code (-1: not allowed), for codes read by the hundred thousand. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARS.length; i++) VALUE[CHARS.charCodeAt(i)] = i;
/** The value of the character at `i`, or -1 for one not allowed. */
const valueAt = (code: string, i: number): number => {
  const c = code.charCodeAt(i);
  return c < 128 ? VALUE[c]! : -1;
};

/** The 18th character the first 17 of `code` call for (each an allowed character). */
export function creditCheckChar(code: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += valueAt(code, i) * WEIGHTS[i]!;
  return CHARS[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'length' | 'char' | 'division' | 'check';

/** What is wrong with a code, or null. `check` alone means only the check character disagrees. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (let i = 0; i < 18; i++) if (valueAt(code, i) < 0) return 'char';
  // Characters 3 to 8 are digits, whose values are the digits themselves.
  for (let i = 2; i < 8; i++) if (valueAt(code, i) > 9) return 'division';
  return creditCheckChar(code) === code[17] ? null : 'check';
}

const MESSAGES: Record<Exclude<CreditCodeProblem, 'check'>, string> = {
  length: '应为18位',
  char: '含有不允许的字符（只用数字和大写字母，不用 I、O、S、V、Z）',
  division: '第3至8位应为登记管理机关行政区划码（6位数字）',
};

/** Anything `tidy` could change: spaces, lower case, any character past ASCII (full-width ones among them). */
const UNTIDY = /[\sa-z]|[^\x00-\x7f]/;

/** A code as it is held: half-width, upper-cased, without spaces. */
const tidy = (text: string) => (UNTIDY.test(text) ? stripSpaces(toHalfWidth(text)).toUpperCase() : text);

/** Why a code is refused, after the code: `应为18位，请按营业执照上的18位代码填写`. */
const refusal = (problem: Exclude<CreditCodeProblem, 'check'>) => `${MESSAGES[problem]}，请按营业执照上的18位代码填写`;

/**
 * A code in data is refused as its cell is, with the same words; a wrong check
 * character is not (FORMS.md: a few early pilot codes have one).
 */
const CreditCode = z
  .string()
  .transform(tidy)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem !== null && problem !== 'check') ctx.addIssue({ code: 'custom', message: refusal(problem) });
  })
  .optional();

/**
 * 统一社会信用代码, upper-cased and without spaces; empty is allowed. A number
 * in its cell is an all-digit code Excel turned into one: past 15 digits it
 * has lost the rest, and says so; a shorter one is judged as its digits.
 */
export const creditCode: CellType<string | undefined, typeof CreditCode> = {
  schema: CreditCode,
  // A code is read tidied (tidying it again changes nothing), and only when the schema takes it.
  readKept: true,
  read(value, ctx) {
    const typed = typeof value === 'number' ? codeFromNumber(value, ctx.header) : undefined;
    if (typed && typed.digits === undefined) return { value: undefined, problems: [{ kind: 'number', message: typed.message }] };
    const code = typed?.digits ?? tidy(asText(value));
    if (!code) return { value: undefined, problems: [] };
    const problem = creditCodeProblem(code);
    if (problem === null) return { value: code, problems: [] };
    if (problem === 'check')
      return {
        value: code,
        problems: [
          {
            kind: 'check',
            severity: 'warning',
            message: `${ctx.header}「${code}」校验位不符（按 GB 32100-2015 应为 ${creditCheckChar(code.slice(0, 17))}），多为抄写错误，请与营业执照核对；个别早期试点代码确实如此，核实无误可说明`,
          },
        ],
      };
    return {
      value: undefined,
      problems: [{ kind: 'invalid', message: `${ctx.header}「${code}」${refusal(problem)}` }],
    };
  },
  write: (value) => value ?? null,
  problems: { number: 'error', invalid: 'error', check: 'warning' },
  textFormat: true,
};
