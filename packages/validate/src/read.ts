import { type FormDefinition } from '@tianbao/form';
import { error, warning } from './check-rules.ts';
import { readTable, type Located } from '@tianbao/xlsx/read';
import { EntryJudge } from './by-entry.ts';
import type { Found } from './found.ts';
import { CellReader, readData } from './read-data.ts';
import type { Placed, Read } from './submission.ts';

/**
 * The third stage: the table's rows read once, from the chunks the sheet
 * inflated to, each through its columns' cell types as it is read (cells are
 * read with the period's year); a list judged entry by entry is judged as its
 * rows stream by. Then its shape, and the fields under it. The sheet's text is
 * let go of as it is read (unless all are kept).
 */
export async function read(s: Placed): Promise<Read> {
  const { def, start, period, wb, found, columns } = s;
  const keep = s.opts.keepData !== false;
  const byEntry = typeof def.rules === 'function' ? null : new EntryJudge(def, def.rules, s.ctx, s.formHead, columns, found, keep);
  const reader = new CellReader(def, columns, period ? Number(period.slice(0, 4)) : undefined, wb.book.date1904, byEntry?.judge);
  const loc = await readTable(wb, def, start, { stop: s.stop, last: !s.keepAll, convert: reader.row, passRows: byEntry !== null });
  tableShape(def, loc, found);
  // The fields under the table are read here, after the rows.
  const data = readData(def, loc, reader);
  for (const { cell, rule, problem } of reader.problems) found.add({ severity: problem.severity ?? 'error', rule, message: problem.message }, cell);
  return { ...s, loc, reader, read: data, byEntry };
}

/** A template's rows all there, in order, their fixed text untouched; the labelled fields under the table there. */
function tableShape(def: FormDefinition<any>, loc: Located<void>, found: Found): void {
  const { layout } = def;
  if (loc.outOfOrder && layout.rows)
    found.add(error('table.rows.order', `表格各行顺序与表样不一致，应依次为：${layout.rows!.map((r) => r.label).join('、')}，请按表样顺序填写`));
  const fixedCol = layout.columns.filter((c) => !c.cell).at(-1);
  for (const row of loc.rows) {
    const spec = layout.rows?.find((r) => r.key === row.key);
    if (!spec || !fixedCol) continue;
    if (row.row === null)
      found.add(error('table.row.missing', `缺少“${spec.label}”一行，请按表样补上该行（${fixedCol.header}：${spec.fixed[fixedCol.key]}）`));
    else if (!row.fixedMatches)
      found.add(
        warning(`${def.rulePrefix}.content.changed`, `“${spec.label}”一行的${fixedCol.header}与表样不一致，请恢复表样原文：${spec.fixed[fixedCol.key]}`),
        `${loc.columns[fixedCol.key]}${row.row}`,
      );
  }
  for (const field of layout.fields?.items ?? [])
    if (!loc.fields[field.key]) found.add(error('table.field.missing', `表格下方缺少“${field.label}”一行，请在表格下空一行后填写“${field.label}”及其内容`));
}
