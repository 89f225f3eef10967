import { deflateAhead as deflateStreamAhead, type Reference } from './content-streams.ts';
import { deflateSubsetAhead } from './font-subsets.ts';
import { deflateCmapAhead } from './unicode-cmaps.ts';

/** What of a pdfkit document, laid out and drawn, not yet ended, is deflated ahead. */
interface DrawnDocument {
  /** The pages not yet written out (all of them: pdfmake buffers pages). */
  _pageBuffer: { content: Reference }[];
  /** The fonts it sets text in (`EmbeddedFont`s, each with its subset; the standard fonts have none). */
  _fontFamilies: Record<string, { subset?: object }>;
}

/**
 * Deflate the largest streams of a drawn document on Node's thread pool, before
 * it is ended: each page's content, each font's subset file and CMap, some 2 ms of
 * a ledger's 15. Ending it (`doc.end()`, synchronous) then writes them as
 * they are, the same bytes it would have deflated itself; meanwhile the
 * process is free for other work, such as the ledger's workbook made beside
 * its PDF (apps/cli, `makeOutputs`).
 */
export async function deflateAhead(doc: object): Promise<void> {
  const { _pageBuffer: pages, _fontFamilies: fonts } = doc as DrawnDocument;
  await Promise.all([
    ...pages.map((page) => deflateStreamAhead(page.content)),
    ...Object.values(fonts).flatMap((font) => (font.subset ? [deflateSubsetAhead(font.subset), deflateCmapAhead(font)] : [])),
  ]);
}
