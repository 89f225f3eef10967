import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Run, tempDir, tianbao } from './run.ts';
import { day, inbox, ledgerOf, placeholderTitled, sampleOf, status } from './status-inbox.ts';

/** An inbox of every unit's valid ledger, and two on the gazette's sample title that no one can place: one run for its JSON and summary workbook, one for its text. */
let placing: Promise<{ nameless: string; two: string; json: Run; text: Run; xlsx: string }> | undefined;
const placed = () =>
  (placing ??= (async () => {
    const dir = await inbox();
    // A ledger filled in, but on the gazette's sample title, and named for no unit.
    const nameless = join(dir, '2023年6月问题台账.xlsx');
    writeFileSync(nameless, await placeholderTitled(sampleOf('温县')));
    utimesSync(nameless, day('2023-06-26'), day('2023-06-26'));
    // Another named for two units.
    const two = join(dir, '修武县转博爱县2023年6月问题台账.xlsx');
    writeFileSync(two, await placeholderTitled(sampleOf('博爱县')));
    utimesSync(two, day('2023-06-27'), day('2023-06-27'));
    const xlsx = join(tempDir(), '报送情况.xlsx');
    const [json, text] = [await status(dir, '--format', 'json', '--xlsx', xlsx), await status(dir)];
    return { nameless, two, json, text, xlsx };
  })());

/**
 * One inbox for the cases of four tests below, each on a unit of its own (one run for its JSON and one for its text, not two each).
 * The other seven units sent their June ledger whole on 2023-06-26.
 */
let mixing: Promise<{ dir: string; json: Run; text: Run }> | undefined;
const mixed = () =>
  (mixing ??= (async () => {
    const dir = await inbox({ missing: ['修武县', '博爱县', '中站区', '马村区'] });
    const received = async (name: string, content: string | Buffer | Promise<Buffer>, on = '2023-06-26') => {
      writeFileSync(join(dir, name), await content);
      utimesSync(join(dir, name), day(on), day(on));
    };
    // 修武县's ledger arrived cut short in transit.
    const whole = await ledgerOf(sampleOf('修武县'));
    await received('修武县2023年6月问题台账.xlsx', whole.subarray(0, whole.length >> 1));
    // 博爱县 sent a broken file, then its ledger on the sample title: both known by their names only.
    await received('博爱县6月台账.xlsx', 'not a workbook', '2023-06-25');
    await received('博爱县2023年6月问题台账.xlsx', placeholderTitled(sampleOf('博爱县')));
    // And its May ledger, which is not June's.
    await received('博爱县2023年5月问题台账.xlsx', writeWorkbook(reviewLedger, { ...sampleOf('博爱县'), period: '2023-05', reportDate: '2023-05-26' }), '2023-06-27');
    // Files of every kind: an old Excel file from 中站区, a PDF from 马村区, a document of no unit; a lock file and a hidden file.
    await received('中站区2023年6月行政复议工作问题台账.xls', 'x\n');
    await received('马村区台账.pdf', '%PDF-1.4\n');
    await received('说明.docx', 'x');
    await received('~$修武县2023年6月问题台账.xlsx', 'x');
    await received('.DS_Store', 'x');
    // 武陟县 sent a ledger with errors long after; as of 2023-07-05, its June ledger is the one it had sent.
    await received('武陟县2023年6月问题台账（重报）.xlsx', ledgerOf(sampleOf('武陟县'), true), '2026-01-05');
    return { dir, json: await status(dir, '--format', 'json'), text: await status(dir) };
  })());

