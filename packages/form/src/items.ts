import { tidyLines } from './text.ts';

/**
 * Numbered items in one cell, as clerks write them: `1.` `1、` `1．` `（1）`
 * `(1)` `①`, one per line or several on a line. Only the next expected number
 * starts an item, so a date such as `2023.7.31` is never cut.
 */
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const NONE = /^(无|暂无|没有|无问题|\/|—+|-+)$/;

function markerAt(text: string, at: number, n: number): number {
  const rest = text.slice(at);
  const digits = String(n);
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

function startsItem(text: string, at: number): boolean {
  // Circled numbers are markers wherever they stand.
  if (at === 0 || CIRCLED.includes(text[at]!)) return true;
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
  const items: string[] = [];
  let start = first;
  let n = 2;
  for (let i = first; i < text.length; i++) {
    if (!startsItem(text, i)) continue;
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
