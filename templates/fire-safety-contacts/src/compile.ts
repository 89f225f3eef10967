import { IsoDate, formatDateCn, type CellValue, type Column, type CompileSpec, type Table } from '@tianbao/form';
import { layout } from './layout.ts';
import type { FireSafetyContacts } from './schema.ts';
import { COLUMNS, SUMMARY_TITLE, staffingTable } from './summary.ts';

const UNIT = { header: '县（市、区）', width: 14 };
const columns: readonly Column[] = layout.columns;

/** The city's one list, every unit's persons numbered through, and each organisation's count against 第七条. */
export const compile: CompileSpec<FireSafetyContacts> = {
  sheets: (parts, ctx) => {
    let no = 0;
    const people: CellValue[][] = parts.flatMap(({ unit, data }) =>
      data.people.map((p) => [
        unit,
        ...columns.map((c): CellValue => {
          if (c.serial) return ++no;
          const v = (p as Record<string, unknown>)[c.key];
          if (v === undefined || v === null) return null;
          // A date as the print shows it, not a serial a spreadsheet shows in its own locale's way.
          if (typeof v === 'string' && IsoDate.safeParse(v).success) return formatDateCn(v);
          return c.cell ? c.cell.write(v as never) : (v as CellValue);
        }),
      ]),
    );
    const staffing = parts.map(({ unit, data }) => ({ unit, table: staffingTable(data) }));
    const counts: Table = {
      columns: [UNIT, ...COLUMNS],
      rows: staffing.flatMap(({ unit, table }) => table.rows.map((row) => [unit, ...row])),
      marks: staffing.flatMap(({ table }, k) => {
        const before = staffing.slice(0, k).reduce((n, s) => n + s.table.rows.length, 0);
        return (table.marks ?? []).map((m) => ({ ...m, row: m.row + before, column: m.column + 1 }));
      }),
    };
    const city = ctx.units.city.name;
    return [
      { name: '汇总', title: `${city}消防安全明白人报备汇总`, table: { columns: [UNIT, ...columns.map((c) => ({ header: c.header, width: c.width }))], rows: people } },
      { name: '配备情况', title: `${city}${SUMMARY_TITLE}`, table: counts, notes: ['注：按焦政办〔2023〕18号第七条，各单位至少明确1名消防安全明白人，并按规模增加；已报备少于应配备的以红色标出。'] },
    ];
  },
};
