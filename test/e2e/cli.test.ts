import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayWidth } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, tempDir, tianbao, type Run } from './run.ts';

const sample = reviewLedger.samples.find((s) => s.unit === '修武县')!;

// What each command says to a command line called wrongly, word for word, and each command's help, are
// checked in-process (apps/cli/test/command-line.test.ts); here, one run of each kind shows the exit status
// and what goes to which stream.
describe('tianbao templates and help', () => {
  it('lists the forms, in columns that line up on a terminal', async () => {
    const r = await tianbao(['templates']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^review-ledger +行政复议工作问题台账 +2023\.1  焦政办〔2023〕24号$/);
    // Each column starts at the same place on every line, a Chinese character taking two.
    const versionAt = lines.map((l) => displayWidth(l.slice(0, l.indexOf('2023.1'))));
    expect(versionAt).toEqual([versionAt[0], versionAt[0], versionAt[0], versionAt[0]]);
  });

  it('prints the help of a command, in Chinese, and exits 0', async () => {
    const r = await tianbao(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^tianbao validate <paths\.\.>\n/);
    expect(r.stdout).toContain('示例');
    expect(r.stdout).toContain('显示帮助信息');
    expect(r.stdout).not.toMatch(/Examples|Show help|Options/);
  });

  it('says of each option what the command does with it: status needs its form named, validate finds it', async () => {
    const option = async (command: string) => (await tianbao([command, '--help'])).stdout.split('\n').find((l) => l.includes('--template'));
    expect(await option('status')).toContain('必填');
    expect(await option('validate')).toContain('默认自动识别');
  });
});

describe('a command called wrongly', () => {
  /** What the user reads, and the status: a usage error is exit 2, said in Chinese, with where to read more. */
  const said = async (args: string[]) => {
    const r = await tianbao(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/non-option|[A-Z][a-z]+ [a-z]+|ENOENT|ENOTDIR|ENAMETOOLONG|EISDIR|\bat /);
    return r.stderr.trimEnd().split('\n');
  };

  it('exits 2 with what was wrong and where to read more on stderr: no command, a fault yargs finds, one a command finds', async () => {
    const dir = tempDir();
    const [none, unknown, missing] = await Promise.all([said([]), said(['validate', 'a.xlsx', '--foo', '--as-off', '2023-06-01', '-z']), said(['validate', join(dir, '报送')])]);
    // Every command, written out: importing the CLI's sources to list them cost this file about a second of CPU.
    expect(none).toEqual(['请指定命令：templates、blank、generate、extract、validate、status、compile、demo、serve、users', '（tianbao --help 查看用法）']);
    expect(unknown).toEqual(['无法识别的选项 --foo、--as-off、-z', '（tianbao validate --help 查看用法）']);
    expect(missing).toEqual([`「${join(dir, '报送')}」不存在`, '（tianbao validate --help 查看用法）']);
  });

  it('names a number option by what was typed after it, by its name or its alias', async () => {
    const [jobs, j, half, empty] = await Promise.all([
      said(['validate', FIXTURES, '--jobs', 'two']),
      said(['generate', 'review-ledger', '--data', 'x.json', '-j', 'abc']),
      said(['status', FIXTURES, '-t', 'review-ledger', '--period', '2023-06', '--jobs', '1.5']),
      said(['validate', FIXTURES, '--jobs', '']),
    ]);
    expect(jobs).toEqual(['--jobs 应为正整数，收到「two」，不是数字', '（tianbao validate --help 查看用法）']);
    expect(j).toEqual(['--jobs 应为正整数，收到「abc」，不是数字', '（tianbao generate --help 查看用法）']);
    expect(half).toEqual(['--jobs 应为正整数，收到「1.5」', '（tianbao status --help 查看用法）']);
    // yargs reads it as 0.
    expect(empty).toEqual(['--jobs 应为正整数，收到的是空值', '（tianbao validate --help 查看用法）']);
  });

  it('refuses an option given twice, by name or alias, where yargs would make it a list no command takes', async () => {
    const [format, out, jobs] = await Promise.all([
      said(['generate', 'review-ledger', '--data', 'x.json', '--format', 'xlsx', '--format', 'pdf']),
      said(['compile', 'review-ledger', FIXTURES, '-o', 'a', '--out', 'b']),
      said(['validate', FIXTURES, '-j', '1', '--jobs', '2']),
    ]);
    expect(format).toEqual(['--format 只能给一次，收到了 2 个：「xlsx」「pdf」', '（tianbao generate --help 查看用法）']);
    expect(out).toEqual(['--out 只能给一次，收到了 2 个：「a」「b」', '（tianbao compile --help 查看用法）']);
    expect(jobs).toEqual(['--jobs 只能给一次，收到了 2 个：「1」「2」', '（tianbao validate --help 查看用法）']);
    // A misspelt option is unknown first, however often it is given.
    expect(await said(['validate', FIXTURES, '--fromat', 'json', '--fromat', 'text'])).toEqual(['无法识别的选项 --fromat', '（tianbao validate --help 查看用法）']);
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
    // extract writes its JSON straight to stdout (of a ledger typed in another program); validate prints its report.
    expect(await closedPipe(['extract', join(FIXTURES, 'sheetjs', '修武县2023年6月问题台账.xlsx')])).toEqual({ code: 0, stderr: '' });
    expect(await closedPipe(['validate', join(FIXTURES, 'sheetjs', 'faulty-2023-06.xlsx'), '--format', 'json'])).toEqual({ code: 1, stderr: '' });
  });
});

