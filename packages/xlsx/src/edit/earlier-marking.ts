import { elementSpans } from '../sheet/elements.ts';
import { attr, xmlText } from '../sheet/xml.ts';
import { escapeXml, insertBeforeClose, type Package } from './parts.ts';
import { insertChild, WORKBOOK } from './schema-order.ts';

/**
 * The hidden workbook name that points at the sheet a marking added: how a
 * copy of a copy knows that sheet for ours (a sheet of the clerk's may have
 * its name), whatever it has been renamed or moved to since.
 */
const MARKER = '_tianbao_markup';

/** Whether the workbook part is of a copy a marking made. */
export const markedBefore = (workbook: string): boolean => elementSpans(workbook, 'definedName').some((n) => attr(n.el.attrs, 'name') === MARKER);

/** The workbook part with the sheet `name` (first in its list) named as the one a marking added. */
export function markAdded(workbook: string, name: string): string {
  const p = /<([\w.-]+:)?workbook(?=[\s>])/.exec(workbook)?.[1] ?? '';
  const ref = `'${name.replace(/'/g, "''")}'!$A$1`;
  return addDefinedName(workbook, `<${p}definedName name="${MARKER}" hidden="1">${escapeXml(ref)}</${p}definedName>`);
}

/** The workbook part with `defined` (a whole `<definedName>`) added to its names. */
export function addDefinedName(workbook: string, defined: string): string {
  if (/<([\w.-]+:)?definedNames(?=[\s/>])/.test(workbook)) return insertBeforeClose(workbook, 'definedNames', defined);
  const p = /<([\w.-]+:)?workbook(?=[\s>])/.exec(workbook)?.[1] ?? '';
  return insertChild(workbook, WORKBOOK, 'definedNames', `<${p}definedNames>${defined}</${p}definedNames>`);
}

/**
 * The workbook part (of `workbookPart` in `pkg`) without the sheet an earlier
 * marking added, which the new one replaces: its entry in the sheet list, its
 * names (those scoped to later sheets moved one back) and the marker; its
 * part, relationship and content type taken out of `pkg`, and the calculation
 * chain, which may name it (Excel rebuilds one it lacks). Unchanged when
 * there is none.
 */
export function withoutEarlierSheet(pkg: Package, workbookPart: string, workbook: string): string {
  const names = elementSpans(workbook, 'definedName');
  const marker = names.find((n) => attr(n.el.attrs, 'name') === MARKER);
  if (!marker) return workbook;
  const sheet = /^'((?:[^']|'')+)'!|^([^!']+)!/.exec(xmlText(marker.el.body).trim());
  const name = sheet ? (sheet[1]?.replace(/''/g, "'") ?? sheet[2]!) : null;
  const sheets = elementSpans(workbook, 'sheet');
  const index = sheets.findIndex((s) => attr(s.el.attrs, 'name') === name);
  // Cut from the end, so that the places found stay true.
  const cuts: { from: number; to: number; put?: string }[] = [{ from: marker.start, to: marker.end }];
  if (index >= 0) {
    const gone = sheets[index]!;
    cuts.push({ from: gone.start, to: gone.end });
    for (const n of names) {
      const local = attr(n.el.attrs, 'localSheetId');
      if (local === undefined || n === marker) continue;
      const tag = workbook.slice(n.start, n.end);
      if (Number(local) === index) cuts.push({ from: n.start, to: n.end });
      else if (Number(local) > index) cuts.push({ from: n.start, to: n.end, put: tag.replace(/(localSheetId\s*=\s*["'])(\d+)/, (_, head, k) => `${head}${Number(k) - 1}`) });
    }
    const part = pkg.relations(workbookPart).find((r) => r.id === attr(gone.el.attrs, 'id'))?.path;
    if (part) pkg.remove(part, workbookPart);
    const chain = pkg.relations(workbookPart).find((r) => r.type === 'calcChain')?.path;
    if (chain) pkg.remove(chain, workbookPart);
  }
  let xml = workbook;
  for (const c of cuts.sort((a, b) => b.from - a.from)) xml = xml.slice(0, c.from) + (c.put ?? '') + xml.slice(c.to);
  // An empty list of names is against the schema.
  return xml.replace(/<([\w.-]+:)?definedNames(?=[\s>])[^>]*>\s*<\/\1definedNames\s*>/, '');
}
