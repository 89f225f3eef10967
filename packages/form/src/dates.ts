import * as z from 'zod';
import { stripSpaces, toHalfWidth } from './text.ts';

/** A calendar date as `YYYY-MM-DD`. Dates carry no time zone. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 YYYY-MM-DD').refine(isRealDate, '不是有效日期');
/** A reporting month as `YYYY-MM`. */
export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应写作 YYYY-MM');

export type DateProblem = 'unparsable' | 'invalid' | 'missing-year';
export type DateRead = { ok: true; iso: string } | { ok: false; problem: DateProblem };

const pad = (n: number) => String(n).padStart(2, '0');

export function isoOf(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return validYmd(y, m, d);
}

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Days from 1900-01-00 to 1904-01-01: a serial of the 1904 date system plus this is one of the 1900 system. */
export const DAYS_1904 = 1462;

/**
 * Excel's serial day number as a date and time, its UTC fields the ones the
 * serial stands for (rounded to the millisecond, as exceljs does); 25569 is
 * 1970-01-01 in the 1900 system, the Windows default.
 */
export function serialDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? DAYS_1904 : 0)) * 86400000));
}

/** Excel's serial day number to a calendar date, the time of day dropped; undefined outside Excel's dates. */
export function fromExcelSerial(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465) return undefined;
  const d = serialDate(Math.floor(serial), date1904);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const FULL = /^(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*(?:日|号)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH_DAY = /^(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*(?:日|号)?$/;
const MONTH_END = /^(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:底|末)$/;
const DEADLINE_SUFFIX = /(?:之前|以前|前)$/;

/**
 * Read a date as a person writes one: `2023年7月31日`, `2023-07-31`,
 * `2023.7.31`, `2023/7/31`, `20230731`, `7月31日前` (year from `year`),
 * `7月底`, or an Excel serial number.
 */
export function readDate(input: string | number | Date, year?: number, date1904 = false): DateRead {
  if (input instanceof Date) {
    return { ok: true, iso: isoOf(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate()) };
  }
  if (typeof input === 'number') {
    const iso = fromExcelSerial(input, date1904);
    return iso ? { ok: true, iso } : { ok: false, problem: 'unparsable' };
  }
  const text = stripSpaces(toHalfWidth(input)).replace(DEADLINE_SUFFIX, '');
  if (/^\d{5}(\.\d+)?$/.test(text)) return readDate(Number(text), year, date1904);
  const ymd = FULL.exec(text) ?? COMPACT.exec(text);
  if (ymd) return checked(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const md = MONTH_DAY.exec(text);
  if (md) {
    if (year === undefined) return { ok: false, problem: 'missing-year' };
    return checked(year, Number(md[1]), Number(md[2]));
  }
  const end = MONTH_END.exec(text);
  if (end) {
    const y = end[1] ? Number(end[1]) : year;
    if (y === undefined) return { ok: false, problem: 'missing-year' };
    const m = Number(end[2]);
    if (m < 1 || m > 12) return { ok: false, problem: 'invalid' };
    return { ok: true, iso: isoOf(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate()) };
  }
  return { ok: false, problem: 'unparsable' };
}

function checked(y: number, m: number, d: number): DateRead {
  return validYmd(y, m, d) ? { ok: true, iso: isoOf(y, m, d) } : { ok: false, problem: 'invalid' };
}

/** `2023-07-31` → `2023年7月31日`, as printed on the forms. */
export function formatDateCn(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `2023-06` → `2023年6月`. */
export function formatPeriodCn(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return `${y}年${m}月`;
}

/** `2023-07` → `2023-06`. */
export function monthBefore(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** `2023-06` → `2023-07`. */
export function monthAfter(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/** Today in the machine's time zone, `YYYY-MM-DD` (the clerk's day, not UTC's). */
export function today(): string {
  const d = new Date();
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
