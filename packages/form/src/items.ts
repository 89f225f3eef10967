import { tidyLines } from './text.ts';

/**
 * Numbered items in one cell, as clerks write them: `1.` `1、` `1．` `（1）`
 * `(1)` `①`, one per line or several on a line. Only the next expected number
 * starts an item, so a date such as `2023.7.31` is never cut.
 */
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const NONE = /^(无|暂无|没有|无问题|\/|—+|-+)$/;

/** `12` and its full-width spelling `１２`, as a pattern. */
const number = (n: number) => `(?:${n}|${[...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('')})`;

function markerAt(text: string, at: number, n: number): number {
  const rest = text.slice(at);
  const digits = number(n);
  const patterns = [
    new RegExp(`^${digits}\\s*[.、．,，:：)）]\\s*`),
    new RegExp(`^[（(]\\s*${digits}\\s*[)）]\\s*`),
  ];
  if (n <= CIRCLED.length && rest.startsWith(CIRCLED[n - 1]!)) return 1;
  for (const p of patterns) {
    const m = p.exec(rest);
    if (m) return m[0].length;
  }
  return 0;
}

/**
 * Circled numbers are markers wherever they stand, and so are bracketed ones
 * in a cell numbered `（1）…（2）…`; `2.` only after a break, so `2023.7.31`
 * and `依据第(2)项` inside a `1.` item stay whole.
 */
function startsItem(text: string, at: number, bracketed: boolean): boolean {
  if (at === 0 || CIRCLED.includes(text[at]!) || (bracketed && (text[at] === '（' || text[at] === '('))) return true;
  return /[\s\n；;。]/.test(text[at - 1]!);
}

/** Split a cell into its items; an empty cell or `无` gives none. */
export function splitItems(raw: string): string[] {
  const text = tidyLines(raw);
  if (text === '' || NONE.test(text)) return [];
  const first = markerAt(text, 0, 1);
  if (first === 0) {
    // Not numbered: each line is one item.
    return text.split('\n').map(clean).filter(Boolean);
  }
  const bracketed = text[0] === '（' || text[0] === '(';
  const items: string[] = [];
  let start = first;
  let n = 2;
  for (let i = first; i < text.length; i++) {
    if (!startsItem(text, i, bracketed)) continue;
    const len = markerAt(text, i, n);
    if (len === 0) continue;
    items.push(clean(text.slice(start, i)));
    start = i + len;
    i = start - 1;
    n++;
  }
  items.push(clean(text.slice(start)));
  return items.filter(Boolean);
}

function clean(item: string): string {
  return item.replace(/^[\s；;]+|[\s；;]+$/g, '').replace(/\n+/g, '');
}

/** Items back into one cell, one numbered item per line. */
export function joinItems(items: readonly string[]): string {
  return items.map((item, i) => `${i + 1}.${item}`).join('\n');
}