describe('output that cannot be written', () => {
  /** Run the CLI with its stdout on /dev/full, a file every write to fails as on a full disk. */
  const fullDisk = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const out = openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'tianbao.js'), ...args], { stdio: ['ignore', out, 'pipe'] });
      closeSync(out);
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  it.skipIf(!existsSync('/dev/full'))('fails the run, saying why in Chinese once, whatever the run found', async () => {
    const said = { code: 1, stderr: '出错：无法写出结果，「标准输出」写入时磁盘空间已满\n' };
    expect(await fullDisk(['templates'])).toEqual(said);
    // Help and the version too, which yargs prints before it would end the process.
    expect(await fullDisk(['--help'])).toEqual(said);
    expect(await fullDisk(['validate', '--help'])).toEqual(said);
    expect(await fullDisk(['--version'])).toEqual(said);
    // A valid file's report and a faulty one's alike: the report was not delivered.
    expect(await fullDisk(['validate', join(FIXTURES, 'sheetjs', '修武县2023年6月问题台账.xlsx')])).toEqual(said);
    expect(await fullDisk(['validate', join(FIXTURES, 'sheetjs', 'faulty-2023-06.xlsx'), '--format', 'json'])).toEqual(said);
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
    const split = { ...sample, rows: { ...sample.rows, acceptance: { problems: ['a\nb'], measures: ['1.x'], deadlines: ['2023-07-01'] } } };
    // A carriage return alone breaks the line too, as a workbook shows it.
    const returned = { ...sample, rows: { ...sample.rows, hearing: { problems: ['c\rd'], measures: ['1.y'], deadlines: ['2023-07-01'] } } };
    // The 填报 line under the title is one line: a 填报单位 broken in two would not be read back.
    const twoLines = { ...sample, filler: '修武县\n司法局' };
    writeFileSync(data, JSON.stringify([sample, bad, worse, split, returned, twoLines]));
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
    // Data text is quoted on one line.
    expect(r.stderr).toContain('一项只写一行，收到「a\\nb」\n');
    expect(r.stderr).toContain('$[4].rows.hearing.problems[0]（案件审理方面的存在问题）：一项只写一行，收到「c\\rd」\n');
    expect(r.stderr).toContain('$[5].filler（填报单位）：只写一行，不能分段，收到「修武县\\n司法局」\n');
    expect(r.stderr).not.toMatch(/期望|实际接收|string|undefined|array/);
    expect(existsSync(join(out, 'o'))).toBe(false);
  });

  it('names the table and an empty list of data, and takes --paper in any case', async () => {
    const out = tempDir();
    const write = (name: string, value: unknown) => {
      writeFileSync(join(out, name), JSON.stringify(value));
      return join(out, name);
    };
    const none = write('none.json', []);
    const roster = write('roster.json', { unit: '修武县', members: [] });
    const [n, m] = await Promise.all([tianbao(['generate', 'review-ledger', '--data', none, '-o', out]), tianbao(['generate', 'census-roster', '--data', roster, '-o', out])]);
    expect([n.code, n.stderr]).toEqual([1, `${none}：数据文件中没有任何表，未生成文件\n`]);
    expect(m.stderr).toContain(`${roster} $.members（表格）：名单中没有人员\n`);
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
  // report, with marked-up copies, of three files that are no workbook beside the faulty ledger.
  const dir = tempDir();
  const [json, xls, cut] = ['ledger.json', 'a.xls', '修武县.xlsx'].map((name) => join(dir, name));
  let judged: Run;
  let text: Run;
  beforeAll(async () => {
    writeFileSync(json!, '{}');
    writeFileSync(xls!, 'x\n');
    writeFileSync(cut!, 'PK\x03\x04');
    [judged, text] = await Promise.all([
      tianbao(['validate', faulty, shuffled, '--format', 'json']),
      tianbao(['validate', json!, xls!, faulty, cut!, '--annotate', join(dir, 'back')]),
    ]);
  });

  it('says what a file that is no workbook is called, and that no marked-up copy is made of a file not read', () => {
    expect(text.stdout).toContain('文件扩展名为 .json，不是 Excel 工作簿，请提交 .xlsx 格式的表格  [file.not-xlsx]');
    expect(text.stdout).toContain('文件是旧版 Excel 97-2003（.xls）格式，请用 Excel/WPS 打开后“另存为” Excel 工作簿（.xlsx）再提交  [file.xls]');
    expect(text.stderr).toMatch(new RegExp(`^批注副本：（未生成）${cut}：文件无法读取（.+）$`, 'm'));
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
  // The other inputs and outputs refused before any work are in apps/cli/test/command-line.test.ts.
  it('never writes an output over an input or a folder', async () => {
    const dir = tempDir();
    const ledger = join(dir, '修武县2023年6月问题台账.xlsx');
    copyFileSync(join(FIXTURES, 'sheetjs', '修武县2023年6月问题台账.xlsx'), ledger);
    const before = readFileSync(ledger);
    // An output name taken by a folder is left alone.
    mkdirSync(join(dir, 'x.json'));
    const [over, folder] = await Promise.all([tianbao(['extract', ledger, '-o', ledger]), tianbao(['extract', ledger, '-o', join(dir, 'x.json')])]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('就是输入文件');
    expect(Buffer.compare(readFileSync(ledger), before)).toBe(0);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('不是普通文件');
  });
});
