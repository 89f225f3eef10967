import { readdirSync, readFileSync } from 'node:fs';
import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildZip, unzip } from '../../../test/e2e/zip.ts';
import { writeWorkbook } from '../src/index.ts';
import { inspectXlsx, isXmlPart } from '../src/inspect.ts';
import { openBook } from '../src/sheet/book.ts';
import type { CellSource } from '../src/sheet/cells.ts';
import { elements } from '../src/sheet/elements.ts';
import { heldText } from '../src/sheet/part-text.ts';
import { sheetRows, type Row } from '../src/sheet/rows.ts';
import { parsedRuns } from '../src/sheet/slow-path.ts';
import { runText, unescaped } from '../src/sheet/xml.ts';

/**
 * The quick reading of rows and string items is held to an XML parser's
 * reading of the same XML: on every workbook at hand, and on XML holding
 * comments, CDATA sections and processing instructions.
 */

const fixtures = new URL('../../../test/fixtures/', import.meta.url);
const files = (dir: string) =>
  readdirSync(new URL(dir, fixtures))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => [`${dir}${f}`, () => readFileSync(new URL(`${dir}${f}`, fixtures))] as const);

/** Our own workbooks: each form's first sample, as generated. */
const generated = (): (readonly [string, () => Promise<Buffer>])[] => [
  ['generated census-roster', () => writeWorkbook(censusRoster, censusRoster.samples[0]!)],
  ['generated outfall-checklist', () => writeWorkbook(outfallChecklist, outfallChecklist.samples[0]!)],
  ['generated review-ledger', () => writeWorkbook(reviewLedger, reviewLedger.samples[0]!)],
];

