/**
 * Where a printed line may break. Chinese text breaks between any two
 * characters, but a code, a number, a date or a word chosen from a list must
 * never be cut: `410802-0/001`, `113.193/6`, `2023年11/月30日`, `已完/成`.
 */

/** A run of one line's text: `whole` is never broken across lines. */
export interface Piece {
  text: string;
  whole: boolean;
  /** Part of a Latin run too long to be a code (a URL, a licence number): the layout, not pdfmake, breaks its line. */
  run?: true;
}

/** Closing punctuation never starts a line; it goes with what it follows. */
export const CLOSING = '，。、；：！？）》」』】〕”’…%,.;:!?)]}';
/** Opening punctuation never ends a line; it goes with what follows it. */
export const OPENING = '（《「『【〔“‘([{';

const close = `[${CLOSING.replace(/[\]\\]/g, '\\$&')}]*`;
/** A unit or measure word that goes with the number before it (`5日`, `3件`, `2万`, `8％`). */
const UNITS = '日天个件年月次人元万亿项条家名户处份页周岁时分秒米吨亩倍号届期批例宗起所台辆张本％';
/**
 * In free text: a date as printed (`2023年7月31日`, `2023年7月`, `7月31日`), or a
 * run of Latin letters, digits and signs (`410802-0001`, `113.2418`, `5%`), a
 * number in it with the 第 before it and the unit after it (`第3次`, `超过5日`
 * keeps `5日`), each with the closing punctuation after it.
 */
const TOKEN = new RegExp(`(?:\\d{4}年\\d{1,2}月(?:\\d{1,2}日)?|\\d{1,2}月\\d{1,2}日|(?:第(?=\\d))?[!-~]+(?:(?<=\\d)[${UNITS}])?)${close}`, 'g');

/** The longest Latin run kept whole in free text: a credit code (18) and some. */
const LONGEST_CODE = 20;

/**
 * A Latin run longer than any code, which no narrow column could hold whole:
 * it breaks after `-`, `/`, `.` or `_`, and a stretch between them that is
 * itself too long breaks anywhere.
 */
function longRun(run: string): Piece[] {
  return run.split(/(?<=[-/._])/).map((text) => ({ text, whole: text.length <= LONGEST_CODE, run: true }));
}

/** A line of free text: breaks between characters, never inside a date, a code or a number. */
export function freeLine(line: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of line.matchAll(TOKEN)) {
    if (m.index > at) out.push({ text: line.slice(at, m.index), whole: false });
    if (m[0].length > LONGEST_CODE) out.push(...longRun(m[0]));
    else out.push({ text: m[0], whole: true });
    at = m.index + m[0].length;
  }
  if (at < line.length) out.push({ text: line.slice(at), whole: false });
  return out;
}

/** A line that is one value: a list value, a number, a date, a code. */
const wholeLine = (line: string): Piece[] => (line ? [{ text: line, whole: true }] : []);

/** A cell's text this short is one word, a name (`大沙河`, `共产主义渠`): never broken. */
const WORD = 6;

/** A cell's text as lines of pieces; `whole`: each line is one value. */
export function cellPieces(text: string, whole: boolean): Piece[][] {
  if (text === '') return [];
  if (whole || ([...text].length <= WORD && !/\s/.test(text))) return text.split('\n').map(wholeLine);
  return text.split('\n').map(freeLine);
}
