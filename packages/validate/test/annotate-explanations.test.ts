import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { annotate, checkFile, withExplanations } from '../src/index.ts';
import { clerkText } from '../src/own-notes.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-explained-'));
const sample = reviewLedger.samples.find((s) => s.unit === '修武县')!;

/** A ledger with a warning (two problems, one measure) and an error (a deadline that is no date). */
async function faulty() {
  const rows = { ...sample.rows, hearing: { ...sample.rows.hearing, measures: [sample.rows.hearing.measures[0]!] }, drafting: { ...sample.rows.drafting, deadlines: ['尽快'] } };
  const file = join(dir, '修武县.xlsx');
  writeFileSync(file, await writeWorkbook(reviewLedger, { ...sample, rows }));
  return checkFile(file, { forms: [reviewLedger], units: defaultUnits });
}

describe('explanations given beside a workbook', () => {
  it('explain the warning of their cell and rule, never an error', async () => {
    const report = await faulty();
    const warning = report.issues.find((i) => i.severity === 'warning')!;
    const error = report.issues.find((i) => i.severity === 'error')!;
    const given = [
      { cell: warning.cell!, rule: warning.rule, text: '第2个问题的措施与第1个相同' },
      { cell: error.cell!, rule: error.rule, text: '不改' },
      { cell: warning.cell!, rule: 'ledger.other', text: '别的规则' },
    ];
    const issues = withExplanations(report.issues, given);
    expect(issues.find((i) => i.rule === warning.rule)).toMatchObject({ explained: true, explanation: '第2个问题的措施与第1个相同' });
    expect(issues.find((i) => i.rule === error.rule)).toMatchObject({ explained: false });
    expect(issues.find((i) => i.rule === error.rule)).not.toHaveProperty('explanation');
    expect(warning.explained).toBe(false);
  });

  it('show in the marked-up copy as the comment of the cell, which is not filled', async () => {
    const report = await faulty();
    const warning = report.issues.find((i) => i.severity === 'warning')!;
    const copy = join(dir, 'copy.xlsx');
    const text = '第2个问题的措施与第1个相同';
    await annotate(report, copy, undefined, [{ cell: warning.cell!, rule: warning.rule, text }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    const cell = wb.getWorksheet(warning.sheet!)!.getCell(warning.cell!);
    const note = cell.note as ExcelJS.Comment | string;
    const noteText = typeof note === 'string' ? note : note.texts!.map((t) => t.text).join('');
    expect(noteText).toBe(`【提示（已说明）】${warning.message}\n上报说明：${text}`);
    expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    const result = wb.getWorksheet('审核结果')!;
    const row = result.getRows(3, report.issues.length)!.find((r) => r.getCell(5).value === warning.rule)!;
    expect(row.getCell(3).value).toBe('提示（已说明）');
    expect(row.getCell(4).value).toBe(`${warning.message}\n上报说明：${text}`);
    // Without explanations, the same warning is filled yellow and its comment is the message alone.
    const plain = join(dir, 'plain.xlsx');
    await annotate(report, plain);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(plain);
    expect((wb2.getWorksheet(warning.sheet!)!.getCell(warning.cell!).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFEB9C');
  });

  it('come back from a copy sent back as the clerk\'s reply, without the copy\'s label', async () => {
    const report = await faulty();
    const warning = report.issues.find((i) => i.severity === 'warning')!;
    const copy = join(dir, 'sent-back.xlsx');
    await annotate(report, copy, undefined, [{ cell: warning.cell!, rule: warning.rule, text: '第2个问题的措施与第1个相同' }]);
    const again = await checkFile(copy, { forms: [reviewLedger], units: defaultUnits });
    expect(again.issues.find((i) => i.rule === warning.rule)).toMatchObject({ explained: true, reply: '第2个问题的措施与第1个相同' });
    // Under the line of a fault since mended, the label's line is ours whole too.
    expect(clerkText('【提示（已说明）】一条旧的提示\n上报说明：旧的说明', [warning.message])).toBe('');
    expect(clerkText(`【提示（已说明）】${warning.message}\n上报说明：新的说明\n另补一句`, [warning.message])).toBe('新的说明\n另补一句');
  });
});
