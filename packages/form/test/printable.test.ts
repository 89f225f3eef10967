import { describe, expect, it } from 'vitest';
import { printable } from '../src/index.ts';

describe('printable', () => {
  it('shows line ends and tab as a programmer writes them, other controls by their code', () => {
    expect(printable('甲\n乙\r\n丙\t丁')).toBe('甲\\n乙\\r\\n丙\\t丁');
    expect(printable('\x00\x07\x1b[31m红\x7f')).toBe('\\x00\\x07\\x1b[31m红\\x7f');
  });

  it('shows what prints as nothing or a box by its code: a bidi override, half a surrogate pair, U+FFFF', () => {
    expect(printable('报表\u202eslx.exe')).toBe('报表\\u202eslx.exe');
    expect(printable('名\ud842字\udfb7')).toBe('名\\ud842字\\udfb7');
    expect(printable('\ufffe\uffff')).toBe('\\ufffe\\uffff');
  });

  it('leaves every character that prints as it is, a whole surrogate pair among them', () => {
    const text = '吉\ud842\udfb7　全角（）ＡＢ·—…';
    expect(printable(text)).toBe(text);
  });
});
