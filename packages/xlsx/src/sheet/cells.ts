import { serialDate, type CellValue } from '@tianbao/form';
import type { CellParts } from './slow-path.ts';
import { BadXml } from './bad-xml.ts';
import { charData, detach, unescaped } from './xml.ts';

/** What a cell's raw value needs to become a value: the workbook's shared strings and date styles. */
export interface CellSource {
  strings: readonly string[];
  /** By style index: its number format shows a date. */
  dates: readonly boolean[];
  date1904: boolean;
}

/**
 * A cell's value as the form model reads it (text, number, date or nothing),
 * the way exceljs reads it: a formula gives its cached result, a boolean
 * `TRUE`/`FALSE`, an error nothing; a number styled as a date is a date.
 */
export function cellValue(c: CellParts, src: CellSource): CellValue {
  if (c.t === 'inlineStr') return c.is === undefined ? null : orNull(detach(unescaped(c.is)));
  return c.v === undefined ? null : typedValue(c.t, c.s ? Number(c.s) : 0, c.v, src);
}

/** The text of a run of an inline string (`<t>…</t>`), as written between its tags. */
export const runValue = (raw: string): CellValue => orNull(detach(unescaped(charData(raw))));

/**
 * The value of a cell's `<v>` (its character data) by its type and style;
 * nothing when it is empty. A value its type cannot hold (a number written
 * `113,4308`, `0x71` or `1e400`, a date or a truth value no reader takes) is its text
 * as written, for the column to judge: read as a number it would lose what
 * follows the comma without a word. A type OOXML does not have (`t="S"`)
 * throws `BadXml`, as Excel refuses it.
 */
export function typedValue(type: string | undefined, style: number, v: string, src: CellSource): CellValue {
  if (!v) return null;
  switch (type) {
    case 's':
      return sharedString(Number(v), src, v);
    case 'str':
      return asWritten(v);
    case 'b':
      return v === '1' || v === 'true' ? 'TRUE' : v === '0' || v === 'false' ? 'FALSE' : asWritten(v);
    case 'e':
      return null;
    case 'd':
      return isoDate(v) ?? asWritten(v);
    case undefined:
    case 'n': {
      // `1e400` is a number past a double's reach: its text too.
      const n = NUMBER.test(v) ? Number(v) : NaN;
      return Number.isFinite(n) ? numberValue(n, style, src) : asWritten(v);
    }
  }
  throw new BadXml(`含有无法识别的单元格类型「${type.slice(0, 20)}」（应为 s、n、str、inlineStr、b、d、e 之一）`);
}

/** A number as a sheet's XML writes one (an `xsd:double`: `12`, `-0.5`, `1.5E-3`, spaces around); not `113,4308`, `0x71` or `INF`. */
const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A cell's text as written. */
const asWritten = (v: string): CellValue => orNull(detach(unescaped(v)));

/** A number cell's value: the number, or the date it stands for when its style shows a date. */
export const numberValue = (n: number, style: number, src: CellSource): CellValue => (src.dates[style] ? serialDate(n, src.date1904) : n);

/**
 * The shared string at an index; nothing for an empty one. An index past the
 * list (or no index) throws `BadXml`: a string list cut short, or a cell
 * pointing at nothing, which Excel refuses as damaged; read as blank, a
 * cell's text would be lost without a word. `written`: the index as the
 * cell has it, named so when all digits (past 2^53 a number rounds).
 */
export function sharedString(index: number, src: CellSource, written?: string): CellValue {
  const s = src.strings[index];
  if (s === undefined || !Number.isInteger(index)) {
    const shown = written !== undefined && /^\d{1,40}$/.test(written) ? written : Number.isNaN(index) ? '不是数字' : index;
    throw new BadXml(`含有对不存在的共享字符串的引用（编号 ${shown}；表中共 ${src.strings.length} 项${src.strings.length ? `，编号 0 至 ${src.strings.length - 1}` : ''}）`);
  }
  return orNull(s);
}

const orNull = (s: string): string | null => (s === '' ? null : s);

// `2023-07-31`, `2023-07-31T08:30:00.5`, with or without a zone after it.
const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$/;

/**
 * An ISO 8601 value (`t="d"`) as the calendar date and time written in it,
 * whatever the machine's time zone: the same convention as `serialDate` (the
 * date's UTC fields are what was written; a zone after it is not applied).
 * Null when it is no date.
 */
export function isoDate(v: string): Date | null {
  const m = ISO.exec(v);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h, mi, sec, Number(((m[7] ?? '') + '00').slice(0, 3)));
  const date = new Date(t);
  // `2023-02-30` is no date: the fields must come back as written.
  return date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d! && h! < 24 && mi! < 60 && sec! < 60 ? date : null;
}
