import { posix } from 'node:path';
import { inspectXlsx, type InspectedFile } from '../inspect.ts';
import { fileBytes } from '../open.ts';
import { elements } from '../sheet/elements.ts';
import { findWorkbook } from '../sheet/relationships.ts';
import { attr } from '../sheet/xml.ts';
import { restyleCells, restyleEvery, type StyleChange } from './cells.ts';
import { addComments } from './comments.ts';
import { markAdded, markedBefore, withoutEarlierSheet } from './earlier-marking.ts';
import { namespacesOf, type Namespaces } from './namespaces.ts';
import { escapeXml, Package } from './parts.ts';
import { commentsAtEnd, printTitles } from './print.ts';
import { sheetXml, type NewSheet } from './result-sheet.ts';
import { Styles } from './styles.ts';
import { FileRefused, RESAVE } from '../file-rules.ts';

export type { NewCell, NewSheet } from './result-sheet.ts';

/**
 * What an earlier marking left in the workbook (the copy of a copy): the
 * solid fills it gave cells (ARGB), and what of a cell's comment is not its.
 */
export interface EarlierMarks {
  fills: readonly string[];
  kept: (sheet: string, cell: string, text: string) => string;
}

/** A cell to mark: its sheet (by name), address (`N5`), a solid fill (ARGB, `FFFFC7CE`; none: the comment only) and a comment's text. */
export interface CellMark {
  sheet: string;
  cell: string;
  fill?: string;
  note: string;
}

const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/**
 * A copy of a workbook (a path, its bytes, or both as a check read them) with cells marked and a sheet
 * added first, as the bytes of a new .xlsx; the input is only read. The copy
 * is the input's package with only these parts changed: the styles part (a
 * fill, and for each marked cell a copy of its own format with that fill, one
 * per format and fill), the marked cells' `s` attributes (a cell or row not in
 * the XML added in order, from the style it shows), each marked sheet's
 * comments and VML drawing (made when it has none) and `cellComments="atEnd"`
 * in its page setup, the new sheet's part, the workbook's sheet list, views,
 * sheet-scoped names (one sheet further on) and the new sheet's print titles,
 * `tabSelected` of the other sheets, and the relationships and content types
 * of what was added. Every other entry is copied as packed. A mark of a sheet
 * not in the workbook, or of anything but one cell (`N5`), is left out; marks
 * of one cell make one (the last fill given, the notes joined).
 * With `earlier`, a copy of a copy is marked afresh: the sheet the earlier
 * marking added (known by a hidden name, see `markAdded`) is replaced, cells
 * it filled get back the format they had (see `Styles.unmarked`), its lines
 * are taken out of comments (see `addComments`); the added sheet is named
 * `name（2）` only when a sheet of the workbook's own has its name.
 * Throws `FileRefused` for a file `inspectXlsx` refuses (the copy has the
 * bounds of reading), and `file.corrupt` for a package without the parts or
 * elements a workbook must have.
 */
export async function markUpCopy(input: Buffer | string | InspectedFile, marks: readonly CellMark[], added: NewSheet, earlier?: EarlierMarks): Promise<Buffer> {
  const { buf, inspected } = typeof input === 'object' && 'inspected' in input ? input : await inspectedFile(input);
  const pkg = new Package(buf, inspected.entries, inspected.parts);
  try {
    return edit(pkg, marks.filter((m) => /^[A-Z]{1,3}[1-9]\d{0,6}$/.test(m.cell)), added, earlier);
  } catch (e) {
    if (e instanceof FileRefused) throw e;
    throw new FileRefused('file.corrupt', `工作簿缺少必需的部件（工作表列表或样式），无法生成批注副本；${RESAVE}`);
  }
}

async function inspectedFile(input: Buffer | string): Promise<InspectedFile> {
  const buf = await fileBytes(input);
  return { buf, inspected: await inspectXlsx(buf, false) };
}

