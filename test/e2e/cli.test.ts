import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayWidth } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, tempDir, tianbao, type Run } from './run.ts';

const sample = reviewLedger.samples.find((s) => s.unit === '修武县')!;

describe('tianbao templates and help', () => {
  it('lists the forms, in columns that line up on a terminal', async () => {
    const r = await tianbao(['templates']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^review-ledger +行政复议工作问题台账 +2023\.1  焦政办〔2023〕24号$/);
    // Each column starts at the same place on every line, a Chinese character taking two.
    const versionAt = lines.map((l) => displayWidth(l.slice(0, l.indexOf('2023.1'))));
    expect(versionAt).toEqual([versionAt[0], versionAt[0], versionAt[0], versionAt[0]]);
    const json = JSON.parse((await tianbao(['templates', '--format', 'json'])).stdout);
    expect(json[0]).toMatchObject({ id: 'review-ledger', name: '行政复议工作问题台账' });
  });

  it.each(['templates', 'blank', 'generate', 'extract', 'validate', 'status', 'demo', 'serve', 'users'])('%s --help explains itself with an example', async (cmd) => {
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
    expect(missing.stderr).toBe('缺少参数 <template>（表样编号：review-ledger、census-roster、outfall-checklist、fire-safety-contacts）\n（tianbao blank --help 查看用法）\n');
    const noList = await tianbao(['validate', 'x.xlsx', '--units', 'no-such-list.json']);
    expect(noList.code).toBe(2);
    expect(noList.stderr).toContain('单位名单');
    expect(noList.stderr).toContain('不存在');
    expect(noList.stderr).not.toMatch(/ENOENT/);
    expect((await tianbao(['validate', 'x.xlsx', '--period', '2023-13'])).code).toBe(2);
    expect((await tianbao(['blank', 'review-ledger', '--unit', '开封县', '-o', tempDir()])).code).toBe(2);
  });
});

