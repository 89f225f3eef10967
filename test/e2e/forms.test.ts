import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';

// Workbooks typed in another program (fixtures/make-sheetjs.ts writes them).
const sheetjs = (name: string) => join(FIXTURES, 'sheetjs', name);
const roster = sheetjs('温县第五次全国经济普查领导小组组成人员名单.xlsx');
const rosterFaulty = sheetjs('roster-faulty.xlsx');
const outfalls = sheetjs('修武县入河排污口排查整治台账.xlsx');
const outfallsFaulty = sheetjs('outfall-faulty.xlsx');

const HAN = /\p{Script=Han}/u;

/**
 * `validate --format json` of several files in one run, each file's report by its path. The valid
 * files are judged apart from the faulty ones, so that the exit status of each run says what it says.
 */
async function validate(...files: string[]) {
  const r = await tianbao(['validate', ...files, '--format', 'json']);
  const report = JSON.parse(r.stdout);
  expect(report.files.map((f: any) => f.file)).toEqual(files);
  return { code: r.code, file: (name: string) => report.files[files.indexOf(name)], summary: report.summary };
}
let valid: Awaited<ReturnType<typeof validate>>;
let faulty: Awaited<ReturnType<typeof validate>>;
beforeAll(async () => {
  [valid, faulty] = await Promise.all([validate(roster, outfalls), validate(rosterFaulty, outfallsFaulty)]);
});

/** How many issues of a severity a file has: what the report's summary adds up. */
const count = (issues: any[], severity: string) => issues.filter((i) => i.severity === severity).length;

/** `severity rule cell`, the way a reader scans a report. */
const found = (issues: any[]) => issues.map((i) => `${i.severity} ${i.rule} ${i.cell ?? '-'}`);

