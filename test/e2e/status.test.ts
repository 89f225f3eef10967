import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';

const day = (iso: string) => new Date(`${iso}T10:00:00`);

/** An inbox: every unit's June ledger received on 2023-06-26, except as `changes` says. */
async function inbox(changes: { missing?: string[]; late?: string[]; broken?: string[] } = {}) {
  const dir = tempDir();
  for (const sample of reviewLedger.samples) {
    if (changes.missing?.includes(sample.unit)) continue;
    const file = join(dir, `${sample.unit}2023年6月问题台账.xlsx`);
    const data = changes.broken?.includes(sample.unit) ? { ...sample, rows: { ...sample.rows, acceptance: { problems: ['甲'], measures: [], deadlines: [] } } } : sample;
    writeFileSync(file, await writeWorkbook(reviewLedger, data));
    const received = changes.late?.includes(sample.unit) ? day('2023-07-03') : day('2023-06-26');
    utimesSync(file, received, received);
  }
  return dir;
}

const status = (dir: string, ...more: string[]) => tianbao(['status', dir, '--template', 'review-ledger', '--period', '2023-06', '--as-of', '2023-07-05', ...more]);

describe('tianbao status', () => {
  it('says for every unit whether its ledger is there, valid, on time, late or missing', async () => {
    const dir = await inbox({ missing: ['温县'], late: ['修武县'], broken: ['博爱县'] });
    const out = tempDir();
    const r = await status(dir, '--format', 'json', '--xlsx', join(out, '报送情况.xlsx'));
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ template: 'review-ledger', period: '2023-06', asOf: '2023-07-05', due: '2023-06-28' });
    const by = (unit: string) => s.units.find((u: { unit: string }) => u.unit === unit);
    expect(by('温县')).toMatchObject({ state: 'missing', timing: null, file: null });
    expect(by('修武县')).toMatchObject({ state: 'valid', timing: 'late', received: '2023-07-03' });
    expect(by('博爱县')).toMatchObject({ state: 'invalid', timing: 'on-time', errors: 2 });
    expect(by('解放区')).toMatchObject({ state: 'valid', timing: 'on-time', received: '2023-06-26' });
    expect(s.summary).toEqual({ valid: 9, invalid: 1, missing: 1, 'not-due': 0, late: 1 });

    // The same, as a summary workbook with the faults marked.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '报送情况.xlsx'));
    const ws = wb.getWorksheet('报送情况')!;
    expect(ws.getCell('A1').text).toBe('焦作市2023年6月行政复议工作问题台账报送情况（截至2023年7月5日，2023年6月28日前报送）');
    const row = ws.getColumn(1).values.findIndex((v) => v === '温县');
    expect(ws.getCell(row, 2).text).toBe('缺报');
    expect((ws.getCell(row, 2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');

    const text = await status(dir);
    expect(text.stdout).toMatch(/温县\s+缺报/);
    expect(text.stdout).toMatch(/修武县\s+通过\s+逾期\s+2023年7月3日/);
    expect(text.stdout).toContain('共 11 个单位：通过 9，不通过 1，缺报 1；逾期 1');
  });

  it('exits 0 when every unit sent a valid ledger, and counts units not yet due as not missing', async () => {
    const dir = await inbox();
    expect((await status(dir)).code).toBe(0);
    const early = await tianbao(['status', await inbox({ missing: ['温县'] }), '--template', 'review-ledger', '--period', '2023-06', '--as-of', '2023-06-27', '--format', 'json']);
    expect(JSON.parse(early.stdout).units.find((u: { unit: string }) => u.unit === '温县').state).toBe('not-due');
    expect(early.code).toBe(0);
  });

  it('names the files it could not read, whose units show as missing', async () => {
    const dir = await inbox({ missing: ['温县'] });
    // 温县's ledger arrived cut short in transit.
    const whole = await writeWorkbook(reviewLedger, reviewLedger.samples.find((s) => s.unit === '温县')!);
    writeFileSync(join(dir, '温县2023年6月问题台账.xlsx'), whole.subarray(0, whole.length >> 1));
    const r = await status(dir, '--format', 'json');
    const s = JSON.parse(r.stdout);
    expect(s.units.find((u: { unit: string }) => u.unit === '温县').state).toBe('missing');
    expect(s.unread).toEqual([{ file: join(dir, '温县2023年6月问题台账.xlsx'), rule: 'file.corrupt', message: expect.stringContaining('损坏') }]);
    expect((await status(dir)).stdout).toMatch(/未能读取 {2}.*温县2023年6月问题台账\.xlsx：.*\[file\.corrupt\]/);
  });

  it('wants a template and a period', async () => {
    expect((await tianbao(['status', tempDir()])).code).toBe(2);
    expect((await tianbao(['status', tempDir(), '--template', 'review-ledger'])).code).toBe(2);
  });
});
