import { describe, expect, it } from 'vitest';
import { elements, streamElements } from '../src/sheet/elements.ts';
import { parsedRuns } from '../src/sheet/slow-path.ts';
import { charData, runText } from '../src/sheet/xml.ts';
import type { CellSource } from '../src/sheet/cells.ts';
import { decodedText } from '../src/sheet/part-text.ts';
import { parserRead, sheetRows, type Row } from '../src/sheet/rows.ts';

/**
 * The shortcuts of the quick reading: each taken only where it reads as the
 * long way does, and not where it would not.
 */

describe('character data', () => {
  it('has every reference resolved as a parser resolves it, each character outside ASCII one too', () => {
    expect(charData('&#27745;&#x6C61;&#x41;&amp;&lt;&gt;&quot;&apos;&#128512;2024&#24180;')).toBe('污污A&<>"\'😀2024年');
  });

  // What XML allows at the edges of its characters, and what it does not: the quick reading and the parser agree on each.
  const ALLOWED = ['&#9;', '&#10;', '&#13;', '&#32;', '&#xD7FF;', '&#xE000;', '&#xFFFD;', '&#x10000;', '&#x10FFFF;', '&#00000065;'];
  const REFUSED = ['A & B', '&#;', '&#x;', '&#65', '&amp', '&nbsp;', '&ampx;', '&#6x5;', '&#X41;', '&#0;', '&#31;', '&#xD800;', '&#xDFFF;', '&#xFFFE;', '&#xFFFF;', '&#x110000;', '&#99999999999;'];

  it.each(ALLOWED)('resolves %s as the parser does', (ref) => {
    expect(charData(`x${ref}y`)).toBe(parsedRuns(`<t>x${ref}y</t>`));
  });

  it.each(REFUSED)('refuses %s as damaged, naming it, as the parser refuses it', (ref) => {
    const shown = /&[#\w]*;?/.exec(ref)![0];
    expect(() => charData(`文字${ref}文字`)).toThrow(expect.objectContaining({ rule: 'file.corrupt', message: expect.stringContaining(`「${shown}」`) }));
    expect(() => parsedRuns(`<t>文字${ref}文字</t>`)).toThrow(expect.objectContaining({ rule: 'file.corrupt' }));
  });

  it.each(['\x01', '\x08', '\x0b', '\x1f', '\uffff'])('refuses the control character %j, naming it, as the parser refuses it', (c) => {
    const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    expect(() => charData(`文字${c}`)).toThrow(expect.objectContaining({ rule: 'file.corrupt', message: expect.stringContaining(`U+${code}`) }));
    expect(() => parsedRuns(`<t>文字${c}</t>`)).toThrow(expect.objectContaining({ rule: 'file.corrupt' }));
    expect(charData('\t\n\r\n')).toBe('\t\n\n');
  });

  it('reads a string item of one run, and of several, alike', () => {
    expect(runText('<t xml:space="preserve"> &#27745;_x000D_ </t>')).toBe(' 污\r ');
    expect(runText('<t>&#27745;</t>')).toBe('污');
    expect(runText('<r><t>&#27745;</t></r><r><t>水</t></r>')).toBe('污水');
    expect(runText('<t/>')).toBe('');
    expect(runText("<t xml:space='preserve'>甲</t><!-- 乙 -->")).toBe('甲');
  });

  it.each(['<t>甲</si>', '<t>甲', '<t>甲<乙</t>', '<t>甲</t></t>', '<r><t>甲</t>', '<t a="1" a="2">甲</t>', '<t>甲&乙</t>'])('refuses the string item %s, as the parser does', (item) => {
    expect(() => runText(item)).toThrow(expect.objectContaining({ rule: 'file.corrupt' }));
  });
});

describe('end tags found by plain searches', () => {
  it('finds the first end tag, spaced or prefixed, before a plain one', () => {
    const xml = '<row r="1"><c/></row ><row r="2"><c/></x:row><row r="3"><c/></row>';
    expect(elements(xml, 'row').map((r) => r.attrs)).toEqual([' r="1"', ' r="2"', ' r="3"']);
    expect(elements(xml, 'row').map((r) => r.body)).toEqual(['<c/>', '<c/>', '<c/>']);
  });
});

const SRC: CellSource = { strings: ['甲', ''], dates: [false, true], date1904: false };

/** The rows of this XML, read quickly or by the XML parser. */
async function readRows(xml: string, forceParser: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of sheetRows((async function* () { yield xml; })(), SRC, '表1', { forceParser })) rows.push(row);
  return rows;
}

