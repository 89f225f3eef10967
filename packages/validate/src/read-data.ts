import { inputColumns, type CellProblem, type CellValue, type Column, type Field, type FormDefinition } from '@tianbao/form';
import type { Located } from '@tianbao/xlsx';

/** Excel keeps at most this many characters in a cell; a longer text was not written by Excel. */
const MAX_CELL_CHARS = 32767;

export interface CellFinding {
  cell: string;
  rule: string;
  problem: CellProblem;
}

/** A located table turned into the form's data, with the cell behind each data path. */
export interface ReadData {
  data: Record<string, any>;
  /** Cell address by data path joined with dots (`rows.acceptance.deadlines`, `entries.3.code`, `officeDirector`). */
  cells: Map<string, string>;
  problems: CellFinding[];
}

/** Read every answer cell of the table and the fields under it through its column's cell type. */
export function readData(def: FormDefinition<any>, loc: Located, year: number | undefined): ReadData {
  const { layout, rulePrefix: p } = def;
  const cells = new Map<string, string>();
  const problems: CellFinding[] = [];
  const read = (spec: Column | Field, header: string, raw: CellValue | undefined, cell: string, path: string) => {
    cells.set(path, cell);
    if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
      const message = `${header}有 ${raw.length} 个字符，超过 Excel 单元格的上限 ${MAX_CELL_CHARS} 个字符，未检查其内容；请精简，或把说明另附材料`;
      problems.push({ cell, rule: 'cell.too-long', problem: { kind: 'too-long', message } });
      return undefined;
    }
    const out = spec.cell!.read(raw ?? null, { header, year, date1904: loc.date1904 });
    for (const problem of out.problems) problems.push({ cell, rule: `${p}.${spec.rule ?? spec.key}.${problem.kind}`, problem });
    return out.value;
  };

  const entries = loc.rows
    .filter((r) => r.row !== null)
    .map((found, i) => {
      const key = layout.rows ? found.key : i;
      const values: Record<string, unknown> = {};
      const first = inputColumns(layout)[0];
      if (first) cells.set(`${layout.dataKey}.${key}`, `${loc.columns[first.key]}${found.row}`);
      for (const col of inputColumns(layout)) {
        const v = read(col, col.header, found.values[col.key], `${loc.columns[col.key]}${found.row}`, `${layout.dataKey}.${key}.${col.key}`);
        if (v !== undefined) values[col.key] = v;
      }
      return [found.key, values] as const;
    });

  const data: Record<string, any> = {
    [layout.dataKey]: layout.rows ? Object.fromEntries(entries) : entries.map(([, v]) => v),
  };
  for (const field of layout.fields?.items ?? []) {
    const found = loc.fields[field.key];
    if (!found) continue;
    const v = read(field, field.label, found.value, found.cell, field.key);
    if (v !== undefined) data[field.key] = v;
  }
  return { data, cells, problems };
}
