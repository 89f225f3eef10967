import { formatDateCn, type Compiled, type FormDefinition } from '@tianbao/form';
import { writeBook } from './book-writer.ts';
import { writeFormSheet } from './form-sheet.ts';
import { DropdownLists } from './lists.ts';
import { writeTableSheet } from './table-sheet.ts';

/**
 * A compilation as one workbook: the form's city-wide sheets (汇总), then
 * 报送情况 (with what is wrong across the units and the files used for none), then each unit's form on a
 * sheet named after the unit, laid out as the gazette's, or the city-wide form
 * and its own sheets for a form compiled into one. Dated by its as-of day, so the same returns give the same bytes.
 */
export async function writeCompiledWorkbook(def: FormDefinition<any>, compiled: Compiled): Promise<Buffer> {
  return writeBook(new Date(`${compiled.asOf}T00:00:00Z`), async (book) => {
    for (const spec of compiled.sheets) await writeTableSheet(book, spec);
    await writeTableSheet(book, {
      name: '报送情况',
      title: `${compiled.title}：报送情况（截至${formatDateCn(compiled.asOf)}）`,
      table: compiled.submissions,
      notes: [compiled.counts, ...compiled.faults, ...compiled.others],
    });
    const lists = new DropdownLists();
    if (compiled.whole) {
      await writeFormSheet(book, def, compiled.whole, undefined, lists, compiled.units);
      for (const spec of def.sheets?.(compiled.whole, { units: compiled.units, asOf: compiled.asOf }) ?? []) await writeTableSheet(book, spec);
    } else
      for (const part of compiled.parts)
        await writeFormSheet(book, { ...def, layout: { ...def.layout, sheet: part.unit } }, part.data, undefined, lists, compiled.units);
    await lists.addTo(book);
  });
}
