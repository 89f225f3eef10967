import { createRequire, syncBuiltinESMExports } from 'node:module';
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { deflateAhead } from '../src/pdfkit-internals/index.ts';
import { pdfkitPath } from '../src/pdfkit-internals/versions.ts';
import { fontFile } from '../src/font-files.ts';
import { loadedAfresh } from './afresh.ts';

type Doc = PDFKit.PDFDocument & { on(event: string, listener: (chunk?: Buffer) => void): Doc; addSpotColor(name: string, c: number, m: number, y: number, k: number): Doc };
type PDFDocument = new (options: object) => Doc;

const require = createRequire(import.meta.url);
const patched: PDFDocument = require(pdfkitPath);

/** pdfkit as installed, loaded afresh beside the patched one. */
const unpatched = () => loadedAfresh<PDFDocument>(pdfkitPath);

/**
 * A document pdfkit writes out, made by `draw`, its streams deflated or not, its pages kept until it ends
 * (`buffered`, as pdfmake has them), its streams first deflated by `deflateAhead` (`ahead`), `ending` called before it ends.
 */
async function written(
  Document: PDFDocument,
  draw: (doc: Doc) => void,
  compress = false,
  { buffered = false, ahead = false, ending = () => {} } = {},
): Promise<Buffer> {
  const doc = new Document({ compress, bufferPages: buffered, info: { CreationDate: new Date('2024-06-26T00:00:00Z') } });
  draw(doc);
  if (ahead) await deflateAhead(doc);
  ending();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk) => chunks.push(chunk!));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

/** Colours, opacities and transforms of every kind pdfkit takes. */
function colored(doc: Doc): void {
  doc.addSpotColor('专色', 0, 100, 0, 0);
  for (const color of ['#c00000', '#abc', 'black', 'red', 'no-such-colour', '专色', [255, 0, 0], [0, 100, 0, 0]] as const) {
    doc.fillColor(color as PDFKit.Mixins.ColorValue, 0.5).strokeColor(color as PDFKit.Mixins.ColorValue).rect(10, 10, 50, 50).fillAndStroke();
    doc.fillColor(color as PDFKit.Mixins.ColorValue);
  }
  doc.opacity(0.12).fillOpacity(2).strokeOpacity(-1).opacity(0.12);
  doc.save().transform(1, 0, 0, -1, 0, 841.89).translate(12.3456789, -0.0000004).scale(1.5).rotate(30).transform(1, 0, 0, 1, 0, 0).restore();
  doc.addPage().opacity(0.12).fillColor('#c00000').text('x', 20, 20);
}

/** Texts in two embedded fonts, again and again, spaced, justified, measured, with features and offsets. */
function texts(doc: Doc): void {
  const widths: number[] = [];
  for (const [i, font] of (['NotoSerifSC-Regular.ttf', 'NotoSansSC-Bold.ttf', 'NotoSerifSC-Regular.ttf'] as const).entries()) {
    doc.font(fontFile(font)).fontSize(9 + i);
    for (const text of ['审核台账 第一页', '审核台账 第一页', 'Unit 12 号\t  A–Z ƒ 𠀀', '', '一 二 三 四 五 六 七 八 九 十 一 二 三']) {
      doc.text(text, 20, 40 + 30 * i);
      doc.text(text, 20, 200, { width: 300, align: 'justify' });
      doc.text(text, 20, 300, { features: ['vert'] });
      widths.push(doc.widthOfString(text));
    }
  }
  doc.text(widths.map((w) => w.toFixed(6)).join(' '), 20, 400);
}

describe('the patches of pdfkit drawing (transforms, colours, opacities)', () => {
  it('write what pdfkit itself writes', async () => {
    const [ours, theirs] = [await written(patched, colored), await written(unpatched(), colored)];
    expect(ours.toString('latin1')).toContain('0.866025 0.5 -0.5 0.866025 0 0 cm');
    expect(ours.toString('latin1')).toBe(theirs.toString('latin1'));
  });
});

describe('the text of a stream (made bytes in pieces)', () => {
  /** A page whose content (some 50 kB) is many pieces long, and a text after it on a page of its own. */
  const long = (doc: Doc) => {
    for (let i = 0; i < 2000; i++) doc.rect(i % 500, i / 4, 10.125, 3.5).stroke();
    doc.addPage().font(fontFile('NotoSerifSC-Regular.ttf')).text('长页之后', 20, 20);
  };

  it('write what pdfkit itself writes, deflated or not, ahead or not', async () => {
    const plain = await written(patched, long);
    expect(plain.length).toBeGreaterThan(40_000);
    expect(plain.equals(await written(unpatched(), long))).toBe(true);
    const theirs = await written(unpatched(), long, true, { buffered: true });
    for (const ahead of [false, true]) expect((await written(patched, long, true, { buffered: true, ahead })).equals(theirs)).toBe(true);
  });
});

describe('the patches of pdfkit text (texts laid out and encoded once, CMaps deflated once)', () => {
  it('write what pdfkit itself writes', async () => {
    const [ours, theirs] = [await written(patched, texts), await written(unpatched(), texts)];
    expect(ours.toString('latin1')).toMatch(/\[<[0-9a-f]{8,}> 0\] TJ/);
    expect(ours.toString('latin1')).toContain('beginbfrange');
    expect(ours.toString('latin1')).toBe(theirs.toString('latin1'));
  });

  it('write what pdfkit itself writes deflated, the CMaps of a document written again taken as first deflated', async () => {
    const theirs = await written(unpatched(), texts, true);
    for (let i = 0; i < 2; i++) expect((await written(patched, texts, true)).equals(theirs)).toBe(true);
  });

  it('write what pdfkit itself writes with the page contents, font files and CMaps deflated ahead', async () => {
    // A text on a page of its own, never set before (its size in it): a subset file and a CMap not yet made, nor deflated.
    const draw = (size: number) => (doc: Doc) => (texts(doc), doc.addPage().font(fontFile('NotoSansSC-Bold.ttf')).fontSize(size).text(`深度预先压缩 ${size}`, 20, 20));
    const deflated: number[] = [];
    /** What ending the document deflates itself, from now on. */
    const watchEnding = () => {
      const deflate = zlib.deflateSync;
      vi.spyOn(zlib, 'deflateSync').mockImplementation((buf, options) => (deflated.push((buf as Buffer).length), deflate(buf, options)));
      // The named export too, as unicode-cmaps.ts imports it.
      syncBuiltinESMExports();
    };
    try {
      for (const [size, ahead] of [[7, false], [8, true]] as const) {
        const theirs = await written(unpatched(), draw(size), true, { buffered: true });
        deflated.length = 0;
        const ours = await written(patched, draw(size), true, { buffered: true, ahead, ending: watchEnding });
        vi.restoreAllMocks();
        syncBuiltinESMExports();
        expect(ours.equals(theirs)).toBe(true);
        // Not ahead, ending deflates them; ahead, nothing is left to deflate.
        expect(deflated.length > 0).toBe(!ahead);
      }
    } finally {
      vi.restoreAllMocks();
      syncBuiltinESMExports();
    }
  });
});
