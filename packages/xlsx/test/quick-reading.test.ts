import { describe, expect, it } from 'vitest';
import { PartScan } from '../src/part-scan.ts';
import { elements } from '../src/sheet/elements.ts';
import { parsedRuns } from '../src/sheet/slow-path.ts';
import { charData, runText } from '../src/sheet/xml.ts';
import type { CellSource } from '../src/sheet/cells.ts';
import { sheetRows, type Row } from '../src/sheet/rows.ts';

/**
 * The shortcuts of the quick reading: each taken only where it reads as the
 * long way does, and not where it would not.
 */

/** Whether a part arriving in these chunks was found plain. */
const plain = (...chunks: string[]) => {
  const scan = new PartScan('xl/worksheets/sheet1.xml', false);
  for (const c of chunks) scan.push(Buffer.from(c));
  return scan.plain;
};

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const ROW = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';

describe('a part with nothing the quick reading of a row leaves to the parser', () => {
  it('is plain after its XML declaration and the line break Excel puts after it', () => {
    expect(plain(`${DECLARATION}<worksheet><sheetData>${ROW}`, `${ROW}</sheetData></worksheet>`)).toBe(true);
  });

  it.each([
    ['a comment', `<!-- x -->${ROW}`],
    ['a processing instruction past the declaration', `<?mso x?>${ROW}`],
    ['an attribute in single quotes', ROW.replace('r="A1"', "r='A1'")],
    ['a line break inside a row', ROW.replace('<v>', '\n<v>')],
    ['a prefixed cell', ROW.replace(/<(\/?)c/g, '<$1x:c')],
  ])('is not plain with %s', (_, row) => {
    expect(plain(`${DECLARATION}<worksheet><sheetData>`, row, '</sheetData></worksheet>')).toBe(false);
  });

  it('is not plain with a comment or a prefix split between two chunks', () => {
    expect(plain(`${DECLARATION}<worksheet><sheetData>${ROW}<`, `!-- x -->${ROW}`)).toBe(false);
    expect(plain(`${DECLARATION}<worksheet><sheetData><row r="1"><x:`, 'c r="A1"/></row>')).toBe(false);
  });
});

