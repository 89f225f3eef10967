import { describe, expect, it } from 'vitest';
import { creditCheckChar, creditCodeProblem } from '../src/credit-code.ts';

describe('creditCodeProblem', () => {
  /** The problem as first written: each character looked for among the allowed ones. */
  const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  function slow(code: string): string | null {
    if (code.length !== 18) return 'length';
    if ([...code].some((c) => !CHARS.includes(c))) return 'char';
    if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
    return creditCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
  }

  it('finds what a character-by-character reading finds', () => {
    const good = '91410800MA44XXXX0';
    const codes = [`${good}${creditCheckChar(good)}`, `${good}0`, `${good}1`, '91410800MA44XXXX', '9141080OMA44XXXX01', '91A10800MA44XXXX01', '91410800ma44xxxx01'];
    for (const c of [...CHARS, 'I', 'O', 'Z', 'a', '，', '０', '\u0100', '\uFF21']) for (let i = 0; i < 18; i++) codes.push(`${codes[0]!.slice(0, i)}${c}${codes[0]!.slice(i + 1)}`);
    for (const code of codes) expect([code, creditCodeProblem(code)]).toEqual([code, slow(code)]);
  });
});
