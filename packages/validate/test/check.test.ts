import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import { readWorkbook, writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { checkKeeping } from '../src/check.ts';
import { checkFile, formatText, summarize } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-check-'));
const sample = reviewLedger.samples[4]!;
const opts = { forms: [reviewLedger], units: defaultUnits };

/** A generated ledger, edited as a clerk might, saved under a name. */
async function saved(name: string, edit: (ws: import('exceljs').Worksheet) => void = () => {}, data: object | null = sample) {
  const wb = await readWorkbook(await writeWorkbook(reviewLedger, data as any));
  wb.removeWorksheet(wb.getWorksheet('_tianbao')!.id);
  edit(wb.getWorksheet('问题台账')!);
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

const rules = (r: Awaited<ReturnType<typeof checkFile>>) => r.issues.map((i) => `${i.rule}@${i.cell}`);

describe('checkFile', () => {
  it('takes the period from the 填报日期 line, then the file name, then the command line', async () => {
    expect((await checkFile(await saved('a.xlsx'), opts)).period).toBe('2023-06');
    const noInfo = (ws: import('exceljs').Worksheet) => (ws.getCell('A2').value = null);
    expect((await checkFile(await saved('修武县2023年7月问题台账.xlsx', noInfo), opts)).period).toBe('2023-07');
    expect((await checkFile(await saved('b.xlsx', noInfo), { ...opts, period: '2023-08' })).period).toBe('2023-08');
    const none = await checkFile(await saved('c.xlsx', noInfo), opts);
    expect(none.period).toBeNull();
    expect(rules(none)).toContain('period.unknown@null');
  });

  it('says when the 填报日期 is no date, at its cell, and judges time limits as of today or --as-of', async () => {
    const unread = (ws: import('exceljs').Worksheet) => (ws.getCell('A2').value = '填报单位：修武县司法局　　填报日期：2023年13月40日');
    const r = await checkFile(await saved('修武县2023年6月问题台账.xlsx', unread), { ...opts, asOf: '2023-09-01' });
    const found = r.issues.find((i) => i.rule === 'report-date.invalid');
    expect(found).toMatchObject({ severity: 'warning', cell: 'A2' });
    expect(found!.message).toContain('「2023年13月40日」');
    expect(found!.message).toContain('--as-of');
    expect(r.issues.filter((i) => i.rule === 'ledger.deadline.overdue').length).toBeGreaterThan(0);
  });

  it('judges time limits against --as-of', async () => {
    const r = await checkFile(await saved('d.xlsx'), { ...opts, asOf: '2023-09-01' });
    expect(r.valid).toBe(true);
    expect(r.issues.filter((i) => i.rule === 'ledger.deadline.overdue').map((i) => i.column)).toEqual(expect.arrayContaining(['E']));
  });

  it('names a missing row and an edited fixed text', async () => {
    const r = await checkFile(
      await saved('e-2023-06.xlsx', (ws) => {
        ws.getCell('B5').value = '案件审理方面：改过了';
        ws.getCell('B6').value = '别的内容';
      }),
      opts,
    );
    expect(rules(r)).toEqual(expect.arrayContaining(['ledger.content.changed@B5', 'table.row.missing@null']));
    expect(r.valid).toBe(false);
  });

  it('reads a blank with the unit written in as a zero report', async () => {
    const r = await checkFile(await saved('f-2023-06.xlsx', () => {}, { unit: '温县' }), opts);
    expect(r).toMatchObject({ unit: '温县', valid: true });
    expect(rules(r)).toEqual(['ledger.zero-report@null']);
  });

  it('reports a file that is not there without throwing', async () => {
    const r = await checkFile(join(dir, 'missing.xlsx'), opts);
    expect(r).toMatchObject({ valid: false, template: null, issues: [{ rule: 'file.unreadable', cell: null }] });
    expect(formatText(summarize([r]))).toContain('文件不存在');
  });
});

describe('checkKeeping', () => {
  it('holds every sheet it read for the marked-up copy: none is streamed, however large', async () => {
    const file = await saved('kept.xlsx');
    const { report, source } = await checkKeeping(file, { ...opts, streamAbove: 0 });
    expect(report).toEqual(await checkFile(file, opts));
    expect(source!.inspected.streamed.size).toBe(0);
    expect(source!.inspected.parts.get('xl/worksheets/sheet1.xml')!.length).toBeGreaterThan(0);
  });
});
