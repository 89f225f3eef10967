import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formIds, listed } from '@tianbao/forms/list';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import { formatText } from '@tianbao/validate';
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
  return { code: r.code, file: (name: string) => report.files[files.indexOf(name)], summary: report.summary, report };
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
  it('lists every form of the registry, as its about.ts names it', async () => {
    const r = await tianbao(['templates', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((t: any) => t.id)).toEqual(formIds);
    expect(list).toEqual(listed.map(({ about }) => expect.objectContaining({ id: about.id, name: about.name, source: about.source })));
  });
});

describe('census-roster, typed in another program', () => {
  it('accepts a county roster and recognises the form by its header', () => {
    expect(valid.file(roster)).toMatchObject({ template: 'census-roster', unit: '温县', valid: true, issues: [] });
    expect(valid.code).toBe(0);
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

  // The text report of the same run, as validate prints it without --format json (test/e2e/cli.test.ts runs that).
  it('prints one line per issue', () => {
    const text = formatText(faulty.report);
    expect(text).toMatch(/C18 +错误 +办公室主任马卫东不在领导小组名单中/);
    expect(text).toContain('[roster.director.member]');
  });
});

describe('outfall-checklist, typed by hand', () => {
  it('accepts a county checklist and recognises the form by its header', () => {
    expect(valid.file(outfalls)).toMatchObject({ template: 'outfall-checklist', unit: '修武县', valid: true, issues: [] });
    expect(valid.code).toBe(0);
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
  // What the workbooks hold when read back from data: apps/cli/test/extract-other-programs.test.ts.
  it('writes a blank roster for the city, and a blank checklist for a county offering the units of --units as its 所在县（市、区） dropdown, on a very hidden sheet', async () => {
    const out = tempDir();
    const units = join(out, 'xinxiang.json');
    writeFileSync(units, JSON.stringify({ city: { name: '新乡市', code: '410700' }, units: [{ name: '红旗区', code: '410702' }, { name: '卫滨区', code: '410703' }] }));
    const [r1, r2] = await Promise.all([
      tianbao(['blank', 'census-roster', '--unit', '焦作市', '-o', out]),
      tianbao(['blank', 'outfall-checklist', '--unit', '红旗区', '--units', units, '-o', out]),
    ]);
    expect(r1.code).toBe(0);
    const rosterFile = r1.stdout.trim();
    expect(basename(rosterFile)).toContain('焦作市第五次全国经济普查领导小组组成人员名单');
    expect(existsSync(rosterFile)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(rosterFile);
    expect(wb.getWorksheet('领导小组名单')!.getCell('A1').text).toBe('焦作市第五次全国经济普查领导小组组成人员名单');

    expect(r2.code).toBe(0);
    const outfallFile = r2.stdout.trim();
    expect(basename(outfallFile)).toContain('红旗区入河排污口排查整治台账');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(outfallFile);
    expect(wb2.getWorksheet('排污口清单')!.getCell('A1').text).toBe('红旗区入河排污口排查整治台账');
    expect(wb2.getWorksheet('主要河流清单')).toBeDefined();
    const county = wb2.getWorksheet('排污口清单')!.getCell('D4').dataValidation;
    expect(county).toMatchObject({ type: 'list', showErrorMessage: true });
    const [, col, to] = /^'_lists'!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(String(county?.formulae[0]))!;
    const lists = wb2.getWorksheet('_lists')!;
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