describe('a command called wrongly', () => {
  const COMMANDS = 'templates、blank、generate、extract、validate、status、demo、serve、users';
  /** What the user reads, and the status: a usage error is exit 2, said in Chinese, with where to read more. */
  const said = async (args: string[]) => {
    const r = await tianbao(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/non-option|[A-Z][a-z]+ [a-z]+|ENOENT|ENOTDIR|ENAMETOOLONG|EISDIR|\bat /);
    return r.stderr.trimEnd().split('\n');
  };

  it('names the commands when none or an unknown one is given, and the nearest one', async () => {
    expect(await said([])).toEqual([`请指定命令：${COMMANDS}`, '（tianbao --help 查看用法）']);
    expect(await said(['xyz'])).toEqual([`未知命令「xyz」，可用的命令：${COMMANDS}`, '（tianbao --help 查看用法）']);
    expect(await said(['validat', 'a.xlsx'])).toEqual([`未知命令「validat」，可用的命令：${COMMANDS}。是否想用「validate」？`, '（tianbao --help 查看用法）']);
  });

  it('names the missing argument, the unknown option and the bad value, and the help of that command', async () => {
    expect(await said(['validate'])).toEqual(['缺少参数 <paths>（.xlsx 文件或文件夹）', '（tianbao validate --help 查看用法）']);
    expect(await said(['extract'])).toEqual(['缺少参数 <file>（.xlsx 文件）', '（tianbao extract --help 查看用法）']);
    expect(await said(['validate', 'a.xlsx', '--foo', '--as-off', '2023-06-01', '-z'])).toEqual([
      '无法识别的选项 --foo、--as-off、-z',
      '（tianbao validate --help 查看用法）',
    ]);
    expect(await said(['templates', 'extra'])).toEqual(['多余的参数「extra」', '（tianbao templates --help 查看用法）']);
    expect(await said(['generate', 'review-ledger'])).toEqual(['缺少必需的选项 --data', '（tianbao generate --help 查看用法）']);
    // An option's value left out is not an empty path, nor the next option.
    expect(await said(['generate', 'review-ledger', '--data'])).toEqual(['选项 --data 后面缺少值', '（tianbao generate --help 查看用法）']);
    expect(await said(['validate', 'a.xlsx', '--units', '--format', 'json'])).toEqual(['选项 --units 后面缺少值', '（tianbao validate --help 查看用法）']);
    expect(await said(['validate', 'a.xlsx', '--format', 'xml'])).toEqual(['--format 只能是 text、json，收到「xml」', '（tianbao validate --help 查看用法）']);
    expect(await said(['blank', 'ledger'])).toEqual([
      '表样编号 <template> 只能是 review-ledger、census-roster、outfall-checklist、fire-safety-contacts，收到「ledger」',
      '（tianbao blank --help 查看用法）',
    ]);
    expect(await said(['validate', FIXTURES, '--jobs', 'two'])).toEqual(['--jobs 应为正整数，收到「two」，不是数字', '（tianbao validate --help 查看用法）']);
  });

  it('names an unknown option, or one without its value, first: not the argument yargs took for its value', async () => {
    expect(await said(['validate', '--bogus', 'some.xlsx'])).toEqual(['无法识别的选项 --bogus', '（tianbao validate --help 查看用法）']);
    expect(await said(['validate', '-x', FIXTURES])).toEqual(['无法识别的选项 -x', '（tianbao validate --help 查看用法）']);
    expect(await said(['validate', '--format'])).toEqual(['选项 --format 后面缺少值', '（tianbao validate --help 查看用法）']);
    expect(await said(['generate', 'review-ledger', '--dta', 'x.json'])).toEqual(['无法识别的选项 --dta', '（tianbao generate --help 查看用法）']);
    expect(await said(['generate', 'review-ledger', '--data', 'x.json', '-j', 'abc'])).toEqual(['--jobs 应为正整数，收到「abc」，不是数字', '（tianbao generate --help 查看用法）']);
  });

  // Node's recursive mkdir never returns on /proc, where a folder cannot be made.
  it.runIf(process.platform === 'linux')('refuses at once an output folder the system will not make', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledger.json');
    writeFileSync(data, JSON.stringify(sample));
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    for (const [option, args] of [
      ['-o', ['generate', 'review-ledger', '--data', data, '-o', '/proc/nope']],
      ['-o', ['blank', 'review-ledger', '-o', '/proc/nope/x']],
      ['--annotate', ['validate', join(FIXTURES, 'sheetjs', '修武县2023年6月问题台账.xlsx'), '--annotate', '/proc/nope']],
      ['--xlsx', ['status', inbox, '-t', 'review-ledger', '--period', '2023-06', '--xlsx', '/proc/nope/s.xlsx']],
    ] as const) {
      const r = await tianbao([...args], ROOT, 20_000);
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, `${option} 无法创建文件夹：「/proc/nope」所在的位置不能新建文件夹`]);
    }
  });

  it('names a path that is not there, or cannot be, and why', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.txt');
    writeFileSync(file, '');
    const long = join(dir, `${'长'.repeat(100)}.xlsx`);
    expect(await said(['validate', join(dir, '报送')])).toEqual([`「${join(dir, '报送')}」不存在`, '（tianbao validate --help 查看用法）']);
    expect(await said(['validate', dir, join(file, 'b.xlsx')])).toEqual([`「${join(file, 'b.xlsx')}」路径中有一段不是文件夹`, '（tianbao validate --help 查看用法）']);
    expect((await said(['validate', long]))[0]).toBe(`「${long}」路径或其中的文件名太长`);
    expect((await said(['extract', join(dir, 'no.xlsx')]))[0]).toBe(`「${join(dir, 'no.xlsx')}」不存在`);
    expect((await said(['extract', dir]))[0]).toBe(`「${dir}」是文件夹，请给出一个 .xlsx 文件`);
    expect((await said(['generate', 'review-ledger', '--data', join(dir, 'no.json'), '-o', dir]))[0]).toBe(`--data 所给的数据文件「${join(dir, 'no.json')}」不存在`);
    expect((await said(['generate', 'review-ledger', '--data', dir, '-o', dir]))[0]).toBe(`--data 所给的数据文件「${dir}」是文件夹，请给出 JSON 文件`);
    expect((await said(['blank', 'review-ledger', '--units', join(dir, 'units.json'), '-o', dir]))[0]).toContain(`单位名单 ${join(dir, 'units.json')} 不存在`);
    // Where to write: a folder, or one that can be made.
    expect((await said(['blank', 'review-ledger', '-o', join(file, 'out')]))[0]).toBe(`-o 无法写入：「${file}」是文件，不是文件夹`);
  });
});

