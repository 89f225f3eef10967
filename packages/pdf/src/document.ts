import { titleFor, type FormDefinition, type OutputContext, type PrintBlock } from '@tianbao/form';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { barsBlock } from './chart.ts';
import { BODY, HEADING } from './fonts.ts';
import { bodyLineHeight, widthOf } from './measure.ts';
import { MM, pageFor, usableHeight, usableWidth, type Page, type Paper } from './page.ts';
import { formBlock, formText, phrasedTitle, type FormText } from './form-block.ts';
import { PDF_INFO_KEYS } from './info.ts';
import type { TableText, TextStyle } from './sized-table.ts';
import { computedText, linesBlock, tableBlock } from './tables.ts';

export interface DocumentOptions {
  /** Body size in points, in place of the form's. */
  fontSize?: number;
  /** The page of each body row in a first layout: a merged label is printed on each page its rows go over. */
  rowPages?: readonly number[];
}

/** One filled form's document, laid out by its print sections (see `formDocuments`). */
export interface FormDocument {
  /** Made on first use, then the same. */
  readonly doc: TDocumentDefinitions;
  /** When it is the form alone, its estimated height in points. */
  height?: number;
  /** It holds a list of growing rows, which takes the pages it needs. */
  growing: boolean;
}

/** Em from one line of text to the next in an official document: GB/T 9704's 22 lines of 16 pt on 225 mm. */
export const TEXT_PITCH = (225 * MM) / 22 / 16;

/**
 * The pdfmake documents of one filled form, on `paper`, at whatever size
 * (`DocumentOptions`) each is asked for: its print sections made once, and
 * each table's text measured once, on first use (its widths in em hold at
 * every size).
 */
export function formDocuments(
  def: FormDefinition<any>,
  data: Record<string, any>,
  ctx: OutputContext,
  paper?: Paper,
): (opts?: DocumentOptions) => FormDocument {
  const page = pageFor(def.print.orientation, paper);
  const usable = usableWidth(page);
  // Text lines as far apart as GB/T 9704's (22 lines on 225 mm); a dense form's closer.
  const lineHeight = (def.print.fontSize ?? 12) < 10 ? 1.15 : TEXT_PITCH / bodyLineHeight();
  const blocks: PrintBlock[] = def.print.blocks?.(data, ctx) ?? [{ kind: 'form' }];
  const texts = new Map<PrintBlock, TableText | FormText>();
  const textOf = <T extends TableText | FormText>(block: PrintBlock, measured: () => T) => (texts.get(block) ?? texts.set(block, measured()).get(block)!) as T;

  return (opts = {}) => {
    const fontSize = opts.fontSize ?? def.print.fontSize ?? 12;
    const style: TextStyle = { fontSize, lineHeight, usable, measure: widthOf };
    // The form sized now, for the height; the content of every block made when the document is first asked
    // for: of the sizes a one-page form is tried at, most are never laid out.
    const forms = new Map<PrintBlock, ReturnType<typeof formBlock>>();
    for (const block of blocks)
      if (block.kind === 'form') forms.set(block, formBlock(def, textOf(block, () => formText(def, data, widthOf)), style, usableHeight(page), opts.rowPages));
    const height = blocks.length === 1 ? forms.get(blocks[0]!)?.height : undefined;

    function render(block: Exclude<PrintBlock, { kind: 'pageBreak' }>): Content[] {
      switch (block.kind) {
        case 'form':
          return forms.get(block)!.content();
        case 'title':
          return [phrasedTitle(block.lines, usable, widthOf)];
        case 'heading':
          return [{ text: block.text, font: HEADING, fontSize: fontSize + 2, margin: [0, 6, 0, 6] }];
        case 'paragraph':
          // A short paragraph goes whole to the next page rather than leave its last lines there alone.
          return [{ text: withLastLineKept(block.text), leadingIndent: 2 * fontSize, margin: [0, 4, 0, 0], unbreakable: true }];
        case 'lines':
          return [linesBlock(block.rows, block.widths, fontSize)];
        case 'table':
          return [tableBlock(block.table, textOf(block, () => computedText(block.table, widthOf)), style)];
        case 'bars':
          return [barsBlock(block.chart, block.caption, usable)];
      }
    }

    function documentOf(): TDocumentDefinitions {
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
      const title = titleFor(def.layout, data.unit ?? def.layout.placeholder);
      return {
        pageSize: page.paper,
        pageOrientation: def.print.orientation,
        pageMargins: page.margins,
        // Dated by its day, not the clock: the same input gives the same bytes.
        info: { title, subject: def.name, keywords: 'tianbao', creator: 'tianbao', producer: 'tianbao', creationDate: new Date(`${ctx.asOf}T00:00:00Z`), ...(ctx.digest && { [PDF_INFO_KEYS.digest]: ctx.digest }) },
        defaultStyle: { font: BODY, fontSize, lineHeight },
        content,
        footer: pageNumbers(page),
      };
    }

    let doc: TDocumentDefinitions | undefined;
    return {
      get doc() {
        return (doc ??= documentOf());
      },
      height,
      growing: !def.layout.rows && blocks.some((b) => b.kind === 'form'),
    };
  };
}

/** Characters a paragraph's last line holds at least, besides its closing punctuation: the roster's `同志兼任。` whole. */
const LAST_LINE_CHARS = 4;

/**
 * A paragraph's text whose last `LAST_LINE_CHARS` characters and the
 * punctuation after them are kept on one line (pdfmake's `noWrap`), as a
 * typesetter keeps a paragraph from ending on a line of one character and
 * its full stop (`任。`).
 */
export function withLastLineKept(text: string): string | Content[] {
  const chars = Array.from(text);
  let at = chars.length;
  while (at > 0 && /\p{P}/u.test(chars[at - 1]!)) at--;
  at -= LAST_LINE_CHARS;
  if (at <= 0) return text;
  return [{ text: chars.slice(0, at).join('') }, { text: chars.slice(at).join(''), noWrap: true }];
}

/** Page numbers as in official documents: outside edge, odd right, even left. */
export function pageNumbers(page: Page): TDocumentDefinitions['footer'] {
  return (n) => ({
    text: `— ${n} —`,
    font: BODY,
    fontSize: 14,
    lineHeight: 1,
    alignment: n % 2 === 1 ? 'right' : 'left',
    margin: [page.margins[0], 20, page.margins[2], 0],
  });
}
