import { isXmlPart, notWorkbook, type Inspected } from '../inspect.ts';
import type { CellSource } from './cells.ts';
import { elements, firstElement, streamElements } from './elements.ts';
import { parseMerges, type Merge } from './merges.ts';
import { decodedText, heldText, type Stop } from './part-text.ts';
import { findWorkbook, relationships, relsOf } from './relationships.ts';
import { sheetRowBatches, type Row } from './rows.ts';
import { isDateFormat } from './styles.ts';
import { BadXml } from './bad-xml.ts';
import { attr, detach, plainXml, runText, xmlText } from './xml.ts';
import { FileRefused, RESAVE } from '../file-rules.ts';

/** A sheet of a workbook: its name, the part that holds its cells, and how it is shown. */
export interface SheetPart {
  name: string;
  part: string;
  /** `state="hidden"` or `"veryHidden"`: the clerk does not see it. */
  hidden: boolean;
  /** The tab the workbook opens on (`activeTab` of its first view; the first sheet when unsaid). */
  active: boolean;
}

/** A workbook opened for reading its sheets row by row. */
export interface Book extends CellSource {
  sheets: SheetPart[];
  /**
   * Rows of a sheet, in order, from the text its part inflated to. `last`: the
   * sheet's last reading, which lets go of its text as it goes (see `drop`).
   */
  rows(sheet: SheetPart, stop?: Stop, last?: boolean): AsyncGenerator<Row>;
  /** The rows `rows` gives, those of each chunk of text together (see `sheetRowBatches`). */
  rowBatches(sheet: SheetPart, stop?: Stop, last?: boolean): AsyncGenerator<Row[]>;
  /**
   * A sheet's merged ranges (found by the inspection of its bytes). Of a sheet
   * streamed, those its reading has come to: none until it has been read to
   * its end (see `finish`), where a sheet keeps them.
   */
  merges(sheet: SheetPart): Merge[];
  /** The `<row>` elements of a sheet (counted by the inspection of its bytes; of a sheet streamed, so far). */
  rowCount(sheet: SheetPart): number;
  /** The text of each cell comment of a sheet, by cell address. */
  notes(sheet: SheetPart): Map<string, string>;
  /** Let go of a sheet's text, read for the last time (see `Inspected.parts`): its rows cannot be read again. */
  drop(sheet: SheetPart): void;
  /**
   * Inflate what is left of every sheet streamed (see `Inspected.streamed`),
   * looked through and checked as the inspection checks a part, refusing as it
   * does (`FileRefused`): then the whole file has been inspected, and every
   * sheet's merged ranges and rows are known. Gives what the readings before
   * took to be so and was not: the sheets whose merged ranges were asked for
   * before all were known, and some came after; those whose rows do not stand
   * in order (read as if they did).
   */
  finish(): Promise<{ mergedLate: SheetPart[]; unordered: SheetPart[] }>;
  /** Let go of what a reading given up before `finish` holds: each streamed sheet's inflating, and the file it reads. */
  close(): Promise<void>;
}

/**
 * Open a workbook (already inspected) for streaming: the sheet list, shared
 * strings and date styles are read now, the sheets only when asked for; every
 * part from the chunks the inspection inflated it to.
 */