describe('a cell read character by character', () => {
  /** The rows of this XML read quickly, and by the XML parser. */
  const bothWays = async (xml: string) => ({ quick: await readRows(xml, false), parsed: await readRows(xml, true) });

  const numbers = ['113.268', '-0.5', '.5', '-.25', '1.', '-0', '0.0', '007', '35.2278', '0.1', '2.675', '123456789012345', '999999999999999.5', '1234567890123456', '0.1234567890123456789', '1e3', '+5', '.', '-', '1.2.3', '-1.5e-3', ' 7', '9007199254740993'];

  it('gives every number as Number reads what is written, the sign of a zero too, and what is no number as its text', async () => {
    const cells = numbers.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1"${i % 2 ? ' t="n"' : ''}><v>${v}</v></c>`).join('');
    const { quick, parsed } = await bothWays(`<row r="1">${cells}</row>`);
    expect(quick).toEqual(parsed);
    numbers.forEach((v, i) => {
      // An xsd:double as a whole (`1.`, `+5`, `1e3`, ` 7`), else the text as written (`1.2.3`, `.`, `-`), not the number it begins with.
      const want = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : v;
      expect(Object.is(quick[0]!.cells[i + 1], want), v).toBe(true);
    });
  });

  it.each([
    ['113,4308', '113,4308'],
    ['0x71', '0x71'],
    ['113.4308.', '113.4308.'],
    ['INF', 'INF'],
    ['abc', 'abc'],
    ['1e400', '1e400'],
  ])('reads the number cell %s as its text, not as the number it begins with, read either way', async (v, want) => {
    for (const forceParser of [false, true]) expect((await readRows(`<row r="4"><c r="H4" s="0"><v>${v}</v></c></row>`, forceParser))[0]!.cells[8]).toBe(want);
  });

  it.each(['S', 'zz', 'N', 'str2'])('refuses a cell of type %s, which OOXML does not have, naming its row, read either way', async (t) => {
    for (const forceParser of [false, true])
      await expect(readRows(`<row r="4"><c r="C4" t="${t}"><v>21</v></c></row>`, forceParser)).rejects.toMatchObject({
        rule: 'file.corrupt',
        message: expect.stringContaining(`工作表「表1」第 4 行含有无法识别的单元格类型「${t}」`),
        place: { sheet: '表1', row: 4 },
      });
  });

  it('notes a cell showing an error value, with what it shows, read either way', async () => {
    const row = '<row r="3"><c r="A3" t="e"><v>#N/A</v></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C3"><v>1</v></c></row>';
    for (const forceParser of [false, true]) {
      const [read] = await readRows(row, forceParser);
      expect(read!.errors).toEqual([
        { col: 1, text: '#N/A' },
        { col: 2, text: '#DIV/0!' },
      ]);
      expect(read!.cells.slice(1, 4)).toEqual([undefined, undefined, 1]);
    }
  });

  it('reads a truth value other than 0, 1, true and false as its text', async () => {
    const row = '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>false</v></c><c r="C2" t="b"><v>yes</v></c></row>';
    for (const forceParser of [false, true]) expect((await readRows(row, forceParser))[0]!.cells.slice(1, 4)).toEqual(['TRUE', 'FALSE', 'yes']);
  });

  it('gives a date for a number styled as one, and reads shared strings, inline strings and other cells as the parser does, quickly', async () => {
    const row =
      '<row r="2"><c r="A2" s="1"><v>45260.5</v></c><c r="B2" s="1" t="n"><v>-1</v></c><c t="s"><v>0</v></c><c t="s"><v>1</v></c>' +
      '<c r="I2"><f>A1</f><v>6</v></c>' +
      '<c r="J2" t="inlineStr"><is><t>x&#27745;</t></is></c><c r="K2" t="s" s="0"><v>0</v></c><c r="L2"><v></v></c><c r="M2"><f>A1</f></c>' +
      '<c r="N2" t="str"><v>12.5</v></c><c r="O2" t="b"><v>1</v></c><c r="P2"/><c r="Q2" t="n" s="1"><v>45260</v></c><c r="R2" t="inlineStr"><v>5</v></c>' +
      '<c r="S2" t="inlineStr"><f>A1</f><v></v></c></row>';
    const before = parserRead.rows;
    const { quick, parsed } = await bothWays(row);
    // Once, when forced: the quick reading took the row whole.
    expect(parserRead.rows - before).toBe(1);
    expect(quick).toEqual(parsed);
    expect(quick[0]!.cells[1]).toEqual(new Date(Date.UTC(2023, 10, 30, 12)));
    expect(quick[0]!.cells.slice(3, 5)).toEqual(['甲', undefined]);
    expect(quick[0]!.uncached).toEqual([13, 19]);
  });

  it('reads a cell whose attributes are spaced around their `=` as the parser does, the rest of its row too', async () => {
    const row = '<row r="4"><c r="B4" t="s"><v>0</v></c><c  r = "C4"  s = "1"  t = "s" ><v>0</v></c><c r="D4" s="1"><v>45260</v></c><c r ="E4" t= "n"><v>5</v></c></row>';
    const { quick, parsed } = await bothWays(row);
    expect(quick).toEqual(parsed);
    expect(quick[0]!.cells.slice(2, 6)).toEqual(['甲', '甲', new Date(Date.UTC(2023, 10, 30)), 5]);
  });

  it.each(['5', 'C', 'c5'])('refuses a cell reference %s, which names no cell, read either way', async (ref) => {
    for (const forceParser of [false, true])
      await expect(readRows(`<row r="5"><c r="${ref}"><v>1</v></c></row>`, forceParser)).rejects.toMatchObject({
        rule: 'file.corrupt',
        message: expect.stringContaining(`单元格引用「${ref}」不是有效的单元格位置`),
        place: { sheet: '表1', row: 5 },
      });
  });

  it.each(['XFE5', 'AAAA5', 'A1048577', 'A99999999999999999999'])('refuses a cell reference %s past XFD1048576, read either way', async (ref) => {
    for (const forceParser of [false, true])
      await expect(readRows(`<row r="5"><c r="${ref}" s="0" t="s"><v>0</v></c></row>`, forceParser)).rejects.toMatchObject({
        rule: 'file.corrupt',
        message: expect.stringContaining('超出 Excel 的范围'),
        place: { sheet: '表1', row: 5 },
      });
  });

  it('reads the start tags writers write in one pass, the last column and row among them, and any other as the parser does', async () => {
    const row =
      '<row r="1048576"><c r="A1048576" s="0" t="s"><v>0</v></c><c r="B1048576" t="s" /><c r="C1048576" s="" t="s"><v>0</v></c>' +
      '<c r="D1048576" s="1"><v>45260</v></c><c r="XFD1048576" t="s"><v>0</v></c></row>';
    const before = parserRead.rows;
    const { quick, parsed } = await bothWays(row);
    expect(quick).toEqual(parsed);
    expect(quick[0]!.cells[1]).toBe('甲');
    expect(quick[0]!.cells[4]).toEqual(new Date(Date.UTC(2023, 10, 30)));
    expect(quick[0]!.cells[16384]).toBe('甲');
    // `s=""` is no style a writer writes: that row went to the parser, once quickly tried and once forced.
    expect(parserRead.rows - before).toBe(2);
  });

  it.each(['9999999999', '99999999999999999999', '2', '-1', '0.5', 'x'])('refuses a shared string index %s, past the list or none, naming the row, read either way', async (v) => {
    for (const forceParser of [false, true])
      await expect(readRows(`<row r="7"><c r="A7" t="s"><v>${v}</v></c></row>`, forceParser)).rejects.toMatchObject({
        rule: 'file.corrupt',
        // Named as written: a number of 20 digits would be named rounded.
        message: expect.stringContaining(`工作表「表1」第 7 行含有对不存在的共享字符串的引用（编号 ${v === 'x' ? '不是数字' : /^\d+$/.test(v) ? v : Number(v)}；表中共 2 项，编号 0 至 1）`),
      });
  });

  // Well-formed, written by no writer: each read as the parser reads it, the cells after it too.
  const ODD: [string, string][] = [
    ['a comment between cells', '<c r="A5" t="s"><v>0</v></c><!-- <c r="B5"><v>9</v></c> -->'],
    ['an attribute in single quotes', "<c r='A5' t='s'><v>0</v></c>"],
    ['line breaks and tabs between cells and attributes', '\n\t<c\n r="A5"\tt="s"><v>0</v></c>\n'],
    ['prefixed cells', '<x:c r="A5" t="s"><x:v>0</x:v></x:c>'],
    ['a spaced end tag', '<c r="A5" t="s"><v>0</v></c >'],
    ['an attribute other than r, s and t', '<c r="A5" t="s" cm="1"><v>0</v></c>'],
    ['the value before the formula', '<c r="A5" t="s"><v>0</v><f>B1</f></c>'],
    ['an inline string of two runs', '<c r="A5" t="inlineStr"><is><r><t>甲</t></r><r><t/></r></is></c>'],
    ['CDATA in a value', '<c r="A5" t="str"><v><![CDATA[甲]]></v></c>'],
    ['a shared formula', '<c r="A5" t="s"><f t="shared" ref="A5:A9" si="0">B1&amp;"x"</f><v>0</v></c>'],
    ['an empty reference, which the cell after the one before takes', '<c r="" t="s"><v>0</v></c>'],
  ];

  it.each(ODD)('reads %s as the parser does', async (_, cells) => {
    const { quick, parsed } = await bothWays(`<row r="5">${cells}<c r="C5"><v>7</v></c></row>`);
    expect(quick).toEqual(parsed);
    expect(quick[0]!.cells.slice(1, 4)).toEqual(['甲', undefined, 7]);
  });

  // Not well-formed: the quick reading would have read each as data (a cell lost, a value cut short).
  const BROKEN: [string, string][] = [
    ['a cell left open', '<c r="A5"><v>1</v><c r="B5"><v>2</v></c>'],
    ['an end tag of another element', '<c r="A5"><v>1</v></x><c r="B5"><v>2</v></c>'],
    ['a value left open', '<c r="A5"><v>1</c><c r="B5"><v>2</v></c>'],
    ['a run left open', '<c r="A5" t="inlineStr"><is><t>甲</is></c><c r="B5"><v>2</v></c>'],
    ['`<` in a value', '<c r="A5"><v>1<2</v></c>'],
    ['`<` in an attribute', '<c r="A5" s="1<2"><v>1</v></c>'],
    ['`&` in an attribute', '<c r="A5" s="a&b"><v>1</v></c>'],
    ['an attribute not quoted', '<c r=A5><v>1</v></c><c r="B5"><v>2</v></c>'],
    ['an attribute twice', '<c r="A5" r="B5"><v>1</v></c>'],
    ['an attribute without a value', '<c r="A5" hidden><v>1</v></c>'],
    ['attributes not apart', '<c r="A5"s="1"><v>1</v></c>'],
    ['a bare `&` in a formula', '<c r="A5"><f>A1&B1</f><v>1</v></c>'],
    ['a control character', '<c r="A5" t="inlineStr"><is><t>甲\x01</t></is></c>'],
  ];

  it.each(BROKEN)('refuses a row with %s, naming its sheet and row, read either way', async (_, cells) => {
    for (const forceParser of [false, true])
      await expect(readRows(`<row r="4"><c r="A4"><v>4</v></c></row><row r="5">${cells}</row>`, forceParser)).rejects.toMatchObject({
        rule: 'file.corrupt',
        message: expect.stringContaining('工作表「表1」第 5 行'),
        place: { sheet: '表1', row: 5 },
      });
  });

  it.each([
    ['a row whose start tag is not well-formed', '<row r="5" spans="1:2><c r="A5"><v>1</v></c></row>', '第 5 行'],
    ['an end tag between rows', '<row r="5"><c r="A5"><v>1</v></c></row></row><row r="6"><c r="A6"><v>2</v></c></row>', '第 5 行附近'],
    ['a row inside a row', '<row r="5"><c r="A5"><v>1</v></c><row r="6"><c r="A6"><v>2</v></c></row></row>', '第 5 行'],
  ])('refuses %s', async (_, rows, where) => {
    for (const forceParser of [false, true])
      await expect(readRows(rows, forceParser)).rejects.toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining(`工作表「表1」${where}`) });
  });

  it('reads rows with comments, processing instructions and white space between them, the text between split across chunks', async () => {
    const chunks = ['<row r="1"><c r="A1"><v>1</v></c></row>\n<!-- 注释 --', '>\n<?x ?><row r="3"><c r="A3"><v>3</v></c></row></sheetData>'];
    const rows: Row[] = [];
    for await (const row of sheetRows((async function* () { yield* chunks; })(), SRC, '表1')) rows.push(row);
    expect(rows).toEqual([{ r: 1, cells: [, 1] }, { r: 3, cells: [, 3] }]);
    const split = ['<row r="1"><c r="A1"><v>1</v></c></row></r', 'ow><row r="2"><c r="A2"><v>2</v></c></row>'];
    await expect((async () => { for await (const _ of sheetRows((async function* () { yield* split; })(), SRC, '表1')); })()).rejects.toMatchObject({ rule: 'file.corrupt' });
  });

  /** The rows of `xml` given in these pieces. */
  const inPieces = async (pieces: string[]) => {
    const rows: Row[] = [];
    for await (const row of sheetRows((async function* () { yield* pieces; })(), SRC, '表1')) rows.push(row);
    return rows;
  };

  it('reads rows in comments, CDATA and processing instructions as no rows, before, between and after the rows, however the text is cut', async () => {
    const xml =
      '<worksheet><!-- <row r="1"><c r="A1"><v>9</v></c></row> --><sheetData><?x <row r="1"><c r="A1"><v>9</v></c></row> ?>' +
      '<row r="2"><c r="A2"><v>2</v></c></row><!-- <row r="3"><c r="A3"><v>9</v></c></row> -->\n' +
      '<row r="4"><c r="A4"><v>4</v></c></row><![CDATA[<row r="5"><c r="A5"><v>9</v></c></row>]]></sheetData><!-- <row r="6"> --></worksheet>';
    const want = [{ r: 2, cells: [, 2] }, { r: 4, cells: [, 4] }];
    expect(await inPieces([xml])).toEqual(want);
    // Cut in two anywhere, and in three with a piece of one character.
    for (let i = 1; i < xml.length; i++) {
      expect(await inPieces([xml.slice(0, i), xml.slice(i)]), `cut at ${i}`).toEqual(want);
      expect(await inPieces([xml.slice(0, i), xml.slice(i, i + 1), xml.slice(i + 1)]), `cut at ${i} and ${i + 1}`).toEqual(want);
    }
  });

  it('ends a row at its own end tag, not at one in a comment, CDATA section or processing instruction within it, however the text is cut', async () => {
    const xml =
      '<sheetData><row r="2"><c r="A2"><v>2</v></c><!-- </row><row r="3"> --></row>' +
      '<row r="4"><c r="A4"><v>4</v></c><c r="B4" t="inlineStr"><is><t><![CDATA[x</row>y]]></t></is></c><?pi </row>?></row></sheetData>';
    const want = [{ r: 2, cells: [, 2] }, { r: 4, cells: [, 4, 'x</row>y'] }];
    expect(await inPieces([xml])).toEqual(want);
    for (let i = 1; i < xml.length; i++) {
      expect(await inPieces([xml.slice(0, i), xml.slice(i)]), `cut at ${i}`).toEqual(want);
      expect(await inPieces([xml.slice(0, i), xml.slice(i, i + 1), xml.slice(i + 1)]), `cut at ${i} and ${i + 1}`).toEqual(want);
    }
  });

  it('refuses a last row or shared string never ended, however the text is cut', async () => {
    const xml = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></sheetData></worksheet>';
    for (let i = 1; i < xml.length; i += 7)
      await expect(inPieces([xml.slice(0, i), xml.slice(i)])).rejects.toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('工作表「表1」第 1 行附近') });
    const items: string[] = [];
    const strings = async function* () { yield '<sst><si><t>甲</t></si><si><t>乙</t></sst>'; };
    await expect((async () => { for await (const batch of streamElements(strings(), 'si')) items.push(...batch.map((e) => e.body)); })()).rejects.toMatchObject({ rule: 'file.corrupt' });
    expect(items).toEqual(['<t>甲</t>']);
  });
});

describe('the bytes of a part', () => {
  const decoded = async (pieces: Buffer[]) => {
    let out = '';
    for await (const text of decodedText(pieces, undefined)) out += text;
    return out;
  };

  it('decode as UTF-8 however they are cut, a character cut by a chunk decoded with the next', async () => {
    const text = '<t>污水𠮷排放口 ©é</t>';
    const bytes = Buffer.from(text);
    for (let i = 0; i <= bytes.length; i++)
      for (const j of [i, i + 1, i + 2]) expect(await decoded([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)]), `cut at ${i}, ${j}`).toBe(text);
  });

  it.each([
    ['a byte no UTF-8 has', Buffer.from([0x3c, 0x74, 0x3e, 0xff, 0x3c])],
    ['a character begun and not ended before the next', Buffer.from([0xe6, 0xb1, 0x3c])],
    ['the text ending within a character', Buffer.from([0x3c, 0xe6, 0xb1])],
    ['a part in UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>污水</t>', 'utf16le')])],
  ])('are refused with %s, as a decoder would have made it a \uFFFD', async (_, bytes) => {
    await expect(decoded([bytes])).rejects.toMatchObject({ rule: 'file.corrupt', message: expect.stringContaining('不是 UTF-8 编码的字节') });
  });
});
