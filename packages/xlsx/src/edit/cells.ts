import { cellRef, columnLetter, columnNumber, rowNumber } from '../sheet/refs.ts';
import { attr } from '../sheet/xml.ts';
import { withAttr } from './styles.ts';

/** The style index a flagged cell is given, from the one it has (for a cell not yet written, the one Excel shows it in). */
export type StyleChange = (current: number) => number;

const ROW = /<([\w.-]+:)?row(?=[\s/>])([^>]*?)(\/?)>/;
const CELL = /<([\w.-]+:)?c(?=[\s/>])([^>]*?)(\/?)>/;

/** The style of each column that has one (`<col style>`), by column number. */
function columnStyles(xml: string, before: number): (col: number) => number {
  const styles: { min: number; max: number; s: number }[] = [];
  for (const m of xml.slice(0, before).matchAll(/<([\w.-]+:)?col(?=\s)([^>]*?)\/?>/g)) {
    const s = attr(m[2]!, 'style');
    if (s) styles.push({ min: Number(attr(m[2]!, 'min')), max: Number(attr(m[2]!, 'max')), s: Number(s) });
  }
  return (col) => styles.find((c) => c.min <= col && col <= c.max)?.s ?? 0;
}

/**
 * A sheet part with the style index (`s`) of some cells changed, by address
 * (`N5`), and nothing else: a cell not in the XML is added to its row in
 * column order, a row not there in row order. Rows and cells without `r`
 * take the next position, as Excel reads them; a row written in several
 * `<row>` elements of one number is one row, and a cell added to it goes into
 * the last of them.
 */
export function restyleCells(xml: string, changes: ReadonlyMap<string, StyleChange>): string {
  const byRow = new Map<number, Map<number, StyleChange>>();
  for (const [ref, change] of changes) {
    const { column, row } = cellRef(ref);
    if (!column || !row) continue;
    if (!byRow.has(row)) byRow.set(row, new Map());
    byRow.get(row)!.set(column, change);
  }
  const data = /<([\w.-]+:)?sheetData(?=[\s/>])([^>]*?)(\/?)>/.exec(xml);
  if (!data || byRow.size === 0) return xml;
  const p = data[1] ?? '';
  // A cell not written shows its row's style when the row has one (customFormat), else its column's.
  const columnStyle = columnStyles(xml, data.index);
  const wanted = [...byRow.keys()].sort((a, b) => a - b);
  const out: string[] = [];
  let at: number;
  let end: number;
  if (data[3]) {
    out.push(xml.slice(0, data.index), `<${p}sheetData${data[2]}>`);
    at = end = data.index + data[0].length;
  } else {
    at = data.index + data[0].length;
    end = xml.indexOf(`</${p}sheetData`, at);
    out.push(xml.slice(0, at));
  }
  // Rows written more than once are one row: the cells there in any of its elements, found first.
  const there = new Map<number, { cols: Set<number>; elements: number }>();
  eachRow(xml, at, end, (m, r, rowEnd) => {
    if (!byRow.has(r)) return;
    const row = there.get(r) ?? { cols: new Set<number>(), elements: 0 };
    there.set(r, row);
    row.elements++;
    eachCell(xml.slice(m.index + m[0].length, rowEnd), (_, col) => row.cols.add(col));
  });
  let next = 0;
  const seen = new Map<number, number>();
  eachRow(xml, at, end, (m, r, rowEnd) => {
    while (next < wanted.length && wanted[next]! < r) out.push(xml.slice(at, m.index), newRow(p, wanted[next]!, byRow.get(wanted[next++]!)!, columnStyle)), (at = m.index);
    if (!byRow.has(r)) return;
    if (wanted[next] === r) next++;
    // Cells not yet written go into the row's last element: a reader that keeps only the last one sees them too.
    const row = there.get(r)!;
    seen.set(r, (seen.get(r) ?? 0) + 1);
    const last = seen.get(r) === row.elements;
    const missing = new Set(last ? [...byRow.get(r)!.keys()].filter((col) => !row.cols.has(col)) : []);
    const rowStyle = /^(1|true)$/.test(attr(m[2]!, 'customFormat') ?? '') ? Number(attr(m[2]!, 's') ?? 0) : undefined;
    const unwritten = (col: number) => rowStyle ?? columnStyle(col);
    out.push(xml.slice(at, m.index), restyleRow(xml.slice(m.index, rowEnd), m, r, byRow.get(r)!, missing, unwritten));
    at = rowEnd;
  });
  while (next < wanted.length) out.push(xml.slice(at, end), newRow(p, wanted[next]!, byRow.get(wanted[next++]!)!, columnStyle)), (at = end);
  out.push(xml.slice(at, end));
  if (data[3]) out.push(`</${p}sheetData>`);
  out.push(xml.slice(end));
  return out.join('');
}

