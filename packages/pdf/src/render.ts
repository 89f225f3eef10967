import { bodyRows, defaultUnits, outputContext, Refusal, type FormDefinition, type OutputContext } from '@tianbao/form';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { formDocuments } from './document.ts';
import { ROW_ID } from './form-block.ts';
import { PDF_INFO_KEYS } from './info.ts';
import { setupPdfmake } from './fonts.ts';
import { printable } from './measure.ts';
import { deflateAhead } from './pdfkit-internals/index.ts';
import { MAX_LINE_CHARS, measureText } from './long-text.ts';
import { fittingSize } from './one-page.ts';
import { pageFor, usableHeight, type Paper } from './page.ts';

/** After a refusal: the workbook, written as a stream, has no such limit. */
const XLSX_UNLIMITED = '（XLSX 不受此限）';

type Laid = PDFKit.PDFDocument;

/**
 * The printed form, as PDF bytes, on A4 or (`paper`) A3. pdfmake lays a whole
 * document out in memory, so a document past its form's `print.limits` (table
 * rows, printed characters), or with a line too long to lay out in good time,
 * is refused before any layout: throws a `Refusal` (`pdf.too-many-rows`,
 * `pdf.too-many-chars`, `pdf.line-too-long`) saying what to do. A form of
 * fixed rows (the ledger) or of text alone (the roster) that runs onto a
 * second page is set a little smaller when that puts it on one. A `draft` (data with errors) is marked 草稿
 * across every page. `unprintable`, when given, is filled with each
 * character the font has no glyph for (printed as an empty box), and the
 * first text it is in.
 */
export async function renderPdf(
  def: FormDefinition<any>,
  data: Record<string, any>,
  ctx: OutputContext = outputContext(data, defaultUnits),
  opts: { paper?: Paper; draft?: boolean; unprintable?: Map<string, string> } = {},
): Promise<Buffer> {
  const limits = def.print.limits;
  const rows = bodyRows(def.layout, data).length;
  if (rows > limits.rows)
    throw new Refusal('pdf.too-many-rows', `表格有 ${rows} 行，超过单份 PDF 的上限 ${limits.rows} 行，未生成 PDF。请按单位拆分数据后分别生成${XLSX_UNLIMITED}`);
  const documentAt = formDocuments(def, data, ctx, opts.paper);
  const first = documentAt();
  const { chars, longestLine, unprintable } = measureText(first.doc.content, printable);
  for (const [c, text] of unprintable) opts.unprintable?.set(c, text);
  if (chars > limits.chars)
    throw new Refusal('pdf.too-many-chars', `打印内容有 ${chars} 个字符，超过单份 PDF 的上限 ${limits.chars} 个字符，未生成 PDF。请精简文字，或按单位拆分数据后分别生成${XLSX_UNLIMITED}`);
  if (longestLine.length > MAX_LINE_CHARS)
    throw new Refusal(
      'pdf.line-too-long',
      `「${longestLine.slice(0, 12)}…」这段文字有 ${longestLine.length} 个字符，超过 PDF 中一段文字的上限 ${MAX_LINE_CHARS} 个字符，未生成 PDF。${def.print.longLine ?? '请分段（换行）或精简'}${XLSX_UNLIMITED}`,
    );
  if (first.growing) return bytesOf((await layOut(first.doc, opts.draft)).doc);

  // A one-page form: the largest size at which it prints on one page, else its own size. Text alone has
  // no estimate: a page of it lays out in moments.
  const { sizes, at, fitting } = fittingSize(documentAt, first, def.print.fontSize ?? 12, usableHeight(pageFor(def.print.orientation, opts.paper)));
  // Laid out from the first whose estimate fits down, until one page holds it.
  let laidOwn: { rowPages: number[] } | undefined;
  for (let i = fitting; i < sizes.length; i++) {
    if (i > 0) measureText(at(i).doc.content);
    const laid = await layOut(at(i).doc, opts.draft);
    if (pageCount(laid.doc) === 1) return bytesOf(laid.doc);
    if (i === 0) laidOwn = laid;
  }
  // Over several pages at its own size: laid out again, a merged label on each page its rows go over.
  const { rowPages } = laidOwn ?? (await layOut(first.doc, opts.draft));
  return bytesOf((await layOut(documentAt({ rowPages }).doc, opts.draft)).doc);
}

const DRAFT_INFO = { [PDF_INFO_KEYS.draft]: '1' };

/**
 * The document laid out and drawn by pdfmake, not yet written, and the page
 * of each of its form's body rows. A draft (`draft`) is marked 草稿 across
 * every page, and `PDF_INFO_KEYS.draft` in its information dictionary, where the CLI looks for it.
 */
async function layOut(doc: TDocumentDefinitions, draft?: boolean): Promise<{ doc: Laid; rowPages: number[] }> {
  const pages: number[] = [];
  // pdfmake shows each laid-out node to this hook, with its pages; it breaks no page here.
  const pageBreakBefore = (node: { id?: string; pageNumbers: number[] }) => {
    const row = ROW_ID.exec(node.id ?? '')?.[1];
    if (row !== undefined) pages[Number(row)] = node.pageNumbers[0]!;
    return false;
  };
  // pdfmake fills in the watermark object it is given: a new one each time.
  const laid = await setupPdfmake()
    .createPdf({ ...doc, pageBreakBefore, ...(draft && { info: { ...doc.info, ...DRAFT_INFO }, watermark: { text: '草稿', color: '#c00000', opacity: 0.12 } }) })
    .getStream();
  // A row with nothing printed outside its merged column goes with the row before it.
  const rowPages: number[] = [];
  for (let i = 0; i < pages.length; i++) rowPages.push(pages[i] ?? rowPages[i - 1] ?? 1);
  return { doc: laid, rowPages };
}

/** pdfkit writes out each page as the next begins; the range is the pages written and the one open. */
export function pageCount(laid: Laid): number {
  const { start, count } = laid.bufferedPageRange();
  return start + count;
}

/** Ends the document and collects its bytes, its largest streams deflated first on the thread pool (see `deflateAhead`). */
export async function bytesOf(laid: Laid): Promise<Buffer> {
  await deflateAhead(laid);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    laid.on('data', (chunk: Buffer) => chunks.push(chunk));
    laid.on('end', () => resolve(Buffer.concat(chunks)));
    laid.on('error', reject);
    laid.end();
  });
}
