import { titleFor, type FormDefinition, type OutputContext, type PrintBlock } from '@tianbao/form';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { barsBlock } from './chart.ts';
import { BODY, HEADING } from './fonts.ts';
import { pageFor, usableWidth } from './page.ts';
import { formBlock, linesBlock, tableBlock, titleBlock } from './tables.ts';

/** The pdfmake document of one filled form, laid out by the form's print sections. */
export function formDocument(def: FormDefinition<any>, data: Record<string, any>, ctx: OutputContext): TDocumentDefinitions {
  const page = pageFor(def.print.orientation);
  const usable = usableWidth(page);
  const fontSize = def.print.fontSize ?? 12;
  const blocks: PrintBlock[] = def.print.blocks?.(data, ctx) ?? [{ kind: 'form' }];
  const content: Content[] = [];
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
      case 'form':
        return formBlock(def, data, usable, fontSize, page.height - page.margins[1] - page.margins[3]);
      case 'title':
        return [titleBlock(block.text)];
      case 'heading':
        return [{ text: block.text, font: HEADING, fontSize: fontSize + 2, margin: [0, 6, 0, 6] }];
      case 'paragraph':
        return [{ text: block.text, leadingIndent: 2 * fontSize, margin: [0, 4, 0, 0] }];
      case 'lines':
        return [linesBlock(block.rows, block.widths, fontSize)];
      case 'table':
        return [tableBlock(block.table, usable, fontSize)];
      case 'bars':
        return [barsBlock(block.chart, block.caption, usable)];
    }
  }

  const title = titleFor(def.layout, data.unit ?? def.layout.placeholder);
  return {
    pageSize: 'A4',
    pageOrientation: def.print.orientation,
    pageMargins: page.margins,
    // Dated by its day, not the clock: the same input gives the same bytes.
    info: { title, subject: def.name, keywords: 'tianbao', creator: 'tianbao', producer: 'tianbao', creationDate: new Date(`${ctx.asOf}T00:00:00Z`) },
    // Dense tables print with tighter lines.
    defaultStyle: { font: BODY, fontSize, lineHeight: fontSize < 10 ? 1.15 : 1.3 },
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
}
