import { cellText, fileBytes } from './open.ts';
import { META_KEYS, META_ROWS, META_SHEET } from './meta.ts';
import { elements } from './sheet/elements.ts';
import { heldText } from './sheet/part-text.ts';
import { findWorkbook, relationships, relsOf } from './sheet/relationships.ts';
import { sheetRows } from './sheet/rows.ts';
import { attr, runText } from './sheet/xml.ts';
import { readEntry, zipEntries } from './zip.ts';

/** Bytes a part read here may inflate to: the shared strings of a long list, with room to spare. */
const PART_BYTES = 64 * 1024 * 1024;

/**
 * An entry of the meta sheet of a workbook tianbao wrote, read from the parts
 * that hold it (the package's and the workbook's relationships, the sheet
 * list, the meta sheet, the shared strings), never the form's sheets: a re-run
 * looks at every old output. Null, never thrown, when the file is no regular
 * file of at most `LIMITS.fileBytes`, no zip, has no meta sheet (a file from
 * elsewhere), or no such entry.
 */
export async function readMeta(path: string, key: keyof typeof META_KEYS): Promise<string | null> {
  try {
    const buf = await fileBytes(path);
    const entries = zipEntries(buf);
    if (!entries) return null;
    const bytes = (part: string) => {
      const e = entries.find((e) => e.name.toLowerCase() === part.toLowerCase());
      const read = e && readEntry(buf, e, PART_BYTES);
      return Buffer.isBuffer(read) ? read : null;
    };
    const text = (part: string) => bytes(part)?.toString('utf8') ?? '';
    const { part: main, xml: workbook } = findWorkbook(text);
    const rels = relationships(text(relsOf(main)), main);
    const sheet = elements(workbook, 'sheet').find((s) => attr(s.attrs, 'name') === META_SHEET);
    const meta = sheet && bytes(rels.find((r) => r.id === attr(sheet.attrs, 'id'))?.path ?? '');
    if (!meta) return null;
    const shared = rels.find((r) => r.type === 'sharedStrings')?.path ?? 'xl/sharedStrings.xml';
    const strings = elements(text(shared), 'si').map((si) => runText(si.body));
    for await (const row of sheetRows(heldText([meta], undefined), { strings, dates: [], date1904: false }, META_SHEET)) {
      if (row.r > META_ROWS) break;
      if (cellText(row.cells[1]).trim() === META_KEYS[key]) return cellText(row.cells[2]).trim();
    }
    return null;
  } catch {
    // Refused (no regular file, too large), damaged past reading: not one of ours to trust.
    return null;
  }
}
