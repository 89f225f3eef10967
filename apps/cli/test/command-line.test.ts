import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formIds } from '@tianbao/forms/list';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { COMMANDS, CommandLineRefused, commandLine, runCommandLine } from '../src/command-line.ts';

// What a command line called wrongly is told, word for word, as the CLI prints it before exiting with 2
// (test/e2e/cli.test.ts runs the CLI for the exit status and the streams).
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures');
const tempDir = () => mkdtempSync(join(tmpdir(), 'tianbao-cli-'));
const sample = reviewLedger.samples.find((s) => s.unit === '修武县')!;
const NAMES = COMMANDS.map((c) => String(c.command).split(' ')[0]).join('、');

/** The lines a command line is refused with; fails when it is not refused. */
async function said(argv: string[]): Promise<string[]> {
  const refused = await runCommandLine(argv).then(
    () => expect.unreachable(`${argv.join(' ')} ran`),
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(CommandLineRefused);
  const text = (refused as CommandLineRefused).message;
  expect(text).not.toMatch(/non-option|[A-Z][a-z]+ [a-z]+|ENOENT|ENOTDIR|ENAMETOOLONG|EISDIR|\bat /);
  return text.split('\n');
}
const first = async (argv: string[]) => (await said(argv))[0];

/** What `--help` prints, without printing it or exiting. */
const helpOf = (argv: string[]) =>
  new Promise<string>((resolve, reject) => {
    commandLine(argv).parseAsync(argv, {}, (err, _args, output) => (err ? reject(err) : resolve(output)));
  });

describe('help', () => {
  it('--version prints the version of the package', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect((await helpOf(['--version'])).trim()).toBe(version);
  });

  it.each(NAMES.split('、'))('%s --help explains itself with an example, in Chinese', async (name) => {
    const help = await helpOf([name, '--help']);
    expect(help).toContain(`tianbao ${name}`);
    expect(help).toContain('示例');
    expect(help).toContain('显示帮助信息');
    expect(help).not.toMatch(/Examples|Show help|Options/);
  });

  it('says what --period is to each command: a fallback to validate, the month counted to status', async () => {
    const period = async (name: string) => (await helpOf([name, '--help'])).split('\n').find((l) => l.includes('--period'));
    expect(await period('validate')).toContain('文件中和文件名中都没有时使用');
    expect(await period('status')).toContain('统计哪个月的报送情况');
    expect(await period('status')).not.toContain('都没有时使用');
  });
});

