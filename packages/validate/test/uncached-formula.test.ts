import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits, type FormDefinition } from '@tianbao/form';
import censusRoster from '@tianbao/template-census-roster';
import reviewLedger from '@tianbao/template-review-ledger';
import { readWorkbook, writeWorkbook } from '@tianbao/xlsx';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildZip, unzip } from '../../../test/e2e/zip.ts';
import { checkFile } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-uncached-'));
const opts = { forms: [reviewLedger, censusRoster], units: defaultUnits };

/** A generated workbook with one cell made a formula saved with no result (`<f>` and no `<v>`, as scripts write it). */
async function withFormula(def: FormDefinition<any>, sample: object, cell: string, formula: string): Promise<string> {
  const wb = await readWorkbook(await writeWorkbook(def, sample as any));
  const ws = wb.worksheets.find((w) => w.state === 'visible')!;
  ws.getCell(cell).value = { formula } as ExcelJS.CellFormulaValue;
  const file = join(dir, `${def.id}-${cell}.xlsx`);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

const errors = (r: Awaited<ReturnType<typeof checkFile>>) => r.issues.filter((i) => i.severity === 'error').map((i) => `${i.rule}@${i.cell}`);

describe('a formula never calculated, where a value is needed', () => {
  it('is said to be one, not an empty 完成时限 (a rule of the whole table)', async () => {
    const r = await checkFile(await withFormula(reviewLedger, reviewLedger.samples[4]!, 'E4', 'DATE(2023,7,31)'), opts);
    expect(errors(r)).toEqual(['cell.formula.uncached@E4']);
    expect(r.issues[0]).toMatchObject({ sheet: '问题台账', message: expect.stringContaining('公式') });
  });

  it('is said to be one, not an empty 姓名 (a cell read entry by entry)', async () => {
    const r = await checkFile(await withFormula(censusRoster, censusRoster.samples[0]!, 'C4', 'CONCAT("刘","文忠")'), opts);
    expect(errors(r)).toEqual(['cell.formula.uncached@C4']);
  });

  it('is one when saved with an empty result, as openpyxl writes it (`<v/>`), but an empty text result is not', async () => {
    const file = await withFormula(reviewLedger, reviewLedger.samples[4]!, 'E4', 'DATE(2023,7,31)');
    const rewrite = (to: string) => {
      const parts = unzip(readFileSync(file)).map((p) =>
        p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: Buffer.from(p.data.toString('utf8').replace(/(<c r="E4"[^>]*)>(<f>[^<]*<\/f>)(?:<v\/>|<v><\/v>)?<\/c>/, to)) } : p,
      );
      const out = join(dir, `rewritten-${to.length}.xlsx`);
      writeFileSync(out, buildZip(parts));
      return out;
    };
    expect(errors(await checkFile(rewrite('$1>$2<v/></c>'), opts))).toEqual(['cell.formula.uncached@E4']);
    // Excel saves a formula whose result is empty text as `t="str"` with `<v></v>`: that is a value, an empty one.
    expect(errors(await checkFile(rewrite('$1 t="str">$2<v></v></c>'), opts))).toEqual(['ledger.deadline.missing@E4']);
  });

  it('is no error where the cell may be blank', async () => {
    const r = await checkFile(await withFormula(censusRoster, censusRoster.samples[0]!, 'A4', 'ROW()-2'), opts);
    expect(errors(r)).toEqual([]);
  });
});

/** A generated workbook with one cell showing an error value (`t="e"`, as Excel saves a formula gone wrong). */
async function withError(def: FormDefinition<any>, sample: object, cell: string, shown: string): Promise<string> {
  const wb = await readWorkbook(await writeWorkbook(def, sample as any));
  const ws = wb.worksheets.find((w) => w.state === 'visible')!;
  ws.getCell(cell).value = { error: shown } as ExcelJS.CellErrorValue;
  const file = join(dir, `${def.id}-${cell}-error.xlsx`);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

describe('a cell showing an error value (#N/A, #DIV/0!)', () => {
  it('is said to be one, with what it shows, not an empty 姓名 (a cell read entry by entry)', async () => {
    const r = await checkFile(await withError(censusRoster, censusRoster.samples[0]!, 'C4', '#N/A'), opts);
    expect(errors(r)).toEqual(['cell.formula.error@C4']);
    expect(r.issues.find((i) => i.rule === 'cell.formula.error')).toMatchObject({ message: expect.stringContaining('「#N/A」') });
  });

  it('is said to be one, not an empty 完成时限 (a rule of the whole table)', async () => {
    const r = await checkFile(await withError(reviewLedger, reviewLedger.samples[4]!, 'E4', '#VALUE!'), opts);
    expect(errors(r)).toEqual(['cell.formula.error@E4']);
  });

  it('is an error where the cell may be blank too: it holds no answer, and is no blank', async () => {
    const r = await checkFile(await withError(censusRoster, censusRoster.samples[0]!, 'A4', '#DIV/0!'), opts);
    expect(errors(r)).toEqual(['cell.formula.error@A4']);
  });
});
