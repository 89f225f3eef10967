import { describe, expect, it } from 'vitest';
import { choice, code, creditCheckChar, creditCode, text, unitName, type CellType, type CellValue } from '../src/index.ts';

/** The cell types that say their schema keeps every value their read gives (`readKept`). */
const KEPT: [string, CellType<any>][] = [
  ['text', text()],
  ['text, required', text({ required: true })],
  ['code', code()],
  ['code, required', code({ required: true })],
  ['unit name', unitName],
  ['credit code', creditCode],
  ['choice', choice(['已完成', '整治中', 'A 类'], { aliases: { 完成: '已完成', a: 'A 类' } })],
  ['choice, required', choice(['是', '否', '1'], { required: true })],
];

const valid = (first17: string) => first17 + creditCheckChar(first17);

/** What a clerk's cells hold: spaces of every kind around and inside, full-width forms, lower case, line breaks, numbers, dates. */
const WRITTEN: CellValue[] = [
  null,
  '',
  ' ',
  '\u3000',
  '甲',
  ' 甲 ',
  '\u3000甲\u3000乙\u3000',
  '\ufeff甲',
  '甲\r\n\r\n 乙 \n',
  ' \n \n',
  'ａｂｃ１２３',
  'abc',
  '已完成',
  ' 已 完成 ',
  '完成',
  '整治中　',
  'A 类',
  'A类',
  'a',
  '是',
  '否',
  1,
  '１',
  valid('91410800MA44XL8G2'),
  valid('91410800MA44XL8G2').toLowerCase(),
  ` ${valid('91410800MA44XL8G2')} `,
  valid('９１４１０８００ＭＡ４４ＸＬ８Ｇ２'.normalize('NFKC')),
  '91410800MA44XL8G20',
  '91410800MA44XL8G2',
  '9141 0800 MA44 XL8G 2X',
  0,
  7,
  410800,
  123456789012345,
  1234567890123456789,
  1.5,
  -3,
  new Date(Date.UTC(2024, 5, 30)),
];

/** Texts made of the characters above, at random (the same each run). */
function texts(n: number): string[] {
  const alphabet = [' ', '\u3000', '\u00a0', '\ufeff', '\n', '\r', '\t', 'a', 'Z', '0', '9', 'ａ', '１', '甲', '（', ')', '-', '𠮷'];
  let seed = 20261201;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

/** Credit codes, as written (the same each run): their check characters right and wrong, in lower case, spaced, full-width. */
function creditCodes(n: number): string[] {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let seed = 32100;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => {
    const pick = (from: string) => from[Math.floor(next() * from.length)]!;
    // Characters 3 to 8, a division's code, are digits.
    const first = Array.from({ length: 17 }, (_, k) => pick(k >= 2 && k < 8 ? '0123456789' : chars)).join('');
    const written = i % 3 ? valid(first) : first + chars[Math.floor(next() * chars.length)];
    const fullWidth = [...written].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    return [written, written.toLowerCase(), ` ${written.slice(0, 9)} ${written.slice(9)}　`, fullWidth][i % 4]!;
  });
}

describe.each(KEPT)('%s', (_, cell) => {
  it('says its schema keeps what it reads', () => expect(cell.readKept).toBe(true));

  it('reads nothing its schema would refuse or change', () => {
    let read = 0;
    for (const raw of [...WRITTEN, ...texts(3000), ...creditCodes(3000)]) {
      const { value } = cell.read(raw, { header: '列' });
      if (value === undefined) continue;
      read++;
      const parsed = cell.schema.safeParse(value);
      expect(parsed.success, JSON.stringify(raw)).toBe(true);
      expect(parsed.data, JSON.stringify(raw)).toBe(value);
    }
    expect(read).toBeGreaterThan(50);
  });
});