describe('a command called wrongly', () => {
  it('names the commands when none or an unknown one is given, and the nearest one', async () => {
    expect(await said([])).toEqual([`请指定命令：${NAMES}`, '（tianbao --help 查看用法）']);
    expect(await said(['xyz'])).toEqual([`未知命令「xyz」，可用的命令：${NAMES}`, '（tianbao --help 查看用法）']);
    expect(await said(['nonsense'])).toEqual([`未知命令「nonsense」，可用的命令：${NAMES}`, '（tianbao --help 查看用法）']);
    expect(await said(['validat', 'a.xlsx'])).toEqual([`未知命令「validat」，可用的命令：${NAMES}。是否想用「validate」？`, '（tianbao --help 查看用法）']);
  });

  it('names the missing argument, the unknown option and the bad value, and the help of that command', async () => {
    expect(await said(['blank'])).toEqual([`缺少参数 <template>（表样编号：${formIds.join('、')}）`, '（tianbao blank --help 查看用法）']);
    expect(await said(['validate'])).toEqual(['缺少参数 <paths>（.xlsx 文件或文件夹）', '（tianbao validate --help 查看用法）']);
    expect(await said(['extract'])).toEqual(['缺少参数 <file>（.xlsx 文件）', '（tianbao extract --help 查看用法）']);
    expect(await said(['validate', 'a.xlsx', '--foo', '--as-off', '2023-06-01', '-z'])).toEqual(['无法识别的选项 --foo、--as-off、-z', '（tianbao validate --help 查看用法）']);
    expect(await said(['templates', 'extra'])).toEqual(['多余的参数「extra」', '（tianbao templates --help 查看用法）']);
    expect(await said(['generate', 'review-ledger'])).toEqual(['缺少必需的选项 --data', '（tianbao generate --help 查看用法）']);
    // An option's value left out is not an empty path, nor the next option.
    expect(await said(['generate', 'review-ledger', '--data'])).toEqual(['选项 --data 后面缺少值', '（tianbao generate --help 查看用法）']);
    expect(await said(['validate', 'a.xlsx', '--units', '--format', 'json'])).toEqual(['选项 --units 后面缺少值', '（tianbao validate --help 查看用法）']);
    expect(await said(['validate', 'a.xlsx', '--format', 'xml'])).toEqual(['--format 只能是 text、json，收到「xml」', '（tianbao validate --help 查看用法）']);
    expect(await said(['blank', 'ledger'])).toEqual([
      `表样编号 <template> 只能是 ${formIds.join('、')}，收到「ledger」`,
      '（tianbao blank --help 查看用法）',
    ]);
    expect(await first(['validate', 'x.xlsx', '--period', '2023-13'])).toMatch(/2023-13/);
    expect(await first(['blank', 'review-ledger', '--unit', '开封县', '-o', tempDir()])).toMatch(/开封县/);
  });

  it('names an unknown option, or one without its value, first: not the argument yargs took for its value', async () => {
    expect(await said(['validate', '--bogus', 'some.xlsx'])).toEqual(['无法识别的选项 --bogus', '（tianbao validate --help 查看用法）']);
    expect(await said(['validate', '-x', FIXTURES])).toEqual(['无法识别的选项 -x', '（tianbao validate --help 查看用法）']);
    expect(await said(['validate', '--format'])).toEqual(['选项 --format 后面缺少值', '（tianbao validate --help 查看用法）']);
    expect(await said(['generate', 'review-ledger', '--dta', 'x.json'])).toEqual(['无法识别的选项 --dta', '（tianbao generate --help 查看用法）']);
  });

  // Node's recursive mkdir never returns on /proc, where a folder cannot be made.
  it.runIf(process.platform === 'linux')('refuses at once an output folder the system will not make', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledger.json');
    writeFileSync(data, JSON.stringify(sample));
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    for (const [option, argv] of [
      ['-o', ['generate', 'review-ledger', '--data', data, '-o', '/proc/nope']],
      ['-o', ['blank', 'review-ledger', '-o', '/proc/nope/x']],
      ['--annotate', ['validate', join(FIXTURES, 'sheetjs', '修武县2023年6月问题台账.xlsx'), '--annotate', '/proc/nope']],
      ['--xlsx', ['status', inbox, '-t', 'review-ledger', '--period', '2023-06', '--xlsx', '/proc/nope/s.xlsx']],
    ] as const)
      expect(await first([...argv])).toBe(`${option} 无法创建文件夹：「/proc/nope」所在的位置不能新建文件夹`);
  });

  it('names a path that is not there, or cannot be, and why', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.txt');
    writeFileSync(file, '');
    const long = join(dir, `${'长'.repeat(100)}.xlsx`);
    expect(await said(['validate', join(dir, '报送')])).toEqual([`「${join(dir, '报送')}」不存在`, '（tianbao validate --help 查看用法）']);
    expect(await said(['validate', dir, join(file, 'b.xlsx')])).toEqual([`「${join(file, 'b.xlsx')}」路径中有一段不是文件夹`, '（tianbao validate --help 查看用法）']);
    expect(await first(['validate', long])).toBe(`「${long}」路径或其中的文件名太长`);
    expect(await first(['extract', join(dir, 'no.xlsx')])).toBe(`「${join(dir, 'no.xlsx')}」不存在`);
    expect(await first(['extract', dir])).toBe(`「${dir}」是文件夹，请给出一个 .xlsx 文件`);
    expect(await first(['generate', 'review-ledger', '--data', join(dir, 'no.json'), '-o', dir])).toBe(`--data 所给的数据文件「${join(dir, 'no.json')}」不存在`);
    expect(await first(['generate', 'review-ledger', '--data', dir, '-o', dir])).toBe(`--data 所给的数据文件「${dir}」是文件夹，请给出 JSON 文件`);
    expect(await first(['blank', 'review-ledger', '--units', join(dir, 'units.json'), '-o', dir])).toContain(`单位名单 ${join(dir, 'units.json')} 不存在`);
    const noList = await first(['validate', 'x.xlsx', '--units', 'no-such-list.json']);
    expect(noList).toContain('单位名单');
    expect(noList).toContain('不存在');
    // Where to write: a folder, or one that can be made, refused before anything is made.
    expect(await first(['blank', 'review-ledger', '-o', join(file, 'out')])).toBe(`-o 无法写入：「${file}」是文件，不是文件夹`);
    expect(await said(['blank', 'review-ledger', '-o', file])).toEqual([`-o 无法写入：「${file}」是文件，不是文件夹`, '（tianbao blank --help 查看用法）']);
    const data = join(dir, 'ledger.json');
    writeFileSync(data, JSON.stringify(sample));
    expect(await said(['generate', 'review-ledger', '--data', data, '-o', join(file, 'out')])).toEqual([`-o 无法写入：「${file}」是文件，不是文件夹`, '（tianbao generate --help 查看用法）']);
  });

  it('never takes an input for an output, and reads data only from a regular file', async () => {
    const dir = tempDir();
    const ledger = join(dir, '修武县2023年6月问题台账.xlsx');
    writeFileSync(ledger, await writeWorkbook(reviewLedger, sample));
    const before = readFileSync(ledger);
    expect(await first(['extract', ledger, '-o', ledger])).toContain('就是输入文件');
    expect(await first(['status', dir, '--template', 'review-ledger', '--period', '2023-06', '--xlsx', ledger])).toContain('就是输入文件');
    expect(Buffer.compare(readFileSync(ledger), before)).toBe(0);
    // Data from a FIFO would wait for a writer for ever: refused at once.
    execFileSync('mkfifo', [join(dir, 'data.json')]);
    expect(await first(['generate', 'review-ledger', '--data', join(dir, 'data.json'), '-o', dir])).toContain('不是普通文件');
    // A time limit beyond what a timer holds would fire at once: a usage error.
    expect(await first(['validate', ledger, '--time-limit', '2200000'])).toContain('--time-limit');
  });
});
