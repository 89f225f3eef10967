import { codePointName, printable } from '@tianbao/form/light';

/** Characters named at most in a notice. */
const NAMED = 5;

/**
 * The notice of a PDF whose font has no glyph for some characters (a rare
 * name's `𠮷`, U+20BB7): each printed as an empty box. Each is named with its
 * code point and the text it is in; the workbook shows them as Excel's fonts do.
 */
export function unprintableNotice(name: string, unprintable: ReadonlyMap<string, string>): string {
  const each = [...unprintable].slice(0, NAMED).map(([c, text]) => `「${printable(c)}」（${codePointName(c)}，在「${printable(around(text, c))}」中）`);
  const more = unprintable.size > NAMED ? `等 ${unprintable.size} 个字` : '';
  return `提示：${name} 中 ${each.join('、')}${more}PDF 字体中没有，打印出来是空框，请打印后手写补上；工作簿（XLSX）中不受影响`;
}

/** Up to 10 characters of `text` on each side of `c`. */
export function around(text: string, c: string): string {
  const chars = [...text];
  const at = chars.indexOf(c);
  const from = Math.max(0, at - 10);
  return (from > 0 ? '…' : '') + chars.slice(from, at + 11).join('') + (at + 11 < chars.length ? '…' : '');
}