// Run in every time zone (test/vitest.config.ts): a file's day received, the day due and the day as of are calendar days.
describe('tianbao status', () => {
  it('says for every unit whether its ledger is there, valid, on time, late or missing', async () => {
    const dir = await inbox({ missing: ['温县'], late: ['修武县'], broken: ['博爱县'] });
    const out = tempDir();
    const r = await status(dir, '--format', 'json', '--xlsx', join(out, '报送情况.xlsx'));
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ template: 'review-ledger', period: '2023-06', asOf: '2023-07-05', due: '2023-06-28' });
    const by = (unit: string) => s.units.find((u: { unit: string }) => u.unit === unit);
    expect(by('温县')).toMatchObject({ state: 'missing', timing: null, file: null });
    expect(by('修武县')).toMatchObject({ state: 'valid', timing: 'late', received: '2023-07-03' });
    expect(by('博爱县')).toMatchObject({ state: 'invalid', timing: 'on-time', errors: 2 });
    expect(by('解放区')).toMatchObject({ state: 'valid', timing: 'on-time', received: '2023-06-26' });
    expect(s.summary).toEqual({ valid: 9, invalid: 1, missing: 1, 'not-due': 0, late: 1 });

    // The same, as a summary workbook with the faults marked.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '报送情况.xlsx'));
    const ws = wb.getWorksheet('报送情况')!;
    expect(ws.getCell('A1').text).toBe('焦作市2023年6月行政复议工作问题台账报送情况（截至2023年7月5日，2023年6月28日前报送）');
    const row = ws.getColumn(1).values.findIndex((v) => v === '温县');
    expect(ws.getCell(row, 2).text).toBe('缺报');
    expect((ws.getCell(row, 2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');

    const text = await status(dir);
    expect(text.stdout).toMatch(/温县\s+缺报/);
    expect(text.stdout).toMatch(/修武县\s+通过\s+逾期\s+2023年7月3日/);
    expect(text.stdout).toContain('共 11 个单位：通过 9，不通过 1，缺报 1；逾期 1');
  });

  it('exits 0 when every unit sent a valid ledger, and counts units not yet due as not missing', async () => {
    // Every unit sent a valid ledger (and two files no one can place, which fail no unit).
    expect((await placed()).text.code).toBe(0);
    const early = await tianbao(['status', await inbox({ missing: ['温县'] }), '--template', 'review-ledger', '--period', '2023-06', '--as-of', '2023-06-27', '--format', 'json']);
    expect(JSON.parse(early.stdout).units.find((u: { unit: string }) => u.unit === '温县').state).toBe('not-due');
    expect(early.code).toBe(0);
  });

  it('credits a file it could not read to the unit its name names: that unit is not valid, and the file is listed', async () => {
    const { dir, json: r, text } = await mixed();
    const file = join(dir, '修武县2023年6月问题台账.xlsx');
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s.units.find((u: { unit: string }) => u.unit === '修武县')).toMatchObject({
      state: 'invalid',
      timing: 'on-time',
      file,
      received: '2023-06-26',
      errors: 1,
      files: [{ file, verdict: 'unread', unitFrom: 'file-name', use: 'judged', received: '2023-06-26', rule: 'file.corrupt', message: expect.stringContaining('损坏') }],
    });
    // Listed among the files not read (those of the units below too), and not among those no one can place.
    expect(s.unread).toContainEqual({ file, rule: 'file.corrupt', message: expect.stringContaining('损坏') });
    const unread = ['修武县2023年6月问题台账.xlsx', '博爱县6月台账.xlsx', '中站区2023年6月行政复议工作问题台账.xls', '马村区台账.pdf', '说明.docx'];
    expect(s.unread.map((f: { file: string }) => f.file).sort()).toEqual(unread.map((f) => join(dir, f)).sort());
    expect(s.unassigned.map((f: { file: string }) => f.file)).not.toContain(file);
    // 修武县, 博爱县, 中站区 and 马村区 below are not valid; the other seven are, 武陟县 as it was by the as-of day.
    expect(s.summary).toEqual({ valid: 7, invalid: 4, missing: 0, 'not-due': 0, late: 0 });
    expect(text.stdout).toMatch(/修武县 +不通过 +按时 +2023年6月26日 +1 +0 {2}.*修武县2023年6月问题台账\.xlsx {2}未能读取：.*损坏.*\[file\.corrupt\]/);
  });

  it('lists the files whose unit can be told neither from the title nor from the name, in the text, the JSON and the workbook', async () => {
    const { nameless, two, json: r, text: t, xlsx } = await placed();
    const s = JSON.parse(r.stdout);
    expect(s.unassigned).toEqual([
      expect.objectContaining({ file: nameless, verdict: 'invalid', reason: '标题仍是表样中的「XX县（市、区）」，文件名中也没有名单中的单位' }),
      expect.objectContaining({ file: two, verdict: 'invalid', received: '2023-06-27', reason: '标题仍是表样中的「XX县（市、区）」，文件名中有 2 个单位（修武县、博爱县），不知是哪一个的' }),
    ]);
    // Every unit sent its own valid ledger besides: the files no one can place are listed, and the run passes.
    expect(s.summary).toMatchObject({ valid: 11, invalid: 0, missing: 0 });
    expect(r.code).toBe(0);

    const text = t.stdout;
    expect(text).toMatch(/无法确定单位的文件（2 个）：\n.*\n {2}2023年6月26日 +不通过 +\S*2023年6月问题台账\.xlsx {2}标题仍是表样中的「XX县（市、区）」，文件名中也没有名单中的单位\n/);
    expect(text).toContain('共 11 个单位：通过 11，不通过 0，缺报 0；逾期 0；无法确定单位的文件 2 个');
    expect(text).toContain('收到日期（时间）即文件的修改时间');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const files = wb.getWorksheet('收到的文件')!;
    const row = files.getColumn(2).values.findIndex((v) => v === nameless);
    expect([1, 3, 4, 7].map((c) => files.getCell(row, c).text)).toEqual(['无法确定', '2023年6月26日 10:00', '不通过', '标题仍是表样中的「XX县（市、区）」，文件名中也没有名单中的单位']);
    expect((files.getCell(row, 1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    // Every file received has its row: 11 ledgers and the two above.
    expect(files.getColumn(2).values.filter((v) => typeof v === 'string' && v.endsWith('.xlsx'))).toHaveLength(13);
  });

  it('calls a unit that sent only files not valid or not read not valid, not missing, and lists them all', async () => {
    const { dir, json, text } = await mixed();
    const [broken, sampled, may] = ['博爱县6月台账.xlsx', '博爱县2023年6月问题台账.xlsx', '博爱县2023年5月问题台账.xlsx'].map((f) => join(dir, f));
    const bo = JSON.parse(json.stdout).units.find((u: { unit: string }) => u.unit === '博爱县');
    expect(bo).toMatchObject({ state: 'invalid', timing: 'on-time', file: sampled, received: '2023-06-26' });
    expect(bo.files.map((f: { file: string; verdict: string; use: string }) => [f.file, f.verdict, f.use])).toEqual([
      [sampled, 'invalid', 'judged'],
      [may, 'valid', 'other-period'],
      [broken, 'unread', 'older'],
    ]);
    expect(text.stdout).toMatch(/博爱县 +不通过 +按时 +2023年6月26日 +\d+ +\d+ {2}\S*博爱县2023年6月问题台账\.xlsx\n/);
    expect(text.stdout).toMatch(/\n {26,}2023年6月27日 +0 +0 {2}\S*博爱县2023年5月问题台账\.xlsx {2}是2023年5月的报表，不计入本期（通过）\n/);
    expect(text.stdout).toMatch(/\n {26,}2023年6月25日 +1 +0 {2}\S*博爱县6月台账\.xlsx {2}另有较晚收到的文件，未据此判定（未能读取：.*\)?/);
  });

  it('lists every file received, whatever its kind, but lock files and hidden files', async () => {
    const { dir, json: r, text } = await mixed();
    const [xls, pdf, docx] = ['中站区2023年6月行政复议工作问题台账.xls', '马村区台账.pdf', '说明.docx'].map((f) => join(dir, f));
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout);
    const by = (unit: string) => s.units.find((u: { unit: string }) => u.unit === unit);
    expect(by('中站区')).toMatchObject({ state: 'invalid', file: xls, files: [{ file: xls, verdict: 'unread', unitFrom: 'file-name', rule: 'file.xls' }] });
    expect(by('马村区')).toMatchObject({ state: 'invalid', file: pdf, files: [{ verdict: 'unread', rule: 'file.not-xlsx', message: expect.stringContaining('扩展名为 .pdf') }] });
    expect(s.unassigned).toEqual([expect.objectContaining({ file: docx, verdict: 'unread' })]);
    const listed = [...s.units.flatMap((u: { files: { file: string }[] }) => u.files), ...s.unassigned].map((f: { file: string }) => f.file);
    // The seven units' ledgers sent whole, 修武县's cut one, 博爱县's three, 武陟县's second, and the .xls, the PDF and the .docx.
    expect(listed).toHaveLength(7 + 1 + 3 + 1 + 3);
    expect(listed.filter((f: string) => f.includes('~$') || f.includes('.DS_Store'))).toEqual([]);
    expect(text.stdout).toMatch(/中站区 +不通过 +按时 +2023年6月26日 +1 +0 {2}\S*中站区2023年6月行政复议工作问题台账\.xls {2}未能读取：文件是旧版 Excel/);
  });

  it('lists a file received after the as-of day, but judges the unit as that day found it', async () => {
    const { dir, json, text } = await mixed();
    const later = join(dir, '武陟县2023年6月问题台账（重报）.xlsx');
    const s = JSON.parse(json.stdout);
    const wuzhi = s.units.find((u: { unit: string }) => u.unit === '武陟县');
    expect(wuzhi).toMatchObject({ state: 'valid', received: '2023-06-26', file: join(dir, '武陟县2023年6月问题台账.xlsx') });
    expect(wuzhi.files.map((f: { file: string; use: string }) => [f.file, f.use])).toEqual([
      [join(dir, '武陟县2023年6月问题台账.xlsx'), 'judged'],
      [later, 'after-as-of'],
    ]);
    expect(text.stdout).toMatch(/2026年1月5日 +2 +0 {2}\S*武陟县2023年6月问题台账（重报）\.xlsx {2}在截至日期之后收到，未据此判定（不通过）/);
  });
});
