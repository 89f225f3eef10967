import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { formById, forms } from '@tianbao/forms';
import { checkFile, type CheckOptions } from '@tianbao/validate';
import { watchInflation, writeWorkbook, zipEntries } from '@tianbao/xlsx';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, tempDir } from './run.ts';
import { FILES } from './two-readers.ts';
import { buildZip, unzip, type Part } from './zip.ts';

/**
 * A sheet larger than 16 MB is inflated as it is read instead of being held
 * from the inspection of the file's bytes to its reading (see `settled`).
 * Here every sheet is (`streamAbove: 0`): on every workbook of the test
 * corpus, the check says what it says of the file held.
 */
const opts: CheckOptions = { forms, units: defaultUnits, asOf: '2024-01-15' };
const streamed: CheckOptions = { ...opts, streamAbove: 0 };

/**
 * A check's report, and how many times it inflated its first sheet: once when a streamed sheet's reading stands,
 * twice when it is read again. Every reading, the one given up too, has closed the file soon after.
 */
async function checked(file: string, o: CheckOptions) {
  let opens = 0;
  const stop = watchInflation((part) => void (part === SHEET && opens++));
  try {
    const report = await checkFile(file, o);
    await vi.waitFor(() => expect(openOn(file)).toBe(0), { timeout: 1000 });
    return { report, opens };
  } finally {
    stop();
  }
}