const collect = async (rows: AsyncIterable<Row>) => {
  const out: Row[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

/** Every sheet's rows read quickly and by the parser; every shared string read both ways. */
async function bothWays(buf: Buffer) {
  const inspected = await inspectXlsx(buf, false);
  // Opening the book lets go of the shared strings' text.
  const strings = inspected.entries.filter((x) => isXmlPart(x.name) && /sharedstrings/i.test(x.name)).map((e) => Buffer.concat(inspected.parts.get(e.name)!).toString('utf8'));
  const book = await openBook(inspected);
  const out: { quick: unknown[]; parsed: unknown[] } = { quick: [], parsed: [] };
  for (const sheet of book.sheets) {
    const e = inspected.entries.find((x) => x.name.toLowerCase() === sheet.part.toLowerCase())!;
    const ordered = !inspected.unordered.has(e.name);
    const text = () => heldText(inspected.parts.get(e.name)!, undefined);
    out.quick.push(await collect(sheetRows(text(), book, sheet.name, { ordered })));
    out.parsed.push(await collect(sheetRows(text(), book, sheet.name, { ordered, forceParser: true })));
  }
  for (const xml of strings)
    for (const si of elements(xml, 'si')) {
      out.quick.push(runText(si.body));
      out.parsed.push(unescaped(parsedRuns(si.body)));
    }
  return out;
}

describe('the quick reading equals the XML parser', () => {
  it('on every workbook of the corpus, the real files and our own', async () => {
    const all = [...files('corpus/'), ...files('real-files/'), ...generated()];
    expect(all.length).toBeGreaterThan(30);
    for (const [name, bytes] of all) {
      const { quick, parsed } = await bothWays(await bytes());
      expect(quick, name).toEqual(parsed);
    }
  });
});

/** A workbook of one sheet whose rows and shared strings are the XML given, written as they stand. */
async function workbook(sheetData: string, sst: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表1').getCell('A1').value = 'x';
  const parts = unzip(Buffer.from(await wb.xlsx.writeBuffer()));
  const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  sheet.data = Buffer.from(sheet.data.toString('utf8').replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${sheetData}</sheetData>`));
  parts.find((p) => p.name === 'xl/sharedStrings.xml')!.data = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sst.join('')}</sst>`,
  );
  return buildZip(parts);
}

const SI = [
  // CDATA with `<`, `&amp;` kept as written, a `]]>` split across two sections.
  '<si><t><![CDATA[a<b &amp; ]]]]><![CDATA[>c]]></t></si>',
  // A comment holding a run, a processing instruction, a phonetic guide left out.
  '<si><r><t>甲</t></r><!-- <t>不是</t> --><?pi <t>x</t>?><r><t xml:space="preserve"> 乙</t></r><rPh sb="0" eb="1"><t>jia</t></rPh></si>',
  // Entities and OOXML escapes next to a CDATA section.
  '<si><t>&#x4E00;&lt;_x000D_</t><t><![CDATA[&lt;]]></t></si>',
];

const ROWS =
  '<row r="1">' +
  '<c r="A1" t="s"><v>0</v></c>' +
  '<!-- <c r="B1"><v>1</v></c> </c> -->' +
  '<c r="C1" t="s"><v>1</v></c>' +
  '<c r="D1" t="s"><v><!-- 9 -->2</v></c>' +
  '</row>' +
  '<row r="2">' +
  '<c r="A2" t="str"><v><![CDATA[</v><v>]]></v></c>' +
  '<?mso-application progid="Excel.Sheet"?>' +
  '<c r="B2"><v>4<?x?>2</v></c>' +
  '<c r="C2" t="inlineStr"><is><t><![CDATA[x</t>]]>&amp;_x0041_</t></is></c>' +
  '<c r="D2"><f>SUM(A1)</f><!-- <v>1</v> --></c>' +
  '</row>';

describe('comments, CDATA and processing instructions', () => {
  it('read in rows and shared strings as an XML parser reads them', async () => {
    const buf = await workbook(ROWS, SI);
    const inspected = await inspectXlsx(buf, false);
    const book = await openBook(inspected);
    expect(book.strings).toEqual(['a<b &amp; ]]>c', '甲 乙', '一<\r&lt;']);
    const rows = await collect(book.rows(book.sheets[0]!));
    expect(rows).toEqual([
      { r: 1, cells: [, 'a<b &amp; ]]>c', , '甲 乙', '一<\r&lt;'] },
      { r: 2, cells: [, '</v><v>', 42, 'x</t>&A'], uncached: [4] },
    ]);
    const { quick, parsed } = await bothWays(buf);
    expect(quick).toEqual(parsed);
  });

  it('reads such a row nested deeper than the call stack goes', async () => {
    const deep = '<x>'.repeat(50_000) + '<t>深</t>' + '</x>'.repeat(50_000);
    const buf = await workbook(`<row r="1"><!-- --><c r="A1" t="inlineStr"><is>${deep}</is></c></row>`, [`<si><!-- -->${deep}</si>`]);
    const book = await openBook(await inspectXlsx(buf, false));
    expect(book.strings).toEqual(['深']);
    expect(await collect(book.rows(book.sheets[0]!))).toEqual([{ r: 1, cells: [, '深'] }]);
  });

  it('refuses, naming the sheet and row, a row holding them that is not well-formed', async () => {
    const buf = await workbook('<row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v><![CDATA[1]]></c></row>', []);
    const book = await openBook(await inspectXlsx(buf, false));
    await expect(collect(book.rows(book.sheets[0]!))).rejects.toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('工作表「表1」第 3 行') });
    // A CDATA section never ended holds the rest of the sheet: the row it starts in never ends.
    const open = await workbook('<row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v><![CDATA[1</v></c></row>', []);
    const opened = await openBook(await inspectXlsx(open, false));
    await expect(collect(opened.rows(opened.sheets[0]!))).rejects.toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('工作表「表1」第 2 行附近') });
  });

  it('ends a row or string item at its own end tag, not at one in a comment, CDATA section or processing instruction inside it', async () => {
    const row = '<row r="4"><c r="A4" t="s"><v>0</v></c><!-- </row> --><c r="B4" t="inlineStr"><is><t><![CDATA[甲</row>乙]]></t></is></c><?x </row>?><c r="C4"><v>3</v></c></row>';
    const buf = await workbook(row, ['<si><t><![CDATA[丙</si>丁]]></t></si>', '<si><t>戊</t><!--</si>--></si>']);
    const book = await openBook(await inspectXlsx(buf, false));
    expect(book.strings).toEqual(['丙</si>丁', '戊']);
    expect(await collect(book.rows(book.sheets[0]!))).toEqual([{ r: 4, cells: [, '丙</si>丁', '甲</row>乙', 3] }]);
    const { quick, parsed } = await bothWays(buf);
    expect(quick).toEqual(parsed);
  });
});
