import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';

const sample = reviewLedger.samples.find((s) => s.unit === '修武县')!;

describe('tianbao templates and help', () => {
  it('lists the forms', async () => {
    const r = await tianbao(['templates']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('review-ledger\t行政复议工作问题台账\t2023.1');
    const json = JSON.parse((await tianbao(['templates', '--format', 'json'])).stdout);
    expect(json[0]).toMatchObject({ id: 'review-ledger', name: '行政复议工作问题台账' });
  });

  it.each(['templates', 'blank', 'generate', 'extract', 'validate', 'status', 'demo'])('%s --help explains itself with an example', async (cmd) => {
    const r = await tianbao([cmd, '--help']);
    expect(r.code).toBe(0);
    // In Chinese, yargs's own words too.
    expect(r.stdout).toContain('示例');
    expect(r.stdout).toContain('显示帮助信息');
    expect(r.stdout).not.toMatch(/Examples|Show help|Options/);
  });

  it('exits 2 on a usage error, said in Chinese', async () => {
    expect((await tianbao(['nonsense'])).code).toBe(2);
    const missing = await tianbao(['blank']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('缺少');
    expect(missing.stderr).not.toMatch(/Not enough|arguments/);
    const noList = await tianbao(['validate', 'x.xlsx', '--units', 'no-such-list.json']);
    expect(noList.code).toBe(2);
    expect(noList.stderr).toContain('单位名单');
    expect(noList.stderr).toContain('不存在');
    expect(noList.stderr).not.toMatch(/ENOENT/);
    expect((await tianbao(['validate', 'x.xlsx', '--period', '2023-13'])).code).toBe(2);
    expect((await tianbao(['blank', 'review-ledger', '--unit', '开封县', '-o', tempDir()])).code).toBe(2);
  });
});

describe('blank, generate, extract', () => {
  it('writes the blank workbook for a unit', async () => {
    const out = tempDir();
    const r = await tianbao(['blank', 'review-ledger', '--unit', '修武县', '-o', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.stdout.trim());
    const ws = wb.getWorksheet('问题台账')!;
    expect(ws.getCell('A1').text).toBe('修武县行政复议工作问题台账');
  });

  it('generates XLSX and PDF, and extract gives back the same data', async () => {
    const out = tempDir();
    const data = join(out, 'ledger.json');
    writeFileSync(data, JSON.stringify(sample));
    const r = await tianbao(['generate', 'review-ledger', '--data', data, '-o', out, '--format', 'xlsx,pdf']);
    expect(r.code).toBe(0);
    const [xlsx, pdf] = r.stdout.trim().split('\n');
    expect(xlsx).toMatch(/修武县2023年6月行政复议工作问题台账\.xlsx$/);
    const text = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(pdf!))), { mergePages: true });
    expect(text.text).toContain('修武县行政复议工作问题台账');
    expect(text.text).toContain(sample.rows.hearing.problems[0]!.slice(0, 8));

    const back = join(out, 'back.json');
    const e = await tianbao(['extract', xlsx!, '-o', back]);
    expect(e.code).toBe(0);
    expect(JSON.parse(readFileSync(back, 'utf8'))).toEqual(sample);
  });

  it('writes one pair per ledger for a list', async () => {
    const out = tempDir();
    const data = join(out, 'list.json');
    writeFileSync(data, JSON.stringify(reviewLedger.samples.slice(0, 3)));
    const r = await tianbao(['generate', 'review-ledger', '--data', data, '-o', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).filter((f) => /\.(xlsx|pdf)$/.test(f))).toHaveLength(6);
  });

  it('refuses bad data with its JSON path and writes nothing', async () => {
    const out = tempDir();
    const data = join(out, 'bad.json');
    const bad = structuredClone(sample) as any;
    bad.rows.acceptance.deadlines = ['2023-02-30'];
    writeFileSync(data, JSON.stringify([sample, bad]));
    const r = await tianbao(['generate', 'review-ledger', '--data', data, '-o', join(out, 'o')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$[1].rows.acceptance.deadlines[0]');
    expect(existsSync(join(out, 'o'))).toBe(false);
  });
});

describe('validate', () => {
  const good = join(FIXTURES, 'sheetjs', '修武县2023年6月问题台账.xlsx');
  const faulty = join(FIXTURES, 'sheetjs', 'faulty-2023-06.xlsx');
  const shuffled = join(FIXTURES, 'sheetjs', 'ledger-shuffled.xlsx');

  it('accepts a ledger a clerk typed in another program', async () => {
    const before = statSync(good).mtimeMs;
    const r = await tianbao(['validate', good, '--format', 'json', '--as-of', '2023-06-26']);
    const report = JSON.parse(r.stdout);
    expect(report.files[0]).toMatchObject({ template: 'review-ledger', unit: '修武县', period: '2023-06', valid: true, issues: [] });
    expect(r.code).toBe(0);
    expect(statSync(good).mtimeMs).toBe(before);
  });

  it('reads that ledger back into data', async () => {
    const r = await tianbao(['extract', good]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.rows.acceptance).toEqual({
      problems: ['补正通知未一次性告知', '受理审查超期'],
      measures: ['制定补正材料清单', '建立受理台账'],
      deadlines: ['2023-07-31'],
    });
    expect(data.rows.hearing.deadlines).toEqual(['2023-08-31']);
    expect(data.rows.drafting.deadlines).toEqual(['2023-08-31', '长期坚持']);
  });

  it('reads a ledger typed into LibreOffice Calc', async () => {
    const file = join(FIXTURES, 'libreoffice', '博爱县2023年7月问题台账.xlsx');
    const r = await tianbao(['extract', file, '--as-of', '2023-07-20']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({ unit: '博爱县', period: '2023-07' });
    expect(data.rows.acceptance.problems).toEqual(['窗口受理登记不规范', '补正告知不一次性到位']);
    expect(data.rows.acceptance.deadlines).toEqual(['2023-08-31']);
    expect(data.rows.hearing).toEqual({ problems: [], measures: [], deadlines: [] });
    expect(data.rows.drafting.deadlines).toEqual(['2023-09-30']);
    expect(data.rows.special.deadlines).toEqual(['长期坚持']);
  });

  it('reads back its own workbook after LibreOffice saved it again', async () => {
    const r = await tianbao(['extract', join(FIXTURES, 'libreoffice', '温县2023年6月行政复议工作问题台账.xlsx')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(reviewLedger.samples.find((s) => s.unit === '温县'));
  });

  it('names the sheet, cell and rule of each fault', async () => {
    const r = await tianbao(['validate', faulty, '--format', 'json']);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout).files;
    expect(file.valid).toBe(false);
    const found = file.issues.map((i: any) => `${i.severity} ${i.rule} ${i.cell}`);
    expect(found).toContain('error ledger.unit.placeholder A1');
    expect(found).toContain('error ledger.deadline.unparsable E4');
    expect(found).toContain('error ledger.measures.missing D4');
    expect(found).toContain('error ledger.deadline.unparsable E5');
    expect(found).toContain('warning ledger.content.changed B6');
    const bad = file.issues.find((i: any) => i.cell === 'E4');
    expect(bad).toMatchObject({ sheet: '台账', row: 4, column: 'E' });
    expect(bad.message).toContain('2023年13月5日');
  });

  it('prints one line per issue, without colour off a terminal', async () => {
    const r = await tianbao(['validate', faulty]);
    expect(r.stdout).toMatch(/E4 +错误 +完成时限「2023年13月5日」不是有效日期，请填写如 2023年7月31日/);
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('reports rows out of order and units not on the list', async () => {
    const r = await tianbao(['validate', shuffled, '--format', 'json']);
    const rules = JSON.parse(r.stdout).files[0].issues.map((i: any) => i.rule);
    expect(rules).toEqual(expect.arrayContaining(['table.rows.order', 'ledger.unit.unknown']));
  });

  it('checks a whole folder; a broken file is one error and the rest are still checked', async () => {
    const dir = tempDir();
    copyFileSync(good, join(dir, 'a-修武县2023年6月.xlsx'));
    writeFileSync(join(dir, 'b-broken.xlsx'), 'not a workbook');
    copyFileSync(faulty, join(dir, 'c-faulty-2023-06.xlsx'));
    const r = await tianbao(['validate', dir, '--format', 'json', '--as-of', '2023-06-26']);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ files: 3, valid: 1, invalid: 2 });
    expect(report.files[1].issues).toHaveLength(1);
    expect(report.files[1].issues[0]).toMatchObject({ rule: 'file.not-xlsx', cell: null, row: null, column: null });
    expect(r.code).toBe(1);
  });

  it('takes another city’s unit list', async () => {
    const dir = tempDir();
    const units = join(dir, 'units.json');
    writeFileSync(units, JSON.stringify({ city: { name: '开封市', code: '410200' }, units: [{ name: '开封县', code: '410221' }] }));
    const r = await tianbao(['validate', shuffled, '--units', units, '--format', 'json']);
    const rules = JSON.parse(r.stdout).files[0].issues.map((i: any) => i.rule);
    expect(rules).not.toContain('ledger.unit.unknown');
    expect(JSON.parse(r.stdout).files[0].unit).toBe('开封县');
  });

  it('finds the unit list named in tianbao.config.json', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'kaifeng.json'), JSON.stringify({ city: { name: '开封市', code: '410200' }, units: [{ name: '开封县', code: '410221' }] }));
    writeFileSync(join(dir, 'tianbao.config.json'), JSON.stringify({ units: 'kaifeng.json' }));
    const r = await tianbao(['validate', shuffled, '--format', 'json'], dir);
    expect(JSON.parse(r.stdout).files[0].unit).toBe('开封县');
  });
});

describe('inputs and outputs that are not what they seem', () => {
  it('never writes an output over an input, a folder or a device, and reads data only from a regular file', async () => {
    const dir = tempDir();
    const ledger = join(dir, '修武县2023年6月问题台账.xlsx');
    writeFileSync(ledger, await writeWorkbook(reviewLedger, reviewLedger.samples[0]!));
    const before = readFileSync(ledger);
    const extract = await tianbao(['extract', ledger, '-o', ledger]);
    expect(extract.code).toBe(2);
    expect(extract.stderr).toContain('就是输入文件');
    const status = await tianbao(['status', dir, '--template', 'review-ledger', '--period', '2023-06', '--xlsx', ledger]);
    expect(status.code).toBe(2);
    expect(Buffer.compare(readFileSync(ledger), before)).toBe(0);
    // An output name taken by a folder is left alone.
    mkdirSync(join(dir, 'x.json'));
    const folder = await tianbao(['extract', ledger, '-o', join(dir, 'x.json')]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('不是普通文件');
    // Data from a FIFO would wait for a writer for ever: refused at once.
    execFileSync('mkfifo', [join(dir, 'data.json')]);
    const fifo = await tianbao(['generate', 'review-ledger', '--data', join(dir, 'data.json'), '-o', dir]);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toContain('不是普通文件');
    const bad = await tianbao(['generate', 'review-ledger', '--data', join(dir, 'no.json'), '-o', dir]);
    expect(bad.stderr).not.toMatch(/ENOENT|no such file/);
    // A time limit beyond what a timer holds would fire at once: a usage error.
    expect((await tianbao(['validate', ledger, '--time-limit', '2200000'])).code).toBe(2);
  });
});
