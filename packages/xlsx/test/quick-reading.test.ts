import { describe, expect, it } from 'vitest';
import { PartScan } from '../src/part-scan.ts';
import { elements } from '../src/sheet/elements.ts';
import { charData, runText } from '../src/sheet/xml.ts';

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
    expect(charData('&#27745;&#x6C61;&#X41;&amp;&lt;&gt;&quot;&apos;&#128512;2024&#24180;')).toBe('污污&#X41;&<>"\'😀2024年');
  });

  it('keeps an `&` that begins no reference as written', () => {
    expect(charData('A & B &#; &#x; &#65 &nbsp; &ampx; &#6x5;')).toBe('A & B &#; &#x; &#65 &nbsp; &ampx; &#6x5;');
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
