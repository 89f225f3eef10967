import { reviewLedger } from '@tianbao/template-review-ledger';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BODY, HEADING, setupPdfmake } from '../src/fonts.ts';
import { PDFMAKE_VERSION, checkPdfmake, sharedInlineStyles } from '../src/pdfmake-internals/inline-styles.ts';
import { bytesOf, renderPdf } from '../src/render.ts';

/** A node whose style comes from its class (a getter, not enumerable), as pdfmake reads it (`node[property]`). */
const OWN_PROTOTYPE = new (class {
  text = '样式在类上';
  get color() {
    return 'green';
  }
})();

/** Text in every way a style reaches an inline: named styles (extended, in lists), a table's and a cell's, the text's own, pieces'. */
const STYLED: TDocumentDefinitions = {
  info: { creationDate: new Date('2024-06-26T00:00:00Z') },
  defaultStyle: { font: BODY, fontSize: 11, lineHeight: 1.3 },
  styles: {
    base: { color: '#333333', characterSpacing: 0.5 },
    strong: { extends: 'base', bold: true, decoration: 'underline' },
    loud: { extends: ['base', 'strong'], fontSize: 15, font: HEADING },
  },
  content: [
    { text: '  前导空格与段首缩进的一段文字，行尾也有空格  ', leadingIndent: 22, preserveTrailingSpaces: true },
    { text: ['普通', { text: '加粗引用', style: 'strong' }, { text: '大号', style: ['loud', 'base'] }, { text: '上标', sup: true }, { text: '下标', sub: true }] },
    { text: '整段命名样式，且有自己的颜色', style: 'loud', color: 'red' },
    {
      stack: [{ text: '上一层的颜色与字距，自己的颜色为空', color: null } as unknown as Content, OWN_PROTOTYPE],
      color: 'blue',
      characterSpacing: 1,
      decoration: 'lineThrough',
      decorationStyle: 'dashed',
    },
    {
      style: 'base',
      fontSize: 9,
      table: {
        body: [
          [{ text: '单元格', bold: true, alignment: 'center' }, { text: ['不换行的', { text: '2024-06-26', noWrap: true }], style: 'strong' }],
          [{ stack: [{ text: '叠放第一行' }, { text: '叠放第二行', opacity: 0.5, background: '#eeeeee' }] }, { text: 'Mixed 中英 text', italics: true }],
        ],
      },
    },
  ],
};

const render = async (doc: TDocumentDefinitions) => bytesOf(await setupPdfmake().createPdf(doc).getStream());

afterEach(() => sharedInlineStyles(true));

describe('the patch of pdfmake internals (styles looked up once per text)', () => {
  it('loads with pdfmake 0.3.11 and refuses another version, saying what to do', () => {
    expect(PDFMAKE_VERSION).toBe('0.3.11');
    expect(() => checkPdfmake()).not.toThrow();
    expect(() => checkPdfmake('0.3.12')).toThrow('packages/pdf/src/pdfmake-internals patches internals of pdfmake 0.3.11, but pdfmake 0.3.12 is installed');
  });

  it('gives the very bytes pdfmake gives, for styles of every kind and for a ledger', async () => {
    const ledger = reviewLedger.samples[2]!;
    const shared = [await render(STYLED), await renderPdf(reviewLedger, ledger)];
    sharedInlineStyles(false);
    const own = [await render(STYLED), await renderPdf(reviewLedger, ledger)];
    expect(Buffer.compare(shared[0]!, own[0]!)).toBe(0);
    expect(Buffer.compare(shared[1]!, own[1]!)).toBe(0);
  });
});
