import { defaultUnits, outputContext, type FormDefinition, type OutputContext, type SheetSpec } from '@tianbao/form';
import { commitRow, writeBook, type BookWriter } from './book-writer.ts';
import { writeFormSheet } from './form-sheet.ts';
import { DropdownLists } from './lists.ts';
import { META_KEYS, META_SHEET } from './meta.ts';
import { writeTableSheet } from './table-sheet.ts';

export interface WriteOptions {
  /** Units and day the form's computed sheets are made for; default: the 填报日期, else today. */
  ctx?: OutputContext;
  /** The unit named in a blank's title; default the template's placeholder. */
  unit?: string;
  /** The month a blank is for (a portal task's period), kept in its meta sheet as a filled form's is. */
  period?: string;
  /** Data with errors, written anyway (`generate --allow-errors`): marked 草稿 in the print header and `draft` in the meta sheet. */
  draft?: boolean;
}

/**
 * A form as a workbook: the blank for clerks when `data` is null, otherwise
 * filled. The form's sheet comes first, then the form's extra sheets
 * (reference lists, computed summaries), then hidden ones: dropdown lists and
 * the template's identity.
 */
export async function writeWorkbook(def: FormDefinition<any>, data: Record<string, any> | null, opts: WriteOptions = {}): Promise<Buffer> {
  const ctx = opts.ctx ?? outputContext(data, defaultUnits);
  return writeBook(documentDate(ctx), async (book) => {
    const lists = new DropdownLists();
    await writeFormSheet(book, def, data, opts.unit, lists, ctx.units, opts.draft);
    for (const spec of def.sheets?.(data, ctx) ?? []) await writeTableSheet(book, spec);
    await lists.addTo(book);
    await writeMeta(book, [
      [META_KEYS.template, def.id],
      [META_KEYS.version, def.version],
      [META_KEYS.period, data?.period ?? opts.period],
      [META_KEYS.unit, data?.unit ?? opts.unit],
      [META_KEYS.digest, ctx.digest],
      [META_KEYS.draft, opts.draft ? '1' : undefined],
    ]);
  });
}

/** The meta sheet, holding the pairs that have a value. */
async function writeMeta(book: BookWriter, pairs: [string, string | undefined][]): Promise<void> {
  const ws = book.addWorksheet(META_SHEET, { state: 'veryHidden' });
  for (const [k, v] of pairs) if (v !== undefined && v !== null) await commitRow(ws.addRow([k, String(v)]));
  ws.commit();
}

/** A document is dated by its day (the 填报日期, else the as-of day), so the same input gives the same bytes. */
const documentDate = (ctx: OutputContext) => new Date(`${ctx.asOf}T00:00:00Z`);

/** A workbook of plain tables only (a status summary): one sheet each, dated now. */
export async function writeTables(specs: readonly SheetSpec[]): Promise<Buffer> {
  return writeBook(new Date(), async (book) => {
    for (const spec of specs) await writeTableSheet(book, spec);
  });
}
