import { LISTS_SHEET } from '@tianbao/form';
import { commitRow, type BookWriter } from './book-writer.ts';
import { columnLetter } from './sheet/refs.ts';

export { LISTS_SHEET };

/**
 * The values of every dropdown, one column each on a very hidden, protected
 * sheet: a clerk neither sees it in the list of sheets nor changes a list.
 * A list written inline is limited to 255 characters; a range has no such limit.
 */
export class DropdownLists {
  private columns: (readonly string[])[] = [];

  /** The range formula for a list of values, shared when two columns use the same list. */
  rangeFor(values: readonly string[]): string {
    let i = this.columns.findIndex((c) => c.length === values.length && c.every((v, k) => v === values[k]));
    if (i < 0) i = this.columns.push(values) - 1;
    const letter = columnLetter(i + 1);
    return `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${values.length}`;
  }

  /** Write the lists, if any, to their sheet. */
  async addTo(book: BookWriter): Promise<void> {
    if (this.columns.length === 0) return;
    const ws = book.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
    const length = Math.max(...this.columns.map((c) => c.length));
    for (let r = 1; r <= length; r++) {
      const row = ws.getRow(r);
      this.columns.forEach((values, c) => {
        if (r <= values.length) row.getCell(c + 1).value = values[r - 1]!;
      });
      await commitRow(row);
    }
    await ws.protect('', {});
    ws.commit();
  }
}
