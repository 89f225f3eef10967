import { posix } from 'node:path';
import { FileRefused, inspectXlsx } from '../inspect.ts';
import { fileBytes } from '../open.ts';
import { elements } from '../sheet/elements.ts';
import { attr } from '../sheet/xml.ts';
import { restyleCells, type StyleChange } from './cells.ts';
import { addComments } from './comments.ts';
import { namespacesOf, type Namespaces } from './namespaces.ts';
import { escapeXml, Package } from './parts.ts';
import { commentsAtEnd, printTitles } from './print.ts';
import { sheetXml, type NewSheet } from './result-sheet.ts';
import { Styles } from './styles.ts';

export type { NewCell, NewSheet } from './result-sheet.ts';

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
 * A copy of a workbook (a path or its bytes) with cells marked and a sheet
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
 * Throws `FileRefused` for a file `inspectXlsx` refuses (the copy has the
 * bounds of reading), and `file.corrupt` for a package without the parts or
 * elements a workbook must have.
 */
export async function markUpCopy(input: Buffer | string, marks: readonly CellMark[], added: NewSheet): Promise<Buffer> {
  const buf = await fileBytes(input);
  const pkg = new Package(buf, (await inspectXlsx(buf, false)).entries);
  try {
    return edit(pkg, marks.filter((m) => /^[A-Z]{1,3}[1-9]\d{0,6}$/.test(m.cell)), added);
  } catch (e) {
    if (e instanceof FileRefused) throw e;
    throw new FileRefused('file.corrupt', '工作簿缺少必需的部件（工作表列表或样式），无法生成批注副本；请在 Excel/WPS 中打开后另存为 .xlsx 再提交');
  }
}

function edit(pkg: Package, marks: readonly CellMark[], added: NewSheet): Buffer {
  const workbookPart = pkg.relations('').find((r) => r.type === 'officeDocument' && pkg.has(r.path))?.path ?? 'xl/workbook.xml';
  let workbook = pkg.text(workbookPart);
  const ns = namespacesOf(workbook);
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
  for (const [name, cells] of bySheet) {
    const part = sheets.find((s) => s.name === name)?.part;
    if (!part || !pkg.has(part)) continue;
    // Only the marked cells change format, each from its own: other cells of that format stay as they are.
    const changes = new Map<string, StyleChange>();
    for (const [ref, { fill }] of cells) if (fill) changes.set(ref, (s) => styles.format(s, { fill }));
    pkg.set(part, restyleCells(pkg.text(part, 'latin1'), changes), 'latin1');
    addComments(pkg, ns, part, new Map([...cells].map(([ref, m]) => [ref, m.note])));
    pkg.set(part, commentsAtEnd(pkg.text(part, 'latin1')), 'latin1');
  }

  // The added sheet: first, selected, and the one the workbook opens on.
  for (const s of sheets) {
    const xml = s.part && pkg.has(s.part) ? pkg.text(s.part, 'latin1') : '';
    if (/tabSelected/.test(xml)) pkg.set(s.part!, unselected(xml), 'latin1');
  }
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  let name = added.name;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${added.name}${k}`;
  const part = pkg.freeName(posix.join(posix.dirname(workbookPart), 'worksheets/sheet'), '.xml');
  pkg.set(part, sheetXml(added, ns, (cell) => (cell.style ? styles.format(0, cell.style) : 0)));
  pkg.declare(part, SHEET_TYPE);
  const id = pkg.relate(workbookPart, `${ns.relationships}/worksheet`, part);
  workbook = firstSheet(workbook, ns, name, id);
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
