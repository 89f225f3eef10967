import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import '../src/pdfkit-internals/index.ts';
import { pdfkitPath } from '../src/pdfkit-internals/versions.ts';

type Doc = PDFKit.PDFDocument & { on(event: string, listener: (chunk?: Buffer) => void): Doc; addSpotColor(name: string, c: number, m: number, y: number, k: number): Doc };
type PDFDocument = new (options: object) => Doc;

const require = createRequire(import.meta.url);
const patched: PDFDocument = require(pdfkitPath);

/** pdfkit as installed, loaded afresh beside the patched one. */
function unpatched(): PDFDocument {
  const cached = require.cache[pdfkitPath];
  delete require.cache[pdfkitPath];
  try {
    return require(pdfkitPath);
  } finally {
    require.cache[pdfkitPath] = cached;
  }
}

/** Colours, opacities and transforms of every kind pdfkit takes, drawn and written out. */
function drawn(Document: PDFDocument): Promise<Buffer> {
  const doc = new Document({ compress: false, info: { CreationDate: new Date('2024-06-26T00:00:00Z') } });
  doc.addSpotColor('专色', 0, 100, 0, 0);
  for (const color of ['#c00000', '#abc', 'black', 'red', 'no-such-colour', '专色', [255, 0, 0], [0, 100, 0, 0]] as const) {
    doc.fillColor(color as PDFKit.Mixins.ColorValue, 0.5).strokeColor(color as PDFKit.Mixins.ColorValue).rect(10, 10, 50, 50).fillAndStroke();
    doc.fillColor(color as PDFKit.Mixins.ColorValue);
  }
  doc.opacity(0.12).fillOpacity(2).strokeOpacity(-1).opacity(0.12);
  doc.save().transform(1, 0, 0, -1, 0, 841.89).translate(12.3456789, -0.0000004).scale(1.5).rotate(30).transform(1, 0, 0, 1, 0, 0).restore();
  doc.addPage().opacity(0.12).fillColor('#c00000').text('x', 20, 20);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk) => chunks.push(chunk!));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

describe('the patches of pdfkit drawing (transforms, colours, opacities)', () => {
  it('write what pdfkit itself writes', async () => {
    const [ours, theirs] = [await drawn(patched), await drawn(unpatched())];
    expect(ours.toString('latin1')).toContain('0.866025 0.5 -0.5 0.866025 0 0 cm');
    expect(ours.toString('latin1')).toBe(theirs.toString('latin1'));
  });
});
