import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import censusRoster from '@tianbao/template-census-roster';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, tempDir, tianbao } from './run.ts';

const ledger = reviewLedger.samples.find((s) => s.unit === '修武县' && s.period === '2023-06')!;

/** Generate ledgers from `data` (a fixture, or what to write as `data.json`) into a fresh folder. */
async function generate(data: string | unknown, ...more: string[]) {
  const dir = tempDir();
  const file = typeof data === 'string' ? data : join(dir, 'data.json');
  if (typeof data !== 'string') writeFileSync(file, JSON.stringify(data));
  const out = join(dir, 'out');
  const run = await tianbao(['generate', 'review-ledger', '--data', file, '-o', out, '--force', ...more]);
  return { ...run, dir, out, written: existsSync(out) ? readdirSync(out) : [] };
}

/** A unit list of these units, as `--units` takes it. */
function unitList(dir: string, ...names: string[]): string {
  const file = join(dir, 'units.json');
  writeFileSync(file, JSON.stringify({ city: { name: '某市', code: '410800' }, units: names.map((name, i) => ({ name, code: String(410801 + i) })) }));
  return file;
}

describe('a character the PDF font has not', () => {
  it('is named in a notice on stderr with the text it is in; both files are made and the run succeeds', async () => {
    const dir = tempDir();
    const roster = censusRoster.samples.find((s) => s.unit === '修武县')!;
    const data = join(dir, 'roster.json');
    writeFileSync(data, JSON.stringify({ ...roster, members: roster.members.map((m: { name: string }, i: number) => (i === 1 ? { ...m, name: '武𠮷' } : m)) }));
    const r = await tianbao(['generate', 'census-roster', '--data', data, '-o', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['修武县第五次全国经济普查领导小组组成人员名单.pdf', '修武县第五次全国经济普查领导小组组成人员名单.xlsx']);
    expect(r.stderr.trim()).toBe(
      '提示：修武县第五次全国经济普查领导小组组成人员名单.pdf 中 「𠮷」（U+20BB7，在「武　𠮷」中）PDF 字体中没有，打印出来是空框，请打印后手写补上；工作簿（XLSX）中不受影响',
    );
    // The city's compilation of it says so too.
    const compiled = await tianbao(['compile', 'census-roster', join(dir, 'out'), '-o', join(dir, 'city'), '--format', 'pdf']);
    expect(compiled.code).toBe(0);
    expect(compiled.stderr).toContain('汇总.pdf 中 「𠮷」（U+20BB7，在「武　𠮷」中）PDF 字体中没有');
  });
});

/** A tmpfs can be mounted in a mount namespace of one's own (as root, here and in CI). */
const canMount = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'], { stdio: 'ignore' }).status === 0;

describe('a disk that fills up', () => {
  it.skipIf(!canMount)('stops the run at the first file it cannot hold: a line for it and each file made beside it, one for the files not started, exit 1', async () => {
    const dir = tempDir();
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    const data = join(dir, 'ledgers.json');
    const units = ['解放区', '中站区', '马村区', '山阳区', '修武县', '博爱县', '武陟县', '温县', '沁阳市', '孟州市'];
    writeFileSync(data, JSON.stringify(['2023-05', '2023-06'].flatMap((period) => units.map((unit) => ({ ...ledger, unit, period })))));
    // Room for some ledgers of the 20, on a disk of its own.
    const script = `mount -t tmpfs -o size=400k tmpfs "$1" && exec "$2" generate review-ledger --data "$3" -o "$1/out" --jobs 1`;
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', disk, BIN, data], { env: { ...process.env, NO_COLOR: '' } }, (err, stdout, stderr) =>
        done({ code: err ? Number(err.code) : 0, stdout, stderr }),
      ),
    );
    expect(r.code).toBe(1);
    const written = r.stdout.trim().split('\n');
    const lines = r.stderr.trim().split('\n');
    expect(written.length).toBeGreaterThan(1);
    // The ledger whose file found the disk full, and the one a child made beside it (see `makeItems`): up to four files.
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(lines.slice(0, -1).every((l) => l.endsWith('行政复议工作问题台账.xlsx：写入时磁盘空间已满') || l.endsWith('行政复议工作问题台账.pdf：写入时磁盘空间已满'))).toBe(true);
    const left = Number(/^磁盘已满或只读，已停止生成：其余 (\d+) 个文件未生成。腾出空间后重新运行同一命令即可，已生成的文件会跳过$/.exec(lines.at(-1)!)?.[1]);
    // Every one of the 40 files is written, failed or not started.
    expect(written.length + lines.length - 1 + left).toBe(40);
  });
});

