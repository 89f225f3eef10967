import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import censusRoster from '@tianbao/template-census-roster';
import { META_SHEET, readWorkbook, writeWorkbook } from '@tianbao/xlsx';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkFile, formatText, summarize } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-detect-'));
const opts = { forms, units: defaultUnits };
let n = 0;

/** A roster as we write it, then changed: metadata dropped, cells edited. */
async function roster(edit: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = await readWorkbook(await writeWorkbook(censusRoster, censusRoster.samples[3]!));
  edit(wb.getWorksheet('领导小组名单')!, wb);
  const file = join(dir, `${n++}.xlsx`);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}
const dropMeta = (wb: ExcelJS.Workbook) => wb.removeWorksheet(wb.getWorksheet(META_SHEET)!.id);

describe('which form a workbook is', () => {
  it('is told first by the metadata tianbao writes', async () => {
    const r = await checkFile(await roster(() => {}), opts);
    expect(r).toMatchObject({ template: 'census-roster', detectedBy: 'metadata', valid: true });
    expect(formatText(summarize([r]))).toContain('census-roster（按表样标识）');
  });

  it('then by the title', async () => {
    const r = await checkFile(await roster((_, wb) => dropMeta(wb)), opts);
    expect(r).toMatchObject({ template: 'census-roster', detectedBy: 'title', valid: true });
  });

  it('then by the header row', async () => {
    const r = await checkFile(await roster((ws, wb) => (dropMeta(wb), (ws.getCell('A1').value = '名单'))), opts);
    expect(r).toMatchObject({ template: 'census-roster', detectedBy: 'header' });
    expect(r.issues.map((i) => i.rule)).toEqual(['roster.title.missing']);
  });

  it('says which form the clue named when that form’s header is gone', async () => {
    const r = await checkFile(await roster((ws) => (ws.getCell('C2').value = '名字')), opts);
    expect(r).toMatchObject({ template: 'census-roster', detectedBy: 'metadata', valid: false });
    expect(r.issues).toMatchObject([{ rule: 'table.header.missing', cell: null }]);
    expect(r.issues[0]!.message).toContain('按文件中的表样标识为「第五次全国经济普查领导小组组成人员名单」');
  });

  it('says when nothing matches, and names the forms it compared', async () => {
    const r = await checkFile(
      await roster((ws, wb) => {
        dropMeta(wb);
        ws.getCell('A1').value = '名单';
        ws.getCell('C2').value = '名字';
      }),
      opts,
    );
    expect(r).toMatchObject({ template: null, detectedBy: null, valid: false });
    expect(r.issues).toMatchObject([{ rule: 'file.form.unknown' }]);
    for (const f of forms) expect(r.issues[0]!.message).toContain(`${f.name}（${f.id}）`);
  });
});
