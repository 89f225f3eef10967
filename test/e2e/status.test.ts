import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Run, tempDir, tianbao } from './run.ts';
import { inbox, mixedInbox, placedInbox, status } from './status-inbox.ts';

// What does not depend on the time zone; the dates it reads and writes: status-dates.test.ts. The text and the
// summary workbook are written from what its JSON holds, which that file reads in every zone.

/** A run for the text and the summary workbook of an inbox. */
const asText = async (dir: string) => {
  const xlsx = join(tempDir(), '报送情况.xlsx');
  const text = await status(dir, '--xlsx', xlsx);
  expect(text.stderr).toBe(`汇总工作簿：${xlsx}\n`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  return { dir, text, wb };
};

/** The inbox with files no one can place (status-inbox.ts), its text and workbook. */
let placing: Promise<Awaited<ReturnType<typeof placedInbox>> & { text: Run; wb: ExcelJS.Workbook }> | undefined;
const placed = () => (placing ??= placedInbox().then(async (p) => ({ ...p, ...(await asText(p.dir)) })));

/** The inbox of every other case, each on a unit of its own (status-inbox.ts), its text and workbook. */
let mixing: Promise<{ dir: string; text: Run; wb: ExcelJS.Workbook }> | undefined;
const mixed = () => (mixing ??= mixedInbox().then(asText));

describe('tianbao status, as a clerk reads it', () => {
  it('prints where every unit stands, and writes it as a summary workbook with the faults marked', async () => {
    const { text, wb } = await mixed();
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/温县\s+缺报/);
    expect(text.stdout).toMatch(/山阳区\s+通过\s+逾期\s+2023年7月3日/);
    expect(text.stdout).toContain('共 11 个单位：通过 5，不通过 5，缺报 1；逾期 1');

    const ws = wb.getWorksheet('报送情况')!;
    expect(ws.getCell('A1').text).toBe('焦作市2023年6月行政复议工作问题台账报送情况（截至2023年7月5日，2023年6月28日前报送）');
    const row = ws.getColumn(1).values.findIndex((v) => v === '温县');
    expect(ws.getCell(row, 2).text).toBe('缺报');
    expect((ws.getCell(row, 2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  });

  it('says beside each file of a unit why it was or was not judged', async () => {
    const { text } = await mixed();
    // 修武县's ledger cut short; 博爱县's three files; 中站区's old Excel file; 武陟县's second ledger, after the as-of day.
    expect(text.stdout).toMatch(/修武县 +不通过 +按时 +2023年6月26日 +1 +0 {2}.*修武县2023年6月问题台账\.xlsx {2}未能读取：.*损坏.*\[file\.corrupt\]/);
    expect(text.stdout).toMatch(/博爱县 +不通过 +按时 +2023年6月26日 +\d+ +\d+ {2}\S*博爱县2023年6月问题台账\.xlsx\n/);
    expect(text.stdout).toMatch(/\n {26,}2023年6月27日 +0 +0 {2}\S*博爱县2023年5月问题台账\.xlsx {2}是2023年5月的报表，不计入本期（通过）\n/);
    expect(text.stdout).toMatch(/\n {26,}2023年6月25日 +1 +0 {2}\S*博爱县6月台账\.xlsx {2}另有较晚收到的文件，未据此判定（未能读取：.*\)?/);
    expect(text.stdout).toMatch(/中站区 +不通过 +按时 +2023年6月26日 +1 +0 {2}\S*中站区2023年6月行政复议工作问题台账\.xls {2}未能读取：文件是旧版 Excel/);
    expect(text.stdout).toMatch(/2026年1月5日 +2 +0 {2}\S*武陟县2023年6月问题台账（重报）\.xlsx {2}在截至日期之后收到，未据此判定（不通过）/);
  });

  it('lists the files whose unit can be told neither from the title nor from the name, in the text and the workbook', async () => {
    const { nameless, outfalls, text: t, wb } = await placed();
    expect(t.code).toBe(0);
    const text = t.stdout;
    expect(text).toMatch(/无法确定单位的文件（3 个）：\n.*\n {2}2023年6月26日 +不通过 +\S*2023年6月问题台账\.xlsx {2}标题仍是表样中的「XX县（市、区）」，文件名中也没有名单中的单位\n/);
    // Another form's file, named for no unit: not this form.
    expect(text).toContain(`${outfalls}  不是行政复议工作问题台账（找不到其表头），文件名中也没有名单中的单位\n`);
    expect(text).toContain('共 11 个单位：通过 11，不通过 0，缺报 0；逾期 0；无法确定单位的文件 3 个');
    expect(text).toContain('收到日期（时间）即文件的修改时间');

    const files = wb.getWorksheet('收到的文件')!;
    const row = files.getColumn(2).values.findIndex((v) => v === nameless);
    expect([1, 3, 4, 7].map((c) => files.getCell(row, c).text)).toEqual(['无法确定', '2023年6月26日 10:00', '不通过', '标题仍是表样中的「XX县（市、区）」，文件名中也没有名单中的单位']);
    expect((files.getCell(row, 1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    // Every file received has its row: 11 ledgers and the three no one can place.
    expect(files.getColumn(2).values.filter((v) => typeof v === 'string' && v.endsWith('.xlsx'))).toHaveLength(14);
  });

  it('lines up its columns by display width, a Chinese character two columns wide', async () => {
    // The units' table, before the files no one can place.
    const table = (await mixed()).text.stdout.split('无法确定单位的文件')[0]!;
    const [header, ...units] = table.split('\n').filter((l) => /^ {2}\S/.test(l));
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
});

describe('tianbao status', () => {
  it('writes its summary workbook only where the next run will not take it for a file received', async () => {
    const dir = await inbox();
    const inside = await status(dir, '--xlsx', join(dir, '报送情况.xlsx'));
    expect([inside.code, inside.stderr.split('\n')[0]]).toEqual([2, `--xlsx 不能写入收到的报表所在的文件夹「${dir}」：下次统计时它会被当作收到的文件；请换一个位置`]);
    const folder = tempDir();
    const onFolder = await status(dir, '--xlsx', folder);
    expect([onFolder.code, onFolder.stderr.split('\n')[0]]).toEqual([2, `--xlsx 应是一个 .xlsx 文件名，「${folder}」是文件夹`]);
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