describe('generate never loses or overwrites an output', () => {
  it('refuses two ledgers for the same unit and month before writing anything, naming both', async () => {
    const r = await generate(join(FIXTURES, 'hostile', 'dup-unit-period.json'));
    expect(r.code).toBe(1);
    expect(r.written).toEqual([]);
    expect(r.stderr).toMatch(/dup-unit-period\.json \$\[0\] 与 \$\[1\]：都将写入 .*修武县2023年6月行政复议工作问题台账\.xlsx，后者会覆盖前者/);
    expect(r.stderr).toContain('未生成任何文件');
  });

  it('refuses units whose names differ only by characters a file name cannot hold', async () => {
    const dir = tempDir();
    const units = unitList(dir, '甲/乙区', '甲:乙区');
    const r = await generate([{ ...ledger, unit: '甲/乙区' }, { ...ledger, unit: '甲:乙区' }], '--units', units);
    expect(r.code).toBe(1);
    expect(r.written).toEqual([]);
    expect(r.stderr).toContain('$[0] 与 $[1]：都将写入');
    expect(r.stderr).toContain('单位「甲/乙区」与「甲:乙区」用作文件名时相同');
  });

  it('counts a file name in bytes: refuses one past 255, and writes one of exactly 255; a format named twice, once', async () => {
    // 70 Chinese characters: 90 characters in the file name, but 256 bytes.
    const long = '长'.repeat(69) + '县';
    const most = 'AB' + '长'.repeat(68) + '县';
    const dir = tempDir();
    const units = unitList(dir, long, most);
    const refused = await generate([{ ...ledger, unit: most }, { ...ledger, unit: long }], '--units', units);
    expect(refused.code).toBe(1);
    expect(refused.written).toEqual([]);
    expect(refused.stderr).toContain('$[1].unit：输出文件名');
    expect(refused.stderr).toContain('有 256 字节，超过文件名的上限 255 字节');
    expect(refused.stderr).not.toContain('$[0]');

    // The workbook alone, asked for twice: of the two names, its (.xlsx) is the longer, the one of 255 bytes.
    const written = await generate([{ ...ledger, unit: most }], '--units', units, '--format', 'xlsx,xlsx');
    expect(written).toMatchObject({ code: 0, stderr: '' });
    expect(written.written.map((f) => Buffer.byteLength(f))).toEqual([255]);
    expect(written.stdout.trim().split('\n'), 'xlsx named twice').toHaveLength(1);
    expect(written.written, 'xlsx named twice').toEqual([`${most}2023年6月行政复议工作问题台账.xlsx`]);
  });

  it('refuses a cell longer than Excel keeps, by its JSON path, before writing anything', async () => {
    const r = await generate(join(FIXTURES, 'hostile', 'data-40k-chars.json'));
    expect(r.code).toBe(1);
    expect(r.written).toEqual([]);
    expect(r.stderr).toContain('data-40k-chars.json $.rows.acceptance.problems：存在问题写入单元格后有 40002 个字符，超过 Excel 单元格的上限 32767 个字符');
  });

  it('refuses a character a workbook cannot hold, by its JSON path and the text around it, before writing anything', async () => {
    // A NUL and an ESC pasted from another system, U+FFFF, and half of a surrogate pair: the workbook writer drops
    // the first two and the last, and with U+FFFF it writes a file Excel cannot open.
    const problems = ['补正通知\x00未一次\x1b性告知', ...ledger.rows.acceptance.problems.slice(1)];
    const r = await generate([
      { ...ledger, rows: { ...ledger.rows, acceptance: { ...ledger.rows.acceptance, problems } } },
      { ...ledger, unit: '温县', filler: '温县司法局\uffff' },
      { ...ledger, unit: '孟州市', rows: { ...ledger.rows, hearing: { ...ledger.rows.hearing, measures: ['听取申请人\ud842意见'] } } },
    ]);
    expect(r.code).toBe(1);
    expect(r.written).toEqual([]);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringContaining('data.json $[0].rows.acceptance.problems：存在问题中有工作簿存不下的字符 U+0000（看不见的控制字符，或残缺的字），写入会丢失它或损坏文件；请从数据中删去，在「1.补正通知\\x00未一次\\x1b性告知'),
      expect.stringContaining('data.json $[1].filler：填报单位中有工作簿存不下的字符 U+FFFF'),
      expect.stringContaining('data.json $[2].rows.hearing.measures：改进措施中有工作簿存不下的字符 U+D842'),
      '数据有 3 处问题，未生成任何文件',
    ]);
    expect(lines[1]).toContain('温县司法局\\uffff');
    expect(lines[2]).toContain('听取申请人\\ud842意见');
  });

  it('shows a control character in what it quotes, never sends it to the terminal', async () => {
    // A BEL in a unit's name, an ESC sequence in a misspelt key: each shown by its code.
    const r = await generate([{ ...ledger, unit: '修武县\x07' }, { ...ledger, rows: { ...ledger.rows, ['acc\x1b[31mX']: {} } }]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(r.stderr).toContain('单位「修武县\\x07」不在');
    expect(r.stderr).toContain('$[1].rows.acc\\x1b[31mX');
  });

  it('never writes over its own data file', async () => {
    const dir = tempDir();
    // Data saved under the name its own output would have, in the output folder.
    const file = join(dir, '修武县2023年6月行政复议工作问题台账.xlsx');
    const text = JSON.stringify([ledger]);
    writeFileSync(file, text);
    const r = await tianbao(['generate', 'review-ledger', '--data', file, '-o', dir, '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`$[0]：输出文件 ${file} 就是输入文件`);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['修武县2023年6月行政复议工作问题台账.xlsx']);
  });
});

describe('generate makes the same bytes from the same data, whatever comes before it', () => {
  it('prints a zero-width space (U+200B) in a ledger made alone as in one made after another', async () => {
    const other = reviewLedger.samples.find((s) => s.unit === '解放区')!;
    const spaced = { ...ledger, rows: { ...ledger.rows, acceptance: { problems: ['零\u200b宽'], measures: ['措施'], deadlines: ['长期坚持'] } } };
    const [alone, after] = [await generate([spaced], '--format', 'pdf'), await generate([other, spaced], '--format', 'pdf', '--jobs', '1')];
    const name = '修武县2023年6月行政复议工作问题台账.pdf';
    expect(readFileSync(join(after.out, name)).equals(readFileSync(join(alone.out, name)))).toBe(true);
  });
});