describe('tianbao templates', () => {
  it('lists all four forms', async () => {
    const r = await tianbao(['templates', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((t: any) => t.id)).toEqual(['review-ledger', 'census-roster', 'outfall-checklist', 'fire-safety-contacts']);
    expect(list).toEqual([
      expect.objectContaining({ id: 'review-ledger', name: '行政复议工作问题台账', source: '焦政办〔2023〕24号' }),
      expect.objectContaining({ id: 'census-roster', name: '第五次全国经济普查领导小组组成人员名单', source: '焦政〔2023〕9号' }),
      expect.objectContaining({ id: 'outfall-checklist', name: '入河排污口排查整治台账', source: '焦政办〔2023〕22号' }),
      expect.objectContaining({ id: 'fire-safety-contacts', name: '消防安全明白人报备表', source: '焦政办〔2023〕18号' }),
    ]);
  });
});

describe('census-roster, typed in another program', () => {
  it('accepts a county roster and recognises the form by its header', () => {
    expect(valid.file(roster)).toMatchObject({ template: 'census-roster', unit: '温县', valid: true, issues: [] });
    expect(valid.code).toBe(0);
  });

  it('reads names without their spaces and roles written once for a group', async () => {
    const r = await tianbao(['extract', roster]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
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

  it('names the sheet, cell and rule of each fault', () => {
    const file = faulty.file(rosterFaulty);
    expect(faulty.code).toBe(1);
    expect(file).toMatchObject({ template: 'census-roster', unit: '孟州市', valid: false });
    expect(found(file.issues).sort()).toEqual(
      [
        'error roster.leader.count B4',
        'warning roster.name.format C6',
        'error roster.name.duplicate C14',
        'warning roster.office.bureau C17',
        'error roster.director.member C18',
        // No 税务局 member: about the list as a whole, not one cell.
        'warning roster.unit.missing -',
      ].sort(),
    );
    expect([count(file.issues, 'error'), count(file.issues, 'warning')]).toEqual([3, 3]);
    for (const i of file.issues) {
      expect(i.message).toMatch(HAN);
      expect(i.sheet).toBe('名单');
    }
    const by = (rule: string) => file.issues.find((i: any) => i.rule === rule);
    expect(by('roster.leader.count')).toMatchObject({ row: 4, column: 'B' });
    expect(by('roster.leader.count').message).toContain('张建国、李新民');
    expect(by('roster.name.duplicate').message).toContain('刘志强');
    expect(by('roster.name.format').message).toContain('王建国');
    expect(by('roster.director.member').message).toContain('马卫东');
    expect(by('roster.office.bureau').message).toContain('市政府办公室');
    expect(by('roster.unit.missing')).toMatchObject({ cell: null, row: null, column: null });
    expect(by('roster.unit.missing').message).toContain('税务局');
  });

  it('prints one line per issue', async () => {
    const r = await tianbao(['validate', rosterFaulty]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/C18 +错误 +办公室主任马卫东不在领导小组名单中/);
    expect(r.stdout).toContain('[roster.director.member]');
  });
});

describe('outfall-checklist, typed by hand', () => {
  it('accepts a county checklist and recognises the form by its header', () => {
    expect(valid.file(outfalls)).toMatchObject({ template: 'outfall-checklist', unit: '修武县', valid: true, issues: [] });
    expect(valid.code).toBe(0);
  });

  it('reads coordinates typed as text into numbers and dates into ISO dates', async () => {
    const r = await tianbao(['extract', outfalls]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
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

  it('names the sheet, cell and rule of each fault', () => {
    const file = faulty.file(outfallsFaulty);
    expect(faulty.code).toBe(1);
    expect(file).toMatchObject({ template: 'outfall-checklist', unit: '武陟县', valid: false });
    expect(found(file.issues).sort()).toEqual(
      [
        'error outfall.code.duplicate B5',
        'error outfall.basin.mismatch F6',
        'error outfall.protected.ban N7',
        'error outfall.storm.merge N8',
        // A wrong check character asks the clerk to confirm; it does not reject.
        'warning outfall.credit.check K9',
        'error outfall.credit.invalid K10',
        'error outfall.coords.outside H11',
        'error outfall.deadline.missing P12',
        'error outfall.method.invalid N13',
      ].sort(),
    );
    expect([count(file.issues, 'error'), count(file.issues, 'warning')]).toEqual([8, 1]);
    // The run's summary adds up both faulty files: the roster's 3 and 3, and these.
    expect(faulty.summary).toMatchObject({ files: 2, invalid: 2, errors: 3 + 8, warnings: 3 + 1 });
    for (const i of file.issues) {
      expect(i.message).toMatch(HAN);
      expect(i.sheet).toBe('排污口清单');
      expect(`${i.column}${i.row}`).toBe(i.cell);
    }
    const by = (rule: string) => file.issues.find((i: any) => i.rule === rule);
    expect(by('outfall.code.duplicate').message).toContain('410823-0001');
    expect(by('outfall.basin.mismatch').message).toContain('沁河属于黄河流域');
    expect(by('outfall.protected.ban').message).toContain('饮用水水源保护区');
    expect(by('outfall.storm.merge').message).toContain('城镇雨洪排口');
    expect(by('outfall.credit.check').message).toContain('校验位');
    expect(by('outfall.credit.invalid').message).toContain('18位');
    expect(by('outfall.coords.outside').message).toContain('35.1');
    expect(by('outfall.deadline.missing').message).toContain('完成时限');
    expect(by('outfall.method.invalid').message).toContain('拆除');
  });
});

describe('blank and generate for the new forms', () => {
  it('writes a blank roster for the city and a blank checklist for a county', async () => {
    const out = tempDir();
    const r1 = await tianbao(['blank', 'census-roster', '--unit', '焦作市', '-o', out]);
    expect(r1.code).toBe(0);
    const rosterFile = r1.stdout.trim();
    expect(basename(rosterFile)).toContain('焦作市第五次全国经济普查领导小组组成人员名单');
    expect(existsSync(rosterFile)).toBe(true);

    const r2 = await tianbao(['blank', 'outfall-checklist', '--unit', '修武县', '-o', out]);
    expect(r2.code).toBe(0);
    const outfallFile = r2.stdout.trim();
    expect(basename(outfallFile)).toContain('修武县入河排污口排查整治台账');
    expect(existsSync(outfallFile)).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(rosterFile);
    expect(wb.getWorksheet('领导小组名单')!.getCell('A1').text).toBe('焦作市第五次全国经济普查领导小组组成人员名单');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(outfallFile);
    expect(wb2.getWorksheet('排污口清单')!.getCell('A1').text).toBe('修武县入河排污口排查整治台账');
    expect(wb2.getWorksheet('主要河流清单')).toBeDefined();
  });

  it('offers the units of --units as the checklist’s 所在县（市、区） dropdown, on a very hidden sheet', async () => {
    const out = tempDir();
    const units = join(out, 'xinxiang.json');
    writeFileSync(units, JSON.stringify({ city: { name: '新乡市', code: '410700' }, units: [{ name: '红旗区', code: '410702' }, { name: '卫滨区', code: '410703' }] }));
    const r = await tianbao(['blank', 'outfall-checklist', '--unit', '红旗区', '--units', units, '-o', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.stdout.trim());
    const county = wb.getWorksheet('排污口清单')!.getCell('D4').dataValidation;
    expect(county).toMatchObject({ type: 'list', showErrorMessage: true });
    const [, col, to] = /^'_lists'!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(String(county?.formulae[0]))!;
    const lists = wb.getWorksheet('_lists')!;
    expect(lists.state).toBe('veryHidden');
    expect(Array.from({ length: Number(to) }, (_, i) => lists.getCell(`${col}${i + 1}`).text)).toEqual(['红旗区', '卫滨区']);
  });

  it('generates the checklist with its progress summary as of a day', async () => {
    const out = tempDir();
    const data = join(out, 'outfalls.json');
    // Three of the county's outfalls: the summary's day and unit do not depend on how many.
    const sample = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
    writeFileSync(data, JSON.stringify({ ...sample, outfalls: sample.outfalls.slice(0, 3) }));
    const r = await tianbao(['generate', 'outfall-checklist', '--data', data, '--as-of', '2024-12-31', '--format', 'xlsx,pdf', '-o', out]);
    expect(r.code).toBe(0);
    const [xlsx, pdf, ...rest] = r.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(xlsx).toMatch(/修武县入河排污口排查整治台账\.xlsx$/);
    expect(pdf).toMatch(/修武县入河排污口排查整治台账\.pdf$/);
    expect(existsSync(xlsx!)).toBe(true);
    expect(readFileSync(pdf!).subarray(0, 5).toString()).toBe('%PDF-');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx!);
    const summary = wb.getWorksheet('整治进度汇总');
    expect(summary).toBeDefined();
    expect(summary!.getCell('A1').text).toContain('截至2024年12月31日');
    expect(summary!.getCell('A1').text).toContain('修武县');

    const text = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(pdf!))), { mergePages: true });
    expect(text.text).toContain('截至2024年12月31日');
  });
});
