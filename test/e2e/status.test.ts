import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';
import { inbox, status } from './status-inbox.ts';

// What does not depend on the time zone; the dates it reads and writes: status-dates.test.ts.
describe('tianbao status', () => {
  it('says of another form’s file, named for no unit, that it is not this form', async () => {
    const dir = await inbox();
    const outfalls = join(dir, '排污口台账.xlsx');
    copyFileSync(join(FIXTURES, 'sheetjs', 'outfall-faulty.xlsx'), outfalls);
    const s = JSON.parse((await status(dir, '--format', 'json')).stdout);
    expect(s.unassigned).toEqual([expect.objectContaining({ file: outfalls, reason: '不是行政复议工作问题台账（找不到其表头），文件名中也没有名单中的单位' })]);
  });

  it('writes its summary workbook only where the next run will not take it for a file received', async () => {
    const dir = await inbox();
    const inside = await status(dir, '--xlsx', join(dir, '报送情况.xlsx'));
    expect([inside.code, inside.stderr.split('\n')[0]]).toEqual([2, `--xlsx 不能写入收到的报表所在的文件夹「${dir}」：下次统计时它会被当作收到的文件；请换一个位置`]);
    const folder = tempDir();
    const onFolder = await status(dir, '--xlsx', folder);
    expect([onFolder.code, onFolder.stderr.split('\n')[0]]).toEqual([2, `--xlsx 应是一个 .xlsx 文件名，「${folder}」是文件夹`]);
  });

  it('lines up its columns by display width, a Chinese character two columns wide', async () => {
    const dir = await inbox({ missing: ['温县'], late: ['修武县'], broken: ['博爱县'] });
    const [header, ...units] = (await status(dir)).stdout.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(units).toHaveLength(11);
    const width = (text: string) => [...text].reduce((w, c) => w + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(c) ? 2 : 1), 0);
    /** The display columns where the cells of a line start (numbers: where they end), as the header's cells are matched. */
    const columns = (line: string, cells: RegExp) => {
      const m = cells.exec(line)!.indices!;
      return [m[1]![0], m[2]![0], m[3]![0], m[4]![0], m[5]![1], m[6]![1], m[7]![0]].map((at) => width(line.slice(0, at)));
    };
    const want = columns(header!, /^ {2}(单位) +(状态) +(报送) +(收到日期) +(错误) +(提示) +(文件)$/d);
    for (const line of units)
      if (line.includes('缺报')) expect(width(line.slice(0, line.indexOf('缺报')))).toBe(want[1]);
      else expect(columns(line, /^ {2}(\S+) +(\S+) +(\S+) +(\S+) +(\d+) +(\d+) +(\/.*)$/d)).toEqual(want);
  });

  it('refuses a folder that does not exist, naming it, rather than calling every unit missing', async () => {
    const missing = join(tempDir(), '收件箱');
    const r = await status(missing);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`「${missing}」不存在`);
  });

  it('wants a template and a period', async () => {
    expect((await tianbao(['status', tempDir()])).code).toBe(2);
    expect((await tianbao(['status', tempDir(), '--template', 'review-ledger'])).code).toBe(2);
  });
});