describe('a reader that goes away', () => {
  /** Run the CLI with its stdout on a real pipe whose reading end is closed at once, as `| head -1` does once it has its line. */
  const closedPipe = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'tianbao.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  it('ends quietly, with the exit status the run has', async () => {
    const dir = tempDir();
    const ledger = join(dir, '修武县2023年6月问题台账.xlsx');
    writeFileSync(ledger, await writeWorkbook(reviewLedger, sample));
    // extract writes its JSON straight to stdout; validate prints its report.
    expect(await closedPipe(['extract', ledger])).toEqual({ code: 0, stderr: '' });
    expect(await closedPipe(['validate', join(FIXTURES, 'sheetjs', 'faulty-2023-06.xlsx'), '--format', 'json'])).toEqual({ code: 1, stderr: '' });
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

  // One run makes what three tests read: a list of two ledgers, each as XLSX and PDF, on paper given in lower case.
  const made = tempDir();
  const other = reviewLedger.samples.find((s) => s.unit !== sample.unit)!;
  let list: Run;
  beforeAll(async () => {
    writeFileSync(join(made, 'list.json'), JSON.stringify([sample, other]));
    list = await tianbao(['generate', 'review-ledger', '--data', join(made, 'list.json'), '-o', made, '--paper', 'a3']);
  });

  it('generates XLSX and PDF, and extract gives back the same data', async () => {
    expect(list.code).toBe(0);
    const [xlsx, pdf] = list.stdout.trim().split('\n');
    expect(xlsx).toMatch(/修武县2023年6月行政复议工作问题台账\.xlsx$/);
    const text = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(pdf!))), { mergePages: true });
    expect(text.text).toContain('修武县行政复议工作问题台账');
    expect(text.text).toContain(sample.rows.hearing.problems[0]!.slice(0, 8));

    const back = join(made, 'back.json');
    const e = await tianbao(['extract', xlsx!, '-o', back]);
    expect(e.code).toBe(0);
    expect(JSON.parse(readFileSync(back, 'utf8'))).toEqual(sample);
  });

  it('writes one pair per ledger for a list', () => {
    expect(list.code).toBe(0);
    expect(readdirSync(made).filter((f) => /\.(xlsx|pdf)$/.test(f))).toHaveLength(4);
  });

  it('refuses bad data with its JSON path and writes nothing', async () => {
    const out = tempDir();
    const data = join(out, 'bad.json');
    const bad = structuredClone(sample) as any;
    bad.rows.acceptance.deadlines = ['2023-02-30'];
    const worse = { period: '2023-6', rows: { acceptence: {}, hearing: { problems: [5], measures: 'x', deadlines: [] } } };
    writeFileSync(data, JSON.stringify([sample, bad, worse]));
    const r = await tianbao(['generate', 'review-ledger', '--data', data, '-o', join(out, 'o')]);
    expect(r.code).toBe(1);
    // Each place by its JSON path and the form's name for it, what belongs there in Chinese, and what was there.
    expect(r.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        `${data} $[1].rows.acceptance.deadlines[0]（案件受理方面的完成时限）：不是有效日期，收到「2023-02-30」`,
        `${data} $[2].unit（单位）：应填写文字，不能为空`,
        `${data} $[2].period（报送月份）：月份应写作 YYYY-MM，收到「2023-6」`,
        `${data} $[2].rows.acceptence：行政复议工作问题台账的数据没有这一项，请检查拼写；此处可有：acceptance、hearing、drafting、enforcement、special`,
        `${data} $[2].rows.hearing.problems[0]（案件审理方面的存在问题）：应为文字（加英文双引号），收到 5`,
        `${data} $[2].rows.hearing.measures（案件审理方面的改进措施）：应为列表 […]，收到「x」`,
      ]),
    );
    expect(r.stderr).not.toMatch(/期望|实际接收|string|undefined|array/);
    expect(existsSync(join(out, 'o'))).toBe(false);
  });

  it('quotes data text on one line, names the table and an empty list of data, and takes --paper in any case', async () => {
    const out = tempDir();
    const write = (name: string, value: unknown) => {
      writeFileSync(join(out, name), JSON.stringify(value));
      return join(out, name);
    };
    const split = write('split.json', { ...sample, rows: { ...sample.rows, acceptance: { problems: ['a\nb'], measures: ['1.x'], deadlines: ['2023-07-01'] } } });
    expect((await tianbao(['generate', 'review-ledger', '--data', split, '-o', out])).stderr).toContain('一项只写一行，收到「a\\nb」\n');
    const none = write('none.json', []);
    const n = await tianbao(['generate', 'review-ledger', '--data', none, '-o', out]);
    expect([n.code, n.stderr]).toEqual([1, `${none}：数据文件中没有任何表，未生成文件\n`]);
    const roster = write('roster.json', { unit: '修武县', members: [] });
    expect((await tianbao(['generate', 'census-roster', '--data', roster, '-o', out])).stderr).toContain(`${roster} $.members（表格）：名单中没有人员\n`);
    // The list above was made with `--paper a3`. A3 is 297 × 420 mm: 841.89 × 1190.55 points.
    expect(list.code).toBe(0);
    expect(readFileSync(list.stdout.trim().split('\n')[1]!, 'latin1')).toMatch(/\/MediaBox \[0 0 (1190\.55\d* 841\.89|841\.89\d* 1190\.55)/);
  });
});

