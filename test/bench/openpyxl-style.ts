/**
 * A workbook rewritten the way openpyxl's writer lays out its strings, for
 * when Python and openpyxl are not at hand: each shared string written into
 * its cell as an inline string (`t="inlineStr"`, `<is><t>…</t></is>`), every
 * character outside ASCII as a character reference (`&#27745;`), as openpyxl
 * writes them; the shared strings part left empty. All else stays as it was.
 */
import { buildZip, unzip } from '../e2e/zip.ts';

const SI = /<si>([\s\S]*?)<\/si>/g;
const SHARED_CELL = /<c ([^>]*?) ?t="s"([^>]*)><v>(\d+)<\/v><\/c>/g;

/** Text outside ASCII as decimal character references. */
const referenced = (xml: string): string => xml.replace(/[^\x00-\x7f]/gu, (ch) => `&#${ch.codePointAt(0)};`);

export function openpyxlStyle(xlsx: Buffer): Buffer {
  const parts = unzip(xlsx);
  const sst = parts.find((p) => p.name === 'xl/sharedStrings.xml');
  if (!sst) throw new Error('the workbook has no shared strings to rewrite');
  // Each item's runs as written (already XML-escaped), non-ASCII made references.
  const items = Array.from(sst.data.toString('utf8').matchAll(SI), (m) => referenced(m[1]!));
  for (const p of parts) {
    if (p === sst) p.data = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');
    else if (/^xl\/worksheets\/[^/]+\.xml$/.test(p.name))
      p.data = Buffer.from(p.data.toString('utf8').replace(SHARED_CELL, (_, before: string, after: string, n: string) => `<c ${before} t="inlineStr"${after}><is>${items[Number(n)]}</is></c>`));
  }
  return buildZip(parts);
}
