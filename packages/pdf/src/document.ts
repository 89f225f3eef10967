import { titleFor, type FormDefinition, type OutputContext, type PrintBlock } from '@tianbao/form';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { barsBlock } from './chart.ts';
import { BODY, HEADING } from './fonts.ts';
import { bodyLineHeight, widthOf } from './measure.ts';
import { MM, pageFor, usableHeight, usableWidth, type Paper } from './page.ts';
import { formBlock, phrasedTitle } from './form-block.ts';
import type { TextStyle } from './sized-table.ts';
import { linesBlock, tableBlock } from './tables.ts';

export interface DocumentOptions {
  paper?: Paper;
  /** Body size in points, in place of the form's. */
  fontSize?: number;
  /** The page of each body row in a first layout: a merged label is printed on each page its rows go over. */
  rowPages?: readonly number[];
}

/** Em from one line of text to the next in an official document: GB/T 9704's 22 lines of 16 pt on 225 mm. */
const TEXT_PITCH = (225 * MM) / 22 / 16;

/**
 * The pdfmake document of one filled form, laid out by the form's print
 * sections; when it is the form alone, its estimated height in points; and
 * whether it holds a list of growing rows, which takes the pages it needs.
 */
export function formDocument(
  def: FormDefinition<any>,
  data: Record<string, any>,
  ctx: OutputContext,
  opts: DocumentOptions = {},
): { doc: TDocumentDefinitions; height?: number; growing: boolean } {
  const page = pageFor(def.print.orientation, opts.paper);
  const usable = usableWidth(page);
  const fontSize = opts.fontSize ?? def.print.fontSize ?? 12;
  // Text lines as far apart as GB/T 9704's (22 lines on 225 mm); a dense form's closer.
  const lineHeight = (def.print.fontSize ?? 12) < 10 ? 1.15 : TEXT_PITCH / bodyLineHeight();
  const style: TextStyle = { fontSize, lineHeight, usable, measure: widthOf };
  const blocks: PrintBlock[] = def.print.blocks?.(data, ctx) ?? [{ kind: 'form' }];
  const content: Content[] = [];
  let height: number | undefined;
  let breakNext = false;
  for (const block of blocks) {
    if (block.kind === 'pageBreak') {
      breakNext = true;
      continue;
    }
    const pieces = render(block);
    if (breakNext && pieces[0]) pieces[0] = { stack: [pieces[0]], pageBreak: 'before' };
    breakNext = false;
    content.push(...pieces);
  }

  function render(block: Exclude<PrintBlock, { kind: 'pageBreak' }>): Content[] {
    switch (block.kind) {
      case 'form': {
        const form = formBlock(def, data, style, usableHeight(page), opts.rowPages);
        height = blocks.length === 1 ? form.height : undefined;
        return form.content;
      }
      case 'title':
        return [phrasedTitle(block.lines, usable, widthOf)];
      case 'heading':
        return [{ text: block.text, font: HEADING, fontSize: fontSize + 2, margin: [0, 6, 0, 6] }];
      case 'paragraph':
        // A short paragraph goes whole to the next page rather than leave its last lines there alone.
        return [{ text: block.text, leadingIndent: 2 * fontSize, margin: [0, 4, 0, 0], unbreakable: true }];
      case 'lines':
        return [linesBlock(block.rows, block.widths, fontSize)];
      case 'table':
        return [tableBlock(block.table, style)];
      case 'bars':
        return [barsBlock(block.chart, block.caption, usable)];
    }
  }

  const title = titleFor(def.layout, data.unit ?? def.layout.placeholder);
  const doc: TDocumentDefinitions = {
    pageSize: page.paper,
    pageOrientation: def.print.orientation,
    pageMargins: page.margins,
    // Dated by its day, not the clock: the same input gives the same bytes.
    info: { title, subject: def.name, keywords: 'tianbao', creator: 'tianbao', producer: 'tianbao', creationDate: new Date(`${ctx.asOf}T00:00:00Z`), ...(ctx.digest && { TianbaoDigest: ctx.digest }) },
    defaultStyle: { font: BODY, fontSize, lineHeight },
    content,
    // Page numbers as in official documents: outside edge, odd right, even left.
    footer: (n) => ({
      text: `— ${n} —`,
      font: BODY,
      fontSize: 14,
      lineHeight: 1,
      alignment: n % 2 === 1 ? 'right' : 'left',
      margin: [page.margins[0], 20, page.margins[2], 0],
    }),
  };
  return { doc, height, growing: !def.layout.rows && blocks.some((b) => b.kind === 'form') };
}