describe('validate', () => {
  const good = join(FIXTURES, 'sheetjs', '修武县2023年6月问题台账.xlsx');
  const faulty = join(FIXTURES, 'sheetjs', 'faulty-2023-06.xlsx');
  const shuffled = join(FIXTURES, 'sheetjs', 'ledger-shuffled.xlsx');

  // Two runs that several tests read: the faulty and the shuffled ledger in one JSON report, and a text
  // report of two files that are no workbook beside the faulty ledger.
  const dir = tempDir();
  const [json, xls, cut] = ['ledger.json', 'a.xls', '修武县.xlsx'].map((name) => join(dir, name));
  let judged: Run;
  let text: Run;
  beforeAll(async () => {
    writeFileSync(json!, '{}');
    writeFileSync(xls!, 'x\n');
    writeFileSync(cut!, 'PK\x03\x04');
    [judged, text] = await Promise.all([tianbao(['validate', faulty, shuffled, '--format', 'json']), tianbao(['validate', json!, xls!, faulty])]);
  });

  it('says what a file that is no workbook is called, and that no marked-up copy is made of a file not read', async () => {
    expect(text.stdout).toContain('文件扩展名为 .json，不是 Excel 工作簿，请提交 .xlsx 格式的表格  [file.not-xlsx]');
    expect(text.stdout).toContain('文件是旧版 Excel 97-2003（.xls）格式，请用 Excel/WPS 打开后“另存为” Excel 工作簿（.xlsx）再提交  [file.xls]');
    const a = await tianbao(['validate', cut!, '--annotate', join(dir, 'back')]);
    expect(a.stderr).toMatch(new RegExp(`^批注副本：（未生成）${cut}：文件无法读取（.+）$`, 'm'));
  });

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

  it('names the sheet, cell and rule of each fault', () => {
    // Both files of the run are invalid by the form's rules: no other fault sets the status.
    expect(judged.code).toBe(1);
    const [file] = JSON.parse(judged.stdout).files;
    expect(file.file).toBe(faulty);
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

  it('prints one line per issue, without colour off a terminal', () => {
    expect(text.stdout).toMatch(/E4 +错误 +完成时限「2023年13月5日」不是有效日期，请填写如 2023年7月31日/);
    expect(text.stdout).not.toContain('\x1b[');
  });

  it('reports rows out of order and units not on the list', () => {
    const report = JSON.parse(judged.stdout).files[1];
    expect(report.file).toBe(shuffled);
    const rules = report.issues.map((i: any) => i.rule);
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
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain('不是普通文件');
    // A time limit beyond what a timer holds would fire at once: a usage error.
    expect((await tianbao(['validate', ledger, '--time-limit', '2200000'])).code).toBe(2);
  });
});
