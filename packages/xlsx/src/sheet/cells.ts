import type { CellValue } from '@tianbao/form';
import { firstElement } from './elements.ts';
import { detach, runText, xmlText } from './xml.ts';

/** What a cell's raw value needs to become a value: the workbook's shared strings and date styles. */
export interface CellSource {
  strings: readonly string[];
  /** By style index: its number format shows a date. */
  dates: readonly boolean[];
  date1904: boolean;
}

// Names start after white space, so that a long run of name characters is tried once.
const ATTR = /(?:^|\s)([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A cell's `r`, `s` and `t` attributes, however they are quoted or spaced. */
export function cellAttrs(attrs: string): { r?: string; s?: string; t?: string } {
  const out: { r?: string; s?: string; t?: string } = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(attrs); m; m = ATTR.exec(attrs)) {
    const name = m[1]!;
    if (name === 'r' || name === 's' || name === 't') out[name] = m[2] ?? m[3]!;
  }
  return out;
}

/**
 * A cell's value as the form model reads it (text, number, date or nothing),
 * the way exceljs reads it: a formula gives its cached result, a boolean
 * `TRUE`/`FALSE`, an error nothing; a number styled as a date is a date.
 */
export function cellValue(type: string | undefined, style: string | undefined, body: string, src: CellSource): CellValue {
  if (!body) return null;
  if (type === 'inlineStr') {
    const is = firstElement(body, 'is');
    return is ? inlineValue(is.body) : null;
  }
  const v = firstElement(body, 'v')?.body;
  return v ? typedValue(type, style ? Number(style) : 0, v, src) : null;
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

/** The column number of a reference starting at `at`: `AB12` → 28. */
export function columnNumber(ref: string, at = 0): number {
  let n = 0;
  for (let c = ref.charCodeAt(at); c >= 65 && c <= 90; c = ref.charCodeAt(++at)) n = n * 26 + c - 64;
  return n;
}

/** 28 → `AB`. */
export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
