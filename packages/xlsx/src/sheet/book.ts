import { posix } from 'node:path';
import { FileRefused, isXmlPart, type Inspected } from '../inspect.ts';
import type { CellSource } from './cells.ts';
import { elements, firstElement, streamElements } from './elements.ts';
import { parseMerges, type Merge } from './merges.ts';
import { partText, partWhole, type Stop } from './part-text.ts';
import { sheetRows, type Row } from './rows.ts';
import { isDateFormat } from './styles.ts';
import { attr, detach, runText } from './xml.ts';

/** A sheet of a workbook: its name, and the part that holds its cells. */
export interface SheetPart {
  name: string;
  part: string;
}

/** A workbook opened for reading its sheets row by row. */
export interface Book extends CellSource {
  sheets: SheetPart[];
  /** Rows of a sheet, in order, as its XML inflates. */
  rows(sheet: SheetPart, stop?: Stop): AsyncGenerator<Row>;
  /** A sheet's merged ranges (found by the inspection of its bytes). */
  merges(sheet: SheetPart): Merge[];
  /** The `<row>` elements of a sheet (counted by the inspection of its bytes). */
  rowCount(sheet: SheetPart): number;
  /** The text of each cell comment of a sheet, by cell address. */
  notes(sheet: SheetPart): Map<string, string>;
}

/**
 * Open a workbook's bytes (already inspected) for streaming: the sheet list,
 * shared strings and date styles are read now, the sheets only when asked for.
 */
export async function openBook(buf: Buffer, inspected: Inspected, stop?: Stop): Promise<Book> {
  const { entries, unordered } = inspected;
  // Only the XML parts were looked through: no other is read as one.
  const byName = new Map(entries.filter((e) => isXmlPart(e.name)).map((e) => [e.name.toLowerCase(), e]));
  const entry = (path: string) => byName.get(path.toLowerCase());
  const whole = (path: string) => {
    const e = entry(path);
    return e ? partWhole(buf, e) : '';
  };
  const workbook = whole('xl/workbook.xml');
  // Day serials count from 1904: `date1904="1"` or `"true"`.
  const date1904 = /^(?:1|true)$/.test(attr(firstElement(workbook, 'workbookPr')?.attrs ?? '', 'date1904') ?? '');
  const rels = relationships(whole('xl/_rels/workbook.xml.rels'), 'xl');
  const target = (type: string, fallback: string) => [...rels.values()].find((r) => r.type === type)?.path ?? fallback;

  const sheets: SheetPart[] = [];
  for (const s of elements(workbook, 'sheet')) {
    const part = rels.get(attr(s.attrs, 'id') ?? '')?.path;
    if (part && entry(part)) sheets.push({ name: attr(s.attrs, 'name') ?? '', part });
  }
  if (!sheets.length) throw new FileRefused('file.corrupt', '工作簿中没有可读取的工作表，请在 Excel/WPS 中打开后另存为 .xlsx 再提交');

  // A sheet's merged ranges are wanted for its first rows and again for its table: made once.
  const merged = new Map<string, Merge[]>();
  const merges = (sheet: SheetPart) => {
    let found = merged.get(sheet.part);
    if (!found) merged.set(sheet.part, (found = parseMerges(inspected.merges.get(entry(sheet.part)!.name) ?? [], sheet.name)));
    return found;
  };

  const stringsEntry = entry(target('sharedStrings', 'xl/sharedStrings.xml'));
  const strings: string[] = [];
  if (stringsEntry) for await (const si of streamElements(partText(buf, stringsEntry, stop), 'si')) strings.push(detach(runText(si.body)));
  const dates = dateStyles(whole(target('styles', 'xl/styles.xml')));

  const src: CellSource = { strings, dates, date1904 };
  return {
    ...src,
    sheets,
    rows: (sheet, stop) => {
      const e = entry(sheet.part)!;
      return sheetRows(partText(buf, e, stop), src, sheet.name, !unordered.has(e.name));
    },
    merges,
    rowCount: (sheet) => inspected.rows.get(entry(sheet.part)!.name) ?? 0,
    notes: (sheet) => {
      const dir = posix.dirname(sheet.part);
      const own = relationships(whole(`${dir}/_rels/${posix.basename(sheet.part)}.rels`), dir);
      const comments = [...own.values()].find((r) => r.type === 'comments');
      const out = new Map<string, string>();
      if (!comments) return out;
      for (const c of elements(whole(comments.path), 'comment')) out.set(attr(c.attrs, 'ref') ?? '', runText(c.body).trim());
      return out;
    },
  };
}

/** A part's relationships by id: the target's path in the archive, and the last word of its type. */
function relationships(xml: string, base: string): Map<string, { path: string; type: string }> {
  const out = new Map<string, { path: string; type: string }>();
  for (const r of elements(xml, 'Relationship')) {
    const target = attr(r.attrs, 'Target');
    if (!target || attr(r.attrs, 'TargetMode') === 'External') continue;
    const path = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(base, target));
    out.set(attr(r.attrs, 'Id') ?? '', { path, type: (attr(r.attrs, 'Type') ?? '').split('/').pop()! });
  }
  return out;
}

/** By style index (`s` of a cell): whether its number format shows a date. */
function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const f of elements(xml, 'numFmt')) custom.set(Number(attr(f.attrs, 'numFmtId')), attr(f.attrs, 'formatCode') ?? '');
  const xfs = [...elements(xml, 'cellXfs')][0]?.body ?? '';
  return [...elements(xfs, 'xf')].map((xf) => isDateFormat(Number(attr(xf.attrs, 'numFmtId') ?? 0), custom));
}