function edit(pkg: Package, marks: readonly CellMark[], added: NewSheet, earlier: EarlierMarks | undefined): Buffer {
  const { part: workbookPart, xml } = findWorkbook((part) => pkg.text(part));
  let workbook = xml;
  const ns = namespacesOf(workbook);
  const marked = markedBefore(workbook);
  if (earlier) workbook = withoutEarlierSheet(pkg, workbookPart, workbook);
  const rels = pkg.relations(workbookPart);
  const sheets = elements(workbook, 'sheet').map((s) => ({ name: attr(s.attrs, 'name') ?? '', part: rels.find((r) => r.id === attr(s.attrs, 'id'))?.path }));

  let stylesPart = rels.find((r) => r.type === 'styles')?.path;
  const styles = new Styles(stylesPart ? pkg.text(stylesPart) : '');
  if (!stylesPart) {
    stylesPart = posix.join(posix.dirname(workbookPart), 'styles.xml');
    pkg.relate(workbookPart, `${ns.relationships}/styles`, stylesPart);
    pkg.declare(stylesPart, STYLES_TYPE);
  }

  const bySheet = new Map<string, Map<string, CellMark>>();
  for (const mark of marks) {
    const cells = bySheet.get(mark.sheet) ?? new Map<string, CellMark>();
    bySheet.set(mark.sheet, cells);
    const before = cells.get(mark.cell);
    cells.set(mark.cell, before ? { ...mark, fill: mark.fill ?? before.fill, note: `${before.note}\n${mark.note}` } : mark);
  }
  const unmark = earlier && styles.unmarked(earlier.fills, marked);
  for (const { name, part } of sheets) {
    const cells = bySheet.get(name);
    if (!part || !pkg.has(part) || !(cells || earlier)) continue;
    const unmarked = unmark && restyleEvery(pkg.text(part, 'latin1'), unmark);
    if (unmarked && unmarked !== pkg.text(part, 'latin1')) pkg.set(part, unmarked, 'latin1');
    // Only the marked cells change format, each from its own: other cells of that format stay as they are.
    const changes = new Map<string, StyleChange>();
    for (const [ref, { fill }] of cells ?? []) if (fill) changes.set(ref, (s) => styles.format(s, { fill }));
    if (changes.size) pkg.set(part, restyleCells(pkg.text(part, 'latin1'), changes), 'latin1');
    const notes = new Map([...(cells ?? [])].map(([ref, m]) => [ref, m.note]));
    addComments(pkg, ns, part, notes, earlier && ((ref, text) => earlier.kept(name, ref, text)));
    if (cells) pkg.set(part, commentsAtEnd(pkg.text(part, 'latin1')), 'latin1');
  }

  // The added sheet: first, selected, and the one the workbook opens on.
  for (const s of sheets) {
    const xml = s.part && pkg.has(s.part) ? pkg.text(s.part, 'latin1') : '';
    if (/tabSelected/.test(xml)) pkg.set(s.part!, unselected(xml), 'latin1');
  }
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  let name = added.name;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${added.name}（${k}）`;
  const part = pkg.freeName(posix.join(posix.dirname(workbookPart), 'worksheets/sheet'), '.xml');
  pkg.set(part, sheetXml(added, ns, (cell) => (cell.style ? styles.format(0, cell.style) : 0)));
  pkg.declare(part, SHEET_TYPE);
  const id = pkg.relate(workbookPart, `${ns.relationships}/worksheet`, part);
  workbook = markAdded(firstSheet(workbook, ns, name, id), name);
  if (added.titleRow) workbook = printTitles(workbook, name, 0, added.titleRow);
  pkg.set(workbookPart, workbook);
  pkg.set(stylesPart, styles.text());
  return pkg.zip();
}

/** A sheet part's views with `tabSelected` taken off. */
const unselected = (xml: string) => xml.replace(/(<(?:[\w.-]+:)?sheetView(?=\s)[^>]*?)\stabSelected\s*=\s*["'][^"']*["']/g, '$1');

/** The workbook part with a sheet `name` (relationship `id`) first in its list, active, and sheet-scoped names moved one on. */
function firstSheet(workbook: string, ns: Namespaces, name: string, id: string): string {
  const ids = elements(workbook, 'sheet').map((s) => Number(attr(s.attrs, 'sheetId') ?? 0));
  const sheetId = Math.max(0, ...ids) + 1;
  const bound = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${ns.relationships}["']`).exec(workbook)?.[1];
  const rid = bound ? `${bound}:id="${id}"` : `xmlns:tbr="${ns.relationships}" tbr:id="${id}"`;
  const sheetsTag = /<([\w.-]+:)?sheets(?=[\s>])[^>]*>/.exec(workbook);
  if (!sheetsTag) throw new Error('no <sheets>');
  const p = sheetsTag[1] ?? '';
  const at = sheetsTag.index + sheetsTag[0].length;
  let xml = `${workbook.slice(0, at)}<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${rid}/>${workbook.slice(at)}`;
  xml = xml.replace(/(<(?:[\w.-]+:)?definedName\s[^>]*?localSheetId\s*=\s*["'])(\d+)/g, (_, head, n) => `${head}${Number(n) + 1}`);
  const view = /<([\w.-]+:)?workbookView(?=[\s/>])[^>]*?\/?>/.exec(xml);
  if (!view) return xml.replace(/<([\w.-]+:)?sheets(?=[\s>])/, (m, q = '') => `<${q}bookViews><${q}workbookView activeTab="0"/></${q}bookViews>${m}`);
  let tag = view[0].replace(/\s(activeTab|firstSheet)\s*=\s*["'][^"']*["']/g, '');
  tag = tag.replace(/^(<[\w.:-]+)/, '$1 activeTab="0"');
  return xml.slice(0, view.index) + tag + xml.slice(view.index + view[0].length);
}