export async function openBook(inspected: Inspected, stop?: Stop): Promise<Book> {
  const { entries, unordered, parts, streamed } = inspected;
  // Only the XML parts were looked through: no other is read as one.
  const byName = new Map(entries.filter((e) => isXmlPart(e.name)).map((e) => [e.name.toLowerCase(), e]));
  const entry = (path: string) => byName.get(path.toLowerCase());
  const chunks = (name: string) => {
    const held = parts.get(name);
    // Let go of once read as the shared strings or as a sheet: the workbook points at it again, as something else.
    if (!held) throw new FileRefused('file.corrupt', `文件已损坏：工作簿中的部件 ${name} 被指向了两次，用作不同的内容，${RESAVE}`);
    return held;
  };
  const whole = (path: string) => {
    const e = entry(path);
    return e ? plainXml(Buffer.concat(chunks(e.name)).toString('utf8')) : '';
  };
  const { part: main, xml: workbook } = findWorkbook(whole);
  if (!entry(main)) throw notWorkbook(entries);
  // Day serials count from 1904: `date1904="1"` or `"true"`.
  const date1904 = /^(?:1|true)$/.test(attr(firstElement(workbook, 'workbookPr')?.attrs ?? '', 'date1904', false) ?? '');
  const rels = relationships(whole(relsOf(main)), main);
  const target = (type: string, fallback: string) => rels.find((r) => r.type === type)?.path ?? fallback;

  const sheets: SheetPart[] = [];
  // `activeTab` counts every `<sheet>`, hidden ones included.
  const activeTab = Number(attr(firstElement(workbook, 'workbookView')?.attrs ?? '', 'activeTab') ?? 0);
  for (const [i, s] of [...elements(workbook, 'sheet')].entries()) {
    const part = rels.find((r) => r.id === attr(s.attrs, 'id'))?.path;
    const state = attr(s.attrs, 'state');
    if (!part || !entry(part)) continue;
    const name = attr(s.attrs, 'name') ?? '';
    // A part is one sheet's, and a sheet's: two sheets of one part, or a sheet that is the shared strings, are no workbook Excel writes.
    const twin = sheets.find((t) => entry(t.part) === entry(part));
    if (twin) throw new FileRefused('file.corrupt', `文件已损坏：工作表「${name}」与「${twin.name}」是同一个部件（${part}），${RESAVE}`);
    sheets.push({ name, part, hidden: state === 'hidden' || state === 'veryHidden', active: i === activeTab });
  }
  if (!sheets.length) throw new FileRefused('file.corrupt', `工作簿中没有可读取的工作表，${RESAVE}`);

  // A sheet's merged ranges are wanted for its first rows and again for its table: made once, or again when a
  // streamed sheet's reading has come to more of them.
  const merged = new Map<string, { refs: number; merges: Merge[] }>();
  /** Streamed sheets whose merged ranges were asked for before their end: how many were known when first asked. */
  const early = new Map<SheetPart, number>();
  const merges = (sheet: SheetPart) => {
    const name = entry(sheet.part)!.name;
    const late = streamed.get(name);
    const refs = late ? late.scan.merges : (inspected.merges.get(name) ?? []);
    if (late && !late.done && !early.has(sheet)) early.set(sheet, refs.length);
    let found = merged.get(sheet.part);
    if (found?.refs !== refs.length) merged.set(sheet.part, (found = { refs: refs.length, merges: parseMerges(refs, sheet.name) }));
    return found.merges;
  };

  const stringsEntry = entry(target('sharedStrings', 'xl/sharedStrings.xml'));
  const posing = sheets.find((sheet) => stringsEntry && entry(sheet.part) === stringsEntry);
  if (posing) throw new FileRefused('file.corrupt', `文件已损坏：工作表「${posing.name}」指向的是共享字符串表（${posing.part}），不是工作表，${RESAVE}`);
  const strings: string[] = [];
  if (stringsEntry) {
    try {
      for await (const items of streamElements(heldText(chunks(stringsEntry.name), stop), 'si', 'sst')) for (const si of items) strings.push(detach(runText(si.body)));
    } catch (e) {
      throw e instanceof BadXml ? e.at(`共享字符串表（${stringsEntry.name}）第 ${strings.length + 1} 项文字`) : e;
    }
    parts.delete(stringsEntry.name);
  }
  const dates = dateStyles(whole(target('styles', 'xl/styles.xml')));

  const src: CellSource = { strings, dates, date1904 };
  const batches = (sheet: SheetPart, stop: Stop, last = false) => {
    const e = entry(sheet.part)!;
    const late = streamed.get(e.name);
    // A streamed sheet's rows are taken to stand in order; one that does not asks for the file to be read again (`ReadAgain`).
    if (late) return sheetRowBatches(decodedText(late.chunks(last), stop), src, sheet.name, { streamed: e.name, root: 'worksheet' });
    const text = heldText(chunks(e.name), stop, last);
    if (last) parts.delete(e.name);
    return sheetRowBatches(text, src, sheet.name, { ordered: !unordered.has(e.name), root: 'worksheet' });
  };
  return {
    ...src,
    sheets,
    rows: async function* (sheet, stop, last) {
      for await (const rows of batches(sheet, stop, last)) yield* rows;
    },
    rowBatches: (sheet, stop, last) => batches(sheet, stop, last),
    merges,
    rowCount: (sheet) => {
      const name = entry(sheet.part)!.name;
      return streamed.get(name)?.scan.rows ?? inspected.rows.get(name) ?? 0;
    },
    notes: (sheet) => {
      const comments = relationships(whole(relsOf(sheet.part)), sheet.part).find((r) => r.type === 'comments');
      const out = new Map<string, string>();
      if (!comments) return out;
      const xml = whole(comments.path);
      const authors = [...elements(xml, 'author')].map((a) => xmlText(a.body));
      for (const c of elements(xml, 'comment')) out.set(attr(c.attrs, 'ref') ?? '', withoutAuthor(runText(c.body), authors[Number(attr(c.attrs, 'authorId'))]));
      return out;
    },
    drop: (sheet) => void parts.delete(entry(sheet.part)!.name),
    finish: async () => {
      for (const part of streamed.values()) await part.finish();
      const scan = (sheet: SheetPart) => streamed.get(entry(sheet.part)!.name)?.scan;
      return {
        mergedLate: [...early].filter(([sheet, known]) => scan(sheet)!.merges.length > known).map(([sheet]) => sheet),
        unordered: sheets.filter((sheet) => scan(sheet)?.ordered === false),
      };
    },
    close: async () => {
      for (const part of streamed.values()) await part.close();
    },
  };
}

/** By style index (`s` of a cell): whether its number format shows a date. */
function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const f of elements(xml, 'numFmt')) custom.set(Number(attr(f.attrs, 'numFmtId')), attr(f.attrs, 'formatCode') ?? '');
  const xfs = [...elements(xml, 'cellXfs')][0]?.body ?? '';
  return [...elements(xfs, 'xf')].map((xf) => isDateFormat(Number(attr(xf.attrs, 'numFmtId') ?? 0), custom));
}

/**
 * A comment's text without the label Excel and WPS put before what is typed into a new comment: its author's
 * name and a colon on a line of their own (`Administrator:`), which is no part of what the clerk wrote.
 */
export function withoutAuthor(text: string, author: string | undefined): string {
  const label = author && `${author}:`;
  const trimmed = text.trim();
  return label && trimmed.startsWith(label) ? trimmed.slice(label.length).trim() : trimmed;
}
