import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import reviewLedger from '@tianbao/template-review-ledger';
import { checkFile } from '@tianbao/validate';
import { describe, expect, it } from 'vitest';

// What `tianbao extract` gives for workbooks typed or saved in other programs: the data its checking child
// reads with checkFile (test/e2e/cli.test.ts runs extract itself, for its output and exit status).
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures');

/** The data read from a fixture, which must be valid and read without a finding. */
async function extracted(path: string, asOf?: string): Promise<any> {
  const report = await checkFile(join(FIXTURES, path), { forms, units: defaultUnits, ...(asOf && { asOf }) });
  expect(report.issues).toEqual([]);
  expect(report.valid).toBe(true);
  return report.data;
}

describe('a ledger from LibreOffice', () => {
  it('reads a ledger typed into LibreOffice Calc', async () => {
    const data = await extracted('libreoffice/博爱县2023年7月问题台账.xlsx', '2023-07-20');
    expect(data).toMatchObject({ unit: '博爱县', period: '2023-07' });
    expect(data.rows.acceptance.problems).toEqual(['窗口受理登记不规范', '补正告知不一次性到位']);
    expect(data.rows.acceptance.deadlines).toEqual(['2023-08-31']);
    expect(data.rows.hearing).toEqual({ problems: [], measures: [], deadlines: [] });
    expect(data.rows.drafting.deadlines).toEqual(['2023-09-30']);
    expect(data.rows.special.deadlines).toEqual(['长期坚持']);
  });

  it('reads back its own workbook after LibreOffice saved it again', async () => {
    expect(await extracted('libreoffice/温县2023年6月行政复议工作问题台账.xlsx')).toEqual(reviewLedger.samples.find((s) => s.unit === '温县'));
  });
});

describe('census-roster, typed in another program', () => {
  it('reads names without their spaces and roles written once for a group', async () => {
    const data = await extracted('sheetjs/温县第五次全国经济普查领导小组组成人员名单.xlsx');
    expect(data).toMatchObject({ unit: '温县', officeUnit: '县统计局', officeDirector: '王海燕' });
    // The empty row inside the table is skipped; 组　长 and 成 员 are the roles.
    expect(data.members.map((m: any) => `${m.role} ${m.name}`)).toEqual([
      '组长 赵卫东',
      '副组长 李静',
      '副组长 王海燕',
      '副组长 陈志强',
      '成员 刘涛',
      '成员 杨丽娟',
      '成员 黄国庆',
      '成员 周秀英',
      '成员 吴振华',
      '成员 徐勇',
      '成员 孙利民',
      '成员 马明',
    ]);
    for (const m of data.members) expect(m.name).not.toMatch(/[\s\u3000]/);
    expect(data.members[9].post).toBe('县市场监管局副局长');
  });
});

describe('outfall-checklist, typed by hand', () => {
  it('reads coordinates typed as text into numbers and dates into ISO dates', async () => {
    const data = await extracted('sheetjs/修武县入河排污口排查整治台账.xlsx');
    expect(data).toMatchObject({ unit: '修武县', filler: '修武县生态环境分局', reportDate: '2024-01-08' });
    expect(data.outfalls).toHaveLength(12);
    for (const o of data.outfalls) {
      expect(typeof o.lng).toBe('number');
      expect(typeof o.lat).toBe('number');
      if (o.deadline !== undefined) expect(o.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Full-width digits, and a degree sign.
    expect(data.outfalls[2]).toMatchObject({ lng: 113.4602, lat: 35.2415, county: '修武县', method: '保留' });
    expect(data.outfalls[5].lng).toBe(113.4721);
    // 2024/6/30, a date cell, 2024年9月30日, 2024.12.31, 2023-11-30 …
    expect(data.outfalls.map((o: any) => o.deadline ?? null)).toEqual([
      '2024-06-30',
      null,
      null,
      '2023-11-30',
      '2024-09-30',
      '2024-06-30',
      '2024-12-31',
      '2024-12-31',
      '2024-06-30',
      '2023-12-20',
      '2025-06-30',
      null,
    ]);
    // Stray spaces in listed values.
    expect(data.outfalls[0].progress).toBe('整治中');
    expect(data.outfalls[4].trace).toBe('已溯源');
    expect(data.outfalls[10].method).toBe('规范整治');
    // A 保留 row leaves 整治进度 and 完成时限 empty.
    expect(data.outfalls[1]).not.toHaveProperty('progress');
    expect(data.outfalls[1]).not.toHaveProperty('deadline');
  });
});
