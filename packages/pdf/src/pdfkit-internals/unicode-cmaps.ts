import { deflateSync } from 'node:zlib';
import { deflateLater } from '@tianbao/form';
import { patchEmbeddedFont } from './embedded-font.ts';

/** A pdfkit stream object, as `toUnicodeCmap` writes it. */
interface Stream {
  buffer: Uint8Array[];
  compress: boolean;
  write(chunk: Uint8Array): void;
  end(): void;
}

/** What of pdfkit's `EmbeddedFont` its `toUnicodeCmap` uses: the code points of each glyph in the subset, by id. */
interface EmbeddedFont {
  document: { ref(): Stream };
  unicode: number[][];
  toUnicodeCmap(): Stream;
}

/** CMaps kept deflated, the most recently written (16 subset files kept for each of a form's few fonts). */
const MAX_CMAPS = 64;
const deflatedCmaps = new Map<string, Buffer>();

/** pdfkit's `toHex`: the last four hex digits. */
const toHex = (n: number) => `0000${n.toString(16)}`.slice(-4);

/** The text of pdfkit 0.19.1's ToUnicode CMap of a subset whose glyphs have `unicode` code points. */
function cmapText(unicode: number[][]): string {
  const entries: string[] = [];
  for (const codePoints of unicode) {
    const encoded: string[] = [];
    for (let value of codePoints) {
      if (value > 0xffff) {
        value -= 0x10000;
        encoded.push(toHex(((value >>> 10) & 0x3ff) | 0xd800));
        value = 0xdc00 | (value & 0x3ff);
      }
      encoded.push(toHex(value));
    }
    entries.push(`<${encoded.join(' ')}>`);
  }
  const ranges: string[] = [];
  for (let start = 0; start < entries.length; start += 256) {
    const end = Math.min(start + 256, entries.length);
    ranges.push(`<${toHex(start)}> <${toHex(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${ranges.length} beginbfrange
${ranges.join('\n')}
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

/** `text`'s CMap bytes, as pdfkit writes them: its bytes as a line of text. */
const cmapBytes = (text: string) => Buffer.from(`${text}\n`, 'latin1');

/** Keep `deflated` as `text`'s, the most recently written: the least recently written is forgotten first. */
function keep(text: string, deflated: Buffer): void {
  if (!deflatedCmaps.delete(text) && deflatedCmaps.size >= MAX_CMAPS) deflatedCmaps.delete(deflatedCmaps.keys().next().value!);
  deflatedCmaps.set(text, deflated);
}

/**
 * Deflate, on the thread pool (see `deflateLater`), the CMap `font` (an
 * `EmbeddedFont` with its subset) will write, unless known: the document,
 * ended, then writes it with no wait. Every glyph it sets must be in its subset by then.
 */
export async function deflateCmapAhead(font: object): Promise<void> {
  const text = cmapText((font as EmbeddedFont).unicode);
  if (!deflatedCmaps.has(text)) keep(text, await deflateLater(cmapBytes(text)));
}

/**
 * pdfkit writes each font's ToUnicode CMap (the text its glyphs stand for)
 * and deflates it in every document. A batch of one form embeds the same
 * subsets again and again (font-subsets.ts), and so the same CMaps: here the
 * same CMap text written as pdfkit writes it (its bytes as a line of text) is
 * deflated once for the process, as pdfkit deflates it.
 */
patchEmbeddedFont((prototype) => {
  (prototype as EmbeddedFont).toUnicodeCmap = function (this: EmbeddedFont) {
    const cmap = this.document.ref();
    const text = cmapText(this.unicode);
    // pdfkit's `write` of a text: its bytes and a newline, counted in Length and marked FlateDecode if compressed.
    const bytes = cmapBytes(text);
    cmap.write(bytes);
    if (cmap.compress) {
      const deflated = deflatedCmaps.get(text) ?? deflateSync(bytes);
      keep(text, deflated);
      // Written as given: its Length set from these bytes.
      [cmap.buffer, cmap.compress] = [[deflated], false];
    }
    cmap.end();
    return cmap;
  };
});
