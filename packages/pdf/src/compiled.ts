import { Refusal, bodyRows, formatDateCn, type Compiled, type FormDefinition } from '@tianbao/form';
import type { Content, ContentTable, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { TEXT_PITCH, formDocuments, pageNumbers } from './document.ts';
import { BODY, setupPdfmake } from './fonts.ts';
import { ROW_ID, phrasedTitle } from './form-block.ts';
import { bodyLineHeight, printable, widthOf } from './measure.ts';
import { pageFor, usableHeight, usableWidth, type Paper } from './page.ts';
import { measureText } from './long-text.ts';
import { fittingSize, onePageSizes } from './one-page.ts';
import { bytesOf, pageCount } from './render.ts';
import { computedText, tableBlock } from './tables.ts';

/** The cover's size when it fits one page so: 五号. */
const COVER_SIZE = 10.5;

/**
 * A compilation as one PDF: a cover with 报送情况, the counts, what is
 * wrong across the units and the files used for none, then each unit's form in the list's order, each
 * from a new page under a bookmark of its unit (or the city-wide form); pages numbered through. A form that fits on one page at a
 * smaller size (down to 小五) is set at that size, as its own PDF is. Dated
 * by its as-of day, so the same returns give the same bytes. `unprintable`,
 * when given, is filled as `renderPdf` fills it, from the units' forms.
 */
export async function renderCompiledPdf(def: FormDefinition<any>, compiled: Compiled, paper?: Paper, unprintable?: Map<string, string>): Promise<Buffer> {
  // pdfmake lays a whole document out in memory: the compiled one is held to the form's own limits, its
  // rows before anything is set, its characters once its units are (the cover, its fonts' and layout's work after).
  const { limits } = def.print;
  const refused = (rule: string, what: string) => new Refusal(rule, `汇总的内容有 ${what}，未生成汇总 PDF；汇总工作簿不受此限（--format xlsx）`);
  const rows = compiled.whole ? bodyRows(def.layout, compiled.whole).length : 0;
  if (rows > limits.rows) throw refused('pdf.too-many-rows', `${rows} 行，超过单份 PDF 的上限 ${limits.rows} 行`);
  // The form's title carries the bookmark; its text is set as in its own PDF.
  const form = async (data: Record<string, any>, mark: string): Promise<Content> => {
    const made = await formDocument(def, data, compiled, paper);
    const [title, ...rest] = withoutRowIds(made.content) as Content[];
    const { fontSize, lineHeight } = made.defaultStyle ?? {};
    return { stack: [{ ...(title as object), outline: true, outlineText: mark } as Content, ...rest], fontSize, lineHeight, pageBreak: 'before' };
  };
  const units: Content[] = [];
  // One at a time: a form of text alone is laid out to be sized (see `formDocument`).
  for (const [data, mark] of compiled.whole ? [[compiled.whole, compiled.units.city.name] as const] : compiled.parts.map((p) => [p.data, p.unit] as const))
    units.push(await form(data, mark));
  const measured = measureText(units, printable);
  for (const [c, text] of measured.unprintable) unprintable?.set(c, text);
  const { chars } = measured;
  if (chars > limits.chars) throw refused('pdf.too-many-chars', `${chars} 个字符，超过单份 PDF 的上限 ${limits.chars} 个字符`);
  const page = pageFor(def.print.orientation, paper);
  const usable = usableWidth(page);
  const lineHeight = TEXT_PITCH / bodyLineHeight();
  const text = computedText(compiled.submissions, widthOf);
  const coverAt = (fontSize: number): Content[] => [
    { ...(phrasedTitle([[compiled.title]], usable, widthOf) as object), outline: true, outlineText: '报送情况' } as Content,
    { text: `截至${formatDateCn(compiled.asOf)}　${compiled.counts}`, margin: [0, 0, 0, 8] },
    ...compiled.faults.map((text): Content => ({ text, color: '#c00000', margin: [0, 0, 0, 4] })),
    unbroken(tableBlock(compiled.submissions, text, { fontSize, lineHeight, usable, measure: widthOf })),
    ...compiled.others.map((text, i): Content => ({ text, margin: [0, i ? 2 : 8, 0, 0] })),
  ];
  const docAt = (fontSize: number, content: Content[]): TDocumentDefinitions => ({
    pageSize: page.paper,
    pageOrientation: def.print.orientation,
    pageMargins: page.margins,
    info: { title: compiled.title, subject: def.name, keywords: 'tianbao', creator: 'tianbao', producer: 'tianbao', creationDate: new Date(`${compiled.asOf}T00:00:00Z`) },
    defaultStyle: { font: BODY, fontSize, lineHeight },
    content,
    footer: pageNumbers(page),
  });
  const size = await coverSize((s) => docAt(s, coverAt(s)));
  return bytesOf(await setupPdfmake().createPdf(docAt(size, [...coverAt(size), ...units])).getStream());
}

/** The cover's size: the largest from 五号 (10.5 pt) down to 小五 at which it lays out on one page (a page a unit), else 五号. */
async function coverSize(coverAt: (fontSize: number) => TDocumentDefinitions): Promise<number> {
  const sizes = onePageSizes(COVER_SIZE);
  for (const size of sizes) if ((await pagesOf(coverAt(size))) === 1) return size;
  return COVER_SIZE;
}

/**
 * One unit's form as its own PDF sets it (`renderPdf`): a form of fixed rows at the largest size whose estimate
 * fits one page; one of text alone (the roster), which has no estimate, at the largest whose layout is one page; else at its own.
 */
async function formDocument(def: FormDefinition<any>, data: Record<string, any>, compiled: Compiled, paper?: Paper): Promise<TDocumentDefinitions> {
  const documentAt = formDocuments(def, data, { units: compiled.units, asOf: compiled.asOf }, paper);
  const first = documentAt();
  if (first.growing) return first.doc;
  const { sizes, at, fitting } = fittingSize(documentAt, first, def.print.fontSize ?? 12, usableHeight(pageFor(def.print.orientation, paper)));
  if (first.height !== undefined) return fitting < sizes.length ? at(fitting).doc : first.doc;
  for (let i = fitting; i < sizes.length; i++) if ((await pagesOf(at(i).doc)) === 1) return at(i).doc;
  return first.doc;
}

/** How many pages a document lays out on. */
async function pagesOf(doc: TDocumentDefinitions): Promise<number> {
  const laid = await setupPdfmake().createPdf(doc).getStream();
  const pages = pageCount(laid);
  laid.end();
  return pages;
}

/** A form's content without the ids its rows are found by when it is laid out alone: in one document with others they would clash. */
function withoutRowIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRowIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => !(k === 'id' && typeof v === 'string' && ROW_ID.test(v)))
      .map(([k, v]) => [k, withoutRowIds(v)]),
  );
}

/** A table whose rows each stay on one page. */
function unbroken(table: Content): Content {
  const t = table as ContentTable;
  return { ...t, table: { ...t.table, dontBreakRows: true } };
}
