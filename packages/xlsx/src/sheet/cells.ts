import type { CellValue } from '@tianbao/form';
import { detach, runText, xmlText } from './xml.ts';

/** What a cell's raw value needs to become a value: the workbook's shared strings and date styles. */
export interface CellSource {
  strings: readonly string[];
  /** By style index: its number format shows a date. */
  dates: readonly boolean[];
  date1904: boolean;
}

/** Single quotes, or white space other than one space before each attribute. */
const UNUSUAL = /['\t\n\r]|\s=|=\s/;
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const V = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const IS = /<(?:[\w.-]+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;

/** A cell's `r`, `s` and `t` attributes. */
export function cellAttrs(attrs: string): { r?: string; s?: string; t?: string } {
  // As nearly every writer puts them: ` r="B5" s="3" t="s"`.
  if (!UNUSUAL.test(attrs)) {
    return { r: quoted(attrs, ' r="'), s: quoted(attrs, ' s="'), t: quoted(attrs, ' t="') };
  }
  const out: { r?: string; s?: string; t?: string } = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(attrs); m; m = ATTR.exec(attrs)) {
    const name = m[1]!;
    if (name === 'r' || name === 's' || name === 't') out[name] = m[2] ?? m[3]!;
  }
  return out;
}

function quoted(attrs: string, start: string): string | undefined {
  const i = attrs.indexOf(start);
  if (i < 0) return undefined;
  const from = i + start.length;
  return attrs.slice(from, attrs.indexOf('"', from));
}

/**
 * A cell's value as the form model reads it (text, number, date or nothing),
 * the way exceljs reads it: a formula gives its cached result, a boolean
 * `TRUE`/`FALSE`, an error nothing; a number styled as a date is a date.
 */
export function cellValue(type: string | undefined, style: string | undefined, body: string, src: CellSource): CellValue {
  if (!body) return null;
  if (type === 'inlineStr') {
    const is = IS.exec(body);
    return is ? inlineValue(is[1]!) : null;
  }
  const v = V.exec(body)?.[1];
  return v === undefined ? null : typedValue(type, style ? Number(style) : 0, v, src);
}

/** The text of an inline string (`<is>…</is>`). */
export const inlineValue = (is: string): CellValue => orNull(detach(runText(is)));

/** The value of a cell's `<v>` by its type and style. */
export function typedValue(type: string | undefined, style: number, v: string, src: CellSource): CellValue {
  switch (type) {
    case 's':
      return orNull(src.strings[Number(v)] ?? '');
    case 'str':
      return orNull(detach(xmlText(v)));
    case 'b':
      return v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return null;
    case 'd': {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? null : d;
    }
    default: {
      const n = parseFloat(v);
      if (Number.isNaN(n)) return null;
      return src.dates[style] ? serialDate(n, src.date1904) : n;
    }
  }
}

const orNull = (s: string): string | null => (s === '' ? null : s);

/** A day serial as a date, in the workbook's day system (exceljs's rounding to the millisecond). */
function serialDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

/** `AB` → 28. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
}

/** 28 → `AB`. */
export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
