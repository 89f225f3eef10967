import { formatDateCn, readDate } from './dates.ts';
import { periodOf } from './period.ts';
import { toHalfWidth } from './text.ts';

/**
 * The line under a form's title: `填报单位：…　　填报日期：…` as we write it;
 * clerks also write 报送日期, 填报时间, 报送时间 for the day, or 报送月份 for
 * the month alone.
 */
const DAY = '填报日期|报送日期|填报时间|报送时间';
const MONTH = '报送月份';

/** A cell holding (part of) the line: it names one of its labels. */
export const INFO_LINE = new RegExp(`填报单位|${DAY}|${MONTH}`);

/** The line in a blank, its blanks to fill in by hand when printed. */
export const BLANK_INFO_LINE = '填报单位：　　　　　　填报日期：　　年　月　日';

/** The line as both the workbook and the print show it. */
export function infoLineFor(data: { filler?: string | undefined; reportDate?: string | undefined }): string {
  return `填报单位：${data.filler ?? ''}　　填报日期：${data.reportDate ? formatDateCn(data.reportDate) : ''}`;
}

const FILLER = new RegExp(`填报单位[：:]\\s*(.*?)\\s*(?:${DAY}|${MONTH}|$)`);
const REPORT_DATE = new RegExp(`(?:${DAY})[：:]\\s*([0-9０-９年月日./\\-\\s]+?)(?:\\s{2,}|　|$)`);
/** All that is written after the day's label, to the next wide gap. */
const WRITTEN_DATE = new RegExp(`(?:${DAY})[：:]\\s*(.*?)(?:\\s{2,}|$)`);
const PERIOD = new RegExp(`(?:${DAY}|${MONTH})[：:]?(\\d{4})(?:年|[-./])(\\d{1,2})`);

/** The month a date written without its day names (`2023 年 8 月`, `2023-08`), if it is one. */
function monthOf(written: string): string | undefined {
  const m = /^(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*月?$/.exec(toHalfWidth(written));
  return (m && periodOf(Number(m[1]), Number(m[2]))) || undefined;
}

/** What the line says. */
export interface InfoLine {
  filler?: string;
  /** 填报日期, when it is a whole date. */
  reportDate?: string;
  /** What is written as 填报日期 when it is no date (`2023年13月40日`, `明天`); the blank's `年　月　日` is none. */
  unreadDate?: string;
  /** The month named, by either label. */
  period?: string;
}

/** What the line says: 填报单位, 填报日期 and the month named (from either). */
export function readInfoLine(text: string): InfoLine {
  const out: InfoLine = {};
  const filler = FILLER.exec(text);
  if (filler?.[1]) out.filler = filler[1];
  const date = REPORT_DATE.exec(text);
  if (date) {
    const d = readDate(date[1]!.trim());
    if (d.ok) out.reportDate = d.iso;
  }
  const written = out.reportDate ? undefined : WRITTEN_DATE.exec(text)?.[1]?.trim();
  if (written && written.replace(/[年月日\s]/g, '') !== '' && !monthOf(written)) out.unreadDate = written;
  const month = PERIOD.exec(toHalfWidth(text).replace(/\s/g, ''));
  const period = month && periodOf(Number(month[1]), Number(month[2]));
  if (period) out.period = period;
  return out;
}
