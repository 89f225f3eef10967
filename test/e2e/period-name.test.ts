import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { sampleOf } from './status-inbox.ts';
import { tempDir, tianbao } from './run.ts';

// A copy of July's file renamed for August is July's (its metadata says so): the clerk is told, not left to guess.
describe('a workbook whose month is not the one in its name', () => {
  it('is taken for its own month, with a warning saying which and what to do', async () => {
    const dir = tempDir();
    const file = join(dir, '修武县2023年8月行政复议工作问题台账.xlsx');
    writeFileSync(file, await writeWorkbook(reviewLedger, { ...sampleOf('修武县'), period: '2023-07', reportDate: '2023-07-25' }));
    const r = await tianbao(['validate', file, '--format', 'json']);
    const report = JSON.parse(r.stdout).files[0];
    expect(report.period).toBe('2023-07');
    const warned = report.issues.filter((i: { rule: string }) => i.rule === 'period.name-differs');
    expect(warned.map((i: { severity: string; cell: string | null }) => [i.severity, i.cell])).toEqual([['warning', null]]);
    expect(warned[0].message).toContain('表中记录的报送月份是2023年7月，文件名中写的是2023年8月，按2023年7月计');
    expect(warned[0].message).toContain('--period 2023-08');
  });

  it('is not warned of when the name says its month', async () => {
    const dir = tempDir();
    const file = join(dir, '修武县2023年7月行政复议工作问题台账.xlsx');
    writeFileSync(file, await writeWorkbook(reviewLedger, { ...sampleOf('修武县'), period: '2023-07', reportDate: '2023-07-25' }));
    const r = await tianbao(['validate', file, '--format', 'json']);
    expect(JSON.parse(r.stdout).files[0].issues.filter((i: { rule: string }) => i.rule.startsWith('period.'))).toEqual([]);
  });
});