/** A sheet part with the style of every cell that has one (`s`) changed by `change`, and nothing else. */
export function restyleEvery(xml: string, change: StyleChange): string {
  return xml.replace(new RegExp(CELL.source, 'g'), (tag: string, _p: string, attrs: string) => {
    const s = attr(attrs, 's');
    if (s === undefined) return tag;
    const now = change(Number(s));
    return now === Number(s) ? tag : withAttr(tag, 's', String(now));
  });
}

/** Each `<row>` between `from` and `to`: its start tag, number (the next when it has no `r`) and end. */
function eachRow(xml: string, from: number, to: number, visit: (m: RegExpExecArray, r: number, end: number) => void): void {
  const rows = new RegExp(ROW.source, 'g');
  rows.lastIndex = from;
  let prev = 0;
  for (let m = rows.exec(xml); m && m.index < to; m = rows.exec(xml)) {
    const r = rowNumber(m[2]!, prev);
    prev = r;
    const end = m[3] ? m.index + m[0].length : xml.indexOf('>', xml.indexOf(`</${m[1] ?? ''}row`, m.index + m[0].length)) + 1;
    visit(m, r, end);
    rows.lastIndex = end;
  }
}

/** Each `<c>` start tag of a row's content, with its column (the next when it has no `r`). */
function eachCell(body: string, visit: (m: RegExpExecArray, col: number) => void): void {
  const cells = new RegExp(CELL.source, 'g');
  let prev = 0;
  for (let m = cells.exec(body); m; m = cells.exec(body)) {
    const ref = attr(m[2]!, 'r');
    prev = ref ? columnNumber(ref) : prev + 1;
    visit(m, prev);
  }
}

function newRow(p: string, r: number, cells: Map<number, StyleChange>, columnStyle: (col: number) => number): string {
  const inner = [...cells.keys()].sort((a, b) => a - b).map((col) => newCell(p, col, r, cells.get(col)!(columnStyle(col))));
  return `<${p}row r="${r}">${inner.join('')}</${p}row>`;
}

const newCell = (p: string, col: number, r: number, s: number) => `<${p}c r="${columnLetter(col)}${r}" s="${s}"/>`;

/**
 * One `<row>` element (`start`: its start tag as matched; `rowNumber`: its
 * place) with its flagged cells restyled, and the cells `missing` added
 * (`unwritten`: the style each shows before it is written).
 */
function restyleRow(row: string, start: RegExpExecArray, rowNumber: number, cells: Map<number, StyleChange>, missing: Set<number>, unwritten: (col: number) => number): string {
  const p = start[1] ?? '';
  const added = [...missing].sort((a, b) => a - b);
  const head = start[0];
  const body = start[3] ? '' : row.slice(head.length, row.lastIndexOf('<'));
  const close = start[3] ? `</${p}row>` : row.slice(row.lastIndexOf('<'));
  const out: string[] = [];
  let at = 0;
  let next = 0;
  const add = () => {
    const col = added[next++]!;
    return newCell(p, col, rowNumber, cells.get(col)!(unwritten(col)));
  };
  eachCell(body, (m, col) => {
    while (next < added.length && added[next]! < col) out.push(body.slice(at, m.index), add()), (at = m.index);
    const change = cells.get(col);
    if (!change) return;
    out.push(body.slice(at, m.index), withAttr(`<${m[1] ?? ''}c${m[2]}${m[3]}>`, 's', String(change(Number(attr(m[2]!, 's') ?? 0)))));
    at = m.index + m[0].length;
  });
  while (next < added.length) out.push(body.slice(at), add()), (at = body.length);
  out.push(body.slice(at));
  const open = start[3] && added.length ? head.replace(/\s*\/>$/, '>') : head;
  return start[3] && !added.length ? head : open + out.join('') + close;
}