describe('character data', () => {
  it('has every reference resolved as a parser resolves it, each character outside ASCII one too', () => {
    expect(charData('&#27745;&#x6C61;&#x41;&amp;&lt;&gt;&quot;&apos;&#128512;2024&#24180;')).toBe('污污A&<>"\'😀2024年');
  });

  // What XML allows at the edges of its characters, and what it does not: the quick reading and the parser agree on each.
  const ALLOWED = ['&#9;', '&#10;', '&#13;', '&#32;', '&#xD7FF;', '&#xE000;', '&#xFFFD;', '&#x10000;', '&#x10FFFF;', '&#00000065;'];
  const REFUSED = ['A & B', '&#;', '&#x;', '&#65', '&amp', '&nbsp;', '&ampx;', '&#6x5;', '&#X41;', '&#0;', '&#31;', '&#xD800;', '&#xDFFF;', '&#xFFFE;', '&#xFFFF;', '&#x110000;', '&#99999999999;'];

  it.each(ALLOWED)('resolves %s as the parser does', (ref) => {
    expect(charData(`x${ref}y`)).toBe(parsedRuns(`<!----><t>x${ref}y</t>`, '这段文字'));
  });

  it.each(REFUSED)('refuses %s as damaged, naming it, as the parser refuses it', (ref) => {
    const shown = /&[#\w]*;?/.exec(ref)![0];
    expect(() => charData(`文字${ref}文字`)).toThrow(expect.objectContaining({ rule: 'file.corrupt', message: expect.stringContaining(`「${shown}」`) }));
    expect(() => parsedRuns(`<!----><t>文字${ref}文字</t>`, '这段文字')).toThrow(expect.objectContaining({ rule: 'file.corrupt' }));
  });

  it('reads a string item of one run, and of several, alike', () => {
    expect(runText('<t xml:space="preserve"> &#27745;_x000D_ </t>')).toBe(' 污\r ');
    expect(runText('<t>&#27745;</t>')).toBe('污');
    expect(runText('<r><t>&#27745;</t></r><r><t>水</t></r>')).toBe('污水');
    expect(runText('<t/>')).toBe('');
  });
});

describe('end tags found by plain searches', () => {
  it('finds the first end tag, spaced or prefixed, before a plain one', () => {
    const xml = '<row r="1"><c/></row ><row r="2"><c/></x:row><row r="3"><c/></row>';
    expect(elements(xml, 'row').map((r) => r.attrs)).toEqual([' r="1"', ' r="2"', ' r="3"']);
    expect(elements(xml, 'row').map((r) => r.body)).toEqual(['<c/>', '<c/>', '<c/>']);
  });
});

describe('a cell read character by character', () => {
  /** The rows of this XML read quickly, and by the XML parser. */
  const bothWays = async (xml: string) => {
    const src: CellSource = { strings: ['甲', ''], dates: [false, true], date1904: false };
    const read = async (forceParser: boolean) => {
      const rows: Row[] = [];
      for await (const row of sheetRows((async function* () { yield xml; })(), src, '表1', { plain: !forceParser, forceParser })) rows.push(row);
      return rows;
    };
    return { quick: await read(false), parsed: await read(true) };
  };

  const numbers = ['113.268', '-0.5', '.5', '-.25', '1.', '-0', '0.0', '007', '35.2278', '0.1', '2.675', '123456789012345', '999999999999999.5', '1234567890123456', '0.1234567890123456789', '1e3', '+5', '.', '-', '1.2.3', '-1.5e-3', ' 7', '9007199254740993'];

  it('gives every number as parseFloat reads what is written, the sign of a zero too', async () => {
    const cells = numbers.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1"${i % 2 ? ' t="n"' : ''}><v>${v}</v></c>`).join('');
    const { quick, parsed } = await bothWays(`<row r="1">${cells}</row>`);
    expect(quick).toEqual(parsed);
    numbers.forEach((v, i) => {
      const want = parseFloat(v);
      expect(Object.is(quick[0]!.cells[i + 1] ?? NaN, Number.isNaN(want) ? NaN : want), v).toBe(true);
    });
  });

  it('gives a date for a number styled as one, and reads shared strings, inline strings and other cells as the parser does', async () => {
    const row =
      '<row r="2"><c r="A2" s="1"><v>45260.5</v></c><c r="B2" s="1" t="n"><v>-1</v></c><c t="s"><v>0</v></c><c t="s"><v>1</v></c>' +
      '<c t="s"><v>9999999999</v></c><c t="s"><v>-1</v></c><c t="s"><v>1.0</v></c><c r="H2"><v>5</v><f>A1</f></c><c r="I2"><f>A1</f><v>6</v></c>' +
      '<c r="J2" t="inlineStr"><is><t>x&#27745;</t></is></c><c r="K2" t="s" s="0"><v>0</v></c><c r="L2"><v></v></c><c r="M2"><f>A1</f></c>' +
      '<c r="N2" t="str"><v>12.5</v></c><c r="O2" t="b"><v>1</v></c><c r="P2"/><c r="Q2" t="n" s="1"><v>45260</v></c></row>';
    const { quick, parsed } = await bothWays(row);
    expect(quick).toEqual(parsed);
    expect(quick[0]!.cells[1]).toEqual(new Date(Date.UTC(2023, 10, 30, 12)));
    expect(quick[0]!.cells.slice(3, 5)).toEqual(['甲', undefined]);
    expect(quick[0]!.uncached).toEqual([13]);
  });

  it('reads a cell whose attributes are spaced around their `=` as the parser does, the rest of its row too', async () => {
    const row = '<row r="4"><c r="B4" t="s"><v>0</v></c><c  r = "C4"  s = "1"  t = "s" ><v>0</v></c><c r="D4" s="1"><v>45260</v></c><c r ="E4" t= "n"><v>5</v></c></row>';
    const { quick, parsed } = await bothWays(row);
    expect(quick).toEqual(parsed);
    expect(quick[0]!.cells.slice(2, 6)).toEqual(['甲', '甲', new Date(Date.UTC(2023, 10, 30)), 5]);
  });
});