/** How many of this process's file descriptors are open on `file`. */
function openOn(file: string): number {
  const path = realpathSync(file);
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

describe('a sheet inflated as it is read', () => {
  it.each(FILES)('%s: the same report as with the sheet held', async (name) => {
    const file = join(FIXTURES, name);
    expect((await checked(file, streamed)).report).toEqual((await checked(file, opts)).report);
  });

  it('stands, read once, for a list whose only merged ranges, found at its end, are its title and 填报 line', async () => {
    const file = await longList();
    expect(sheetOf(unzip(readFileSync(file))).match(/<mergeCell ref="[^"]+"\/>/g)).toEqual(['<mergeCell ref="A1:R1"/>', '<mergeCell ref="A2:R2"/>']);
    const once = await checked(file, streamed);
    expect(once.opens).toBe(1);
    expect(once.report).toEqual((await checked(file, opts)).report);
    expect(once.report.issues.length).toBeGreaterThan(0);
  });

  it('is read again, inspected first, when a merged range over its rows comes at its end, or its rows stand out of order', async () => {
    // B20:B23 spreads a value over the rows under it: what was read without it is not what the sheet shows.
    const merged = await longList('<mergeCell ref="B20:B23"/>');
    const again = await checked(merged, streamed);
    expect(again.opens).toBe(2);
    expect(again.report).toEqual((await checked(merged, opts)).report);

    const parts = unzip(readFileSync(join(FIXTURES, 'corpus', 'openpyxl-normalise-outfall.xlsx')));
    const xml = sheetOf(parts);
    expect(xml).not.toContain('<mergeCell');
    const rows = xml.match(/<row r="(\d+)".*?<\/row>/g)!;
    const moved = xml.replace(rows.at(-1)!, '').replace(rows.at(-3)!, `${rows.at(-1)!}${rows.at(-3)!}`);
    const out = join(tempDir(), 'moved.xlsx');
    writeFileSync(out, buildZip(parts.map((p) => (p.name === SHEET ? { name: SHEET, data: Buffer.from(moved) } : p))));
    const unordered = await checked(out, streamed);
    expect(unordered.opens).toBe(2);
    expect(unordered.report).toEqual((await checked(out, opts)).report);
  });

  it('is read again when its rows turn out not to stand in order, though its reading stopped before the row out of place', async () => {
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    // A row moved after the signature line under the table, and past the rows read after it: the reading stops before it.
    const moved = await longList('', (rows) => `${rows}<row r="44">${cell('B44', '填表人：张三')}</row><row r="70">${cell('A70', 'x')}</row>${PAD}<row r="10"><c r="H10"><v>999</v></c></row>`);
    const again = await checked(moved, streamed);
    expect(again.opens).toBe(2);
    expect(again.report).toEqual((await checked(moved, opts)).report);
    expect(again.report.issues.map((i) => `${i.rule}@${i.cell}`)).toContain('outfall.coords.outside@H10');

    // The title, 填报 line and header last: the first 20 rows as they stand hold no header.
    const headLast = await longList(null, (rows) => {
      const each = rows.match(/<row .*?<\/row>/g)!;
      return `${each.slice(3).join('')}${PAD}${each.slice(0, 3).join('')}`;
    });
    const found = await checked(headLast, streamed);
    expect(found.opens).toBe(2);
    expect(found.report).toEqual((await checked(headLast, opts)).report);
    expect(found.report.template).toBe('outfall-checklist');
  });

  it('closes the file when a reading is given up halfway, its packed bytes not all read', async () => {
    // A row out of order under the table, then 1.5 MB that does not pack: the reading stops long before the file's end.
    const noise = randomBytes(1_500_000).toString('base64');
    const moved = await longList('', (rows) => `${rows}<row r="10"><c r="H10"><v>999</v></c></row><row r="5000"><c r="Z5000" t="inlineStr"><is><t>${noise}</t></is></c></row>`);
    const again = await checked(moved, streamed);
    expect(again.opens).toBe(2);
    expect(again.report).toEqual((await checked(moved, opts)).report);
  });

  it.each([
    ['two thirds of the way', (xml: string) => xml.slice(0, Math.floor((xml.length * 2) / 3))],
    ['just before its table closes', (xml: string) => xml.slice(0, xml.indexOf('</sheetData>'))],
    ['just before its root closes', (xml: string) => xml.slice(0, xml.lastIndexOf('</worksheet>'))],
  ])('is refused, held or streamed, when its XML is cut short %s and packed again', async (_, cut) => {
    const parts = unzip(readFileSync(await longList()));
    const out = join(tempDir(), '排污口清单.xlsx');
    writeFileSync(out, buildZip(parts.map((p) => (p.name === SHEET ? { name: SHEET, data: Buffer.from(cut(sheetOf(parts))) } : p))));
    for (const o of [opts, streamed]) {
      const { report } = await checked(out, o);
      expect(report.issues.map((i) => i.rule)).toEqual(['file.corrupt']);
      expect(report.issues[0]!.message).toContain('在结尾前被截断');
    }
    // Closed, with white space after its root, as some writers end a file, it is read.
    writeFileSync(out, buildZip(parts.map((p) => (p.name === SHEET ? { name: SHEET, data: Buffer.from(`${sheetOf(parts)}\r\n`) } : p))));
    expect((await checked(out, opts)).report.issues.map((i) => i.rule)).not.toContain('file.corrupt');
  });

  it('is refused for more rows than may be checked, though its reading stopped at the table’s end', async () => {
    const rows = Array.from({ length: 200_001 }, (_, i) => `<row r="${i + 100}"/>`).join('');
    const long = await longList('', (table) => `${table}<row r="44"><c r="B44" t="inlineStr"><is><t>填表人：张三</t></is></c></row>${rows}`);
    const refused = await checked(long, streamed);
    expect(refused.report.issues.map((i) => i.rule)).toEqual(['file.too-many-rows']);
    expect(refused.report).toEqual((await checked(long, opts)).report);
  });

  it('is refused for its damage, as held, when bytes changed in it break a row before its CRC-32 can be checked', async () => {
    const parts = unzip(readFileSync(await longList()));
    // Stored, not deflated: a byte changed in it changes what it reads as, not whether it inflates. Past the first
    // chunk the sheet inflates in, a cell's `<` made `x` in the 30th row's XML.
    const xml = sheetOf(parts).replace('</sheetData>', `</sheetData>${PAD}`);
    const damaged = buildZip(parts.map((p) => (p.name === SHEET ? { name: SHEET, data: Buffer.from(xml), stored: true } : p)));
    const row = damaged.indexOf('<row r="30"');
    damaged[damaged.indexOf('<c ', row)] = 0x78;
    const out = join(tempDir(), '排污口清单.xlsx');
    writeFileSync(out, damaged);
    const held = (await checked(out, opts)).report;
    expect(held.issues.map((i) => [i.rule, i.message])).toEqual([['file.corrupt', expect.stringContaining(`${SHEET} 的校验和不符`)]]);
    expect((await checked(out, streamed)).report).toEqual(held);
  });

  it('is refused, damaged, as the file’s name says when it is not named .xlsx', async () => {
    const parts = unzip(readFileSync(await longList()));
    const sheet = { name: SHEET, data: Buffer.from(sheetOf(parts).replace('</sheetData>', `</sheetData>${PAD}`)), stored: true };
    const damaged = buildZip(parts.map((p) => (p.name === SHEET ? sheet : p)));
    damaged[damaged.lastIndexOf('</sheetData>') + 2] = 0x74;
    const out = join(tempDir(), '排污口清单.xls');
    writeFileSync(out, damaged);
    const report = (await checked(out, streamed)).report;
    expect(report.issues.map((i) => i.rule)).toEqual(['file.xls']);
    expect(report).toEqual((await checked(out, opts)).report);
  });

  it('is refused, damaged, when the file is changed between its opening and its reading, never read as what it became', async () => {
    const deflated = readFileSync(await longList());
    const e = zipEntries(deflated)!.find((e) => e.name === SHEET)!;
    const halfway = e.offset + 30 + SHEET.length + (e.compressedSize >> 1);
    const inPlace = Buffer.from(deflated);
    inPlace[halfway] = inPlace[halfway]! ^ 0x55;
    const dir = tempDir();
    for (const [name, before, after] of [
      ['changed.xlsx', deflated, inPlace],
      ['truncated.xlsx', deflated, deflated.subarray(0, halfway)],
      ['replaced.xlsx', deflated, readFileSync(join(FIXTURES, 'corpus', 'openpyxl-normalise-outfall.xlsx'))],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, before);
      expect((await checked(file, streamed)).report.issues.filter((i) => i.rule.startsWith('file.'))).toEqual([]);
      // The sheet's inflating starts once the file has been opened and inspected, its first rows not yet read.
      let changed = false;
      const stop = watchInflation((part) => {
        if (part === SHEET && !changed) writeFileSync(file, after);
        changed ||= part === SHEET;
      });
      try {
        // Refused as it is read, or, when what it inflated to asks for the file to be read again, by the inspection then.
        const { report } = await checked(file, streamed);
        expect(changed).toBe(true);
        expect(report.issues.map((i) => i.rule)).toEqual(['file.corrupt']);
      } finally {
        stop();
      }
    }
  });

  it('is looked through to its end though not the form: a damaged sheet, or one declaring entities, past its first rows is still refused', async () => {
    const dir = tempDir();
    const parts = unzip(readFileSync(join(FIXTURES, 'corpus', 'openpyxl-normalise-outfall.xlsx')));
    // 30 rows, then what is refused past the first chunk the sheet inflates in (64 kB): no look at its first rows comes to it.
    const rows = Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>其他${i}</t></is></c></row>`).join('');
    const other = (tail: string) =>
      Buffer.from(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${' '.repeat(100_000)}${tail}</worksheet>`);
    // Stored, not deflated: a byte changed in it changes what it reads as, not whether it inflates.
    const damaged = withSecondSheet(parts, other('<pageMargins left="0.7"/>'));
    damaged[damaged.lastIndexOf('left="0.7"') + 8] = 0x38;
    for (const [name, file, rule] of [
      ['declared.xlsx', withSecondSheet(parts, other('<!ENTITY a "b">')), 'file.xml-entities'],
      ['damaged.xlsx', damaged, 'file.corrupt'],
      ['fine.xlsx', withSecondSheet(parts, other('<pageMargins left="0.7"/>')), null],
    ] as const) {
      const out = join(dir, name);
      writeFileSync(out, file);
      const report = (await checked(out, streamed)).report;
      expect(report.issues.filter((i) => i.rule.startsWith('file.')).map((i) => i.rule)).toEqual(rule ? [rule] : []);
      expect(report).toEqual((await checked(out, opts)).report);
    }
  });
});

const SHEET = 'xl/worksheets/sheet1.xml';
const sheetOf = (parts: Part[]) => parts.find((p) => p.name === SHEET)!.data.toString();

/** Spaces past the first chunk a sheet inflates in (64 kB): what comes after them is not come to by a look at its first rows. */
const PAD = ' '.repeat(100_000);

/**
 * An outfall list of 40 rows as tianbao writes it, its merged ranges (and
 * `merge`; null: none) put past the first chunk a sheet inflates in: a
 * reading that has passed its first 20 rows has not come to them. `rows`:
 * the sheet's rows made otherwise.
 */
async function longList(merge: string | null = '', rows = (table: string) => table): Promise<string> {
  const outfalls = formById('outfall-checklist');
  const sample = outfalls.samples[0]!;
  const data = { ...sample, outfalls: Array.from({ length: 40 }, (_, i) => sample.outfalls[i % sample.outfalls.length]) };
  const parts = unzip(await writeWorkbook(outfalls, data));
  const [head, table, tail] = sheetOf(parts).split(/<sheetData>|<\/sheetData>/);
  const merged =
    merge === null
      ? tail!.replace(/<mergeCells.*?<\/mergeCells>/, '')
      : tail!.replace('<mergeCells count="2">', `${PAD}<mergeCells count="${merge ? 3 : 2}">`).replace('</mergeCells>', `${merge}</mergeCells>`);
  const xml = `${head}<sheetData>${rows(table!)}</sheetData>${merged}`;
  const file = join(tempDir(), '排污口清单.xlsx');
  writeFileSync(file, buildZip(parts.map((p) => (p.name === SHEET ? { name: SHEET, data: Buffer.from(xml) } : p))));
  return file;
}

/** The workbook's parts with a second sheet of `xml` after the first. */
function withSecondSheet(parts: Part[], xml: Buffer): Buffer {
  const edit = (name: string, f: (s: string) => string) => ({ name, data: Buffer.from(f(parts.find((p) => p.name === name)!.data.toString())) });
  return buildZip([
    ...parts.filter((p) => !['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'].includes(p.name)),
    { name: 'xl/worksheets/sheet99.xml', data: xml, stored: true },
    edit('xl/workbook.xml', (s) => s.replace('</sheets>', '<sheet name="其他" sheetId="99" r:id="rId99"/></sheets>')),
    edit('xl/_rels/workbook.xml.rels', (s) =>
      s.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>'),
    ),
    edit('[Content_Types].xml', (s) =>
      s.replace('</Types>', '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    ),
  ]);
}
