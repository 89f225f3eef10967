import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';
import { unzip } from './zip.ts';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const faulty = join(FIXTURES, 'sheetjs', 'outfall-faulty.xlsx');

async function open(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('validate --annotate', () => {
  it('writes a marked-up copy and leaves the submission byte for byte as it was', async () => {
    const inbox = tempDir();
    const back = tempDir();
    const file = join(inbox, '武陟县入河排污口排查整治台账.xlsx');
    copyFileSync(faulty, file);
    const before = sha(file);
    const r = await tianbao(['validate', inbox, '--annotate', back, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(sha(file)).toBe(before);
    expect(readdirSync(inbox)).toEqual(['武陟县入河排污口排查整治台账.xlsx']);
    const copy = join(back, '武陟县入河排污口排查整治台账-批注.xlsx');
    expect(r.stderr).toContain(`批注副本：${copy}`);
    const issues = JSON.parse(r.stdout).files[0].issues as { severity: string; cell: string; sheet: string; message: string }[];

    const wb = await open(copy);
    // 审核结果 comes first, one line per issue, each linked to its cell.
    expect(wb.worksheets[0]!.name).toBe('审核结果');
    const result = wb.worksheets[0]!;
    const resultXml = unzip(readFileSync(copy)).find((p) => /sheet\d+\.xml$/.test(p.name) && p.data.includes('审核结果：'))!.data.toString();
    expect(result.getCell('A1').text).toContain('不通过');
    expect(result.getCell('D2').text).toBe('说明');
    issues.forEach((issue, k) => {
      const row = result.getRow(k + 3);
      expect(row.getCell(4).text).toBe(issue.message);
      expect(row.getCell(2).text).toBe(`${issue.sheet}!${issue.cell}`);
      // A link within the workbook is a `location` (exceljs does not read those; Excel, WPS and LibreOffice follow them).
      expect(resultXml).toContain(`<hyperlink ref="B${k + 3}" location="'${issue.sheet}'!${issue.cell}"`);
    });
    // Each faulty cell is filled and carries its message as a comment.
    const ws = wb.getWorksheet('排污口清单')!;
    for (const issue of issues) {
      const cell = ws.getCell(issue.cell);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(issue.severity === 'error' ? 'FFFFC7CE' : 'FFFFEB9C');
      expect(JSON.stringify(cell.note)).toContain(issue.message.slice(0, 12));
    }
    // A cell without an issue is left alone.
    expect(ws.getCell('C4').fill).toBeUndefined();
  });

  it('counts a warning the clerk answered in a comment as explained, and an error still as an error', async () => {
    const dir = tempDir();
    const wb = await open(faulty);
    const ws = wb.getWorksheet('排污口清单')!;
    ws.getCell('K9').note = '该代码为早期试点地区发放，经核对营业执照无误';
    ws.getCell('N7').note = '已报请县政府同意保留';
    const file = join(dir, 'answered.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await tianbao(['validate', file, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const at = (cell: string) => report.files[0].issues.find((i: { cell: string }) => i.cell === cell);
    expect(at('K9')).toMatchObject({ rule: 'outfall.credit.check', severity: 'warning', explained: true });
    expect(at('N7')).toMatchObject({ rule: 'outfall.protected.ban', severity: 'error', explained: false });
    expect(report.summary).toMatchObject({ warnings: 1, explained: 1 });
    const text = await tianbao(['validate', file]);
    expect(text.stdout).toMatch(/K9\s+已说明/);
    expect(text.stdout).toContain('（其中已说明 1 条）');
  });
});
