import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditCheckChar, defaultUnits } from '@tianbao/form';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import { describe, expect, it } from 'vitest';
import { readInput } from '../src/input.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-credit-'));
const file = join(dir, 'data.json');

/** `--data` as generate reads it: the problems, or the data. */
function read(data: unknown) {
  writeFileSync(file, JSON.stringify(data));
  return readInput(file, outfallChecklist, defaultUnits);
}

describe('--data takes the 统一社会信用代码 as its cell does', () => {
  const sample = outfallChecklist.samples[0]!;
  const withCredit = (credit: string) => ({ ...sample, outfalls: [{ ...sample.outfalls[0], credit }] });

  it('refuses a 统一社会信用代码 that is none, in the words of the credit-code cell', () => {
    // 18 characters, as the old schema asked, but with an I, which GB 32100-2015 never uses.
    expect(read(withCredit('91410821MA40C2KI8X')).problems).toEqual([
      `${file} $.outfalls[0].credit（统一社会信用代码）：含有不允许的字符（只用数字和大写字母，不用 I、O、S、V、Z），请按营业执照上的18位代码填写，收到「91410821MA40C2KI8X」`,
    ]);
    expect(read(withCredit('91AB0821MA40C2K78X')).problems).toEqual([
      `${file} $.outfalls[0].credit（统一社会信用代码）：第3至8位应为登记管理机关行政区划码（6位数字），请按营业执照上的18位代码填写，收到「91AB0821MA40C2K78X」`,
    ]);
  });

  it('holds a code as its cell does, and keeps one whose check character alone disagrees (FORMS.md: confirm, do not reject)', () => {
    const code = '91410821MA40C2K78' + creditCheckChar('91410821MA40C2K78');
    expect(read(withCredit(` ${code.slice(0, 9).toLowerCase()} ${code.slice(9)}`)).data[0]!.outfalls[0].credit).toBe(code);
    const wrong = creditCheckChar('91410821MA40C2K78') === '0' ? '1' : '0';
    expect(read(withCredit('91410821MA40C2K78' + wrong)).problems).toEqual([]);
  });

});
