import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { type Run, tempDir, tianbao } from './run.ts';
import { mixedInbox, placedInbox, status } from './status-inbox.ts';

// Run in every time zone (test/vitest.config.ts): a file's day received, the day due and the day as of are calendar
// days. All of them are in the JSON: the text and the summary workbook are written from what it holds, and read in
// China's zone only (status.test.ts).

/** The inbox with files no one can place, and its JSON. */
let placing: Promise<Awaited<ReturnType<typeof placedInbox>> & { json: Run }> | undefined;
const placed = () => (placing ??= placedInbox().then(async (p) => ({ ...p, json: await status(p.dir, '--format', 'json') })));

/** The inbox of every other case, each on a unit of its own (status-inbox.ts), and its JSON. */
let mixing: Promise<{ dir: string; json: Run }> | undefined;
const mixed = () => (mixing ??= mixedInbox().then(async (dir) => ({ dir, json: await status(dir, '--format', 'json') })));

type Unit = { unit: string; files: { file: string; verdict: string; use: string }[] };
const unitOf = (r: Run, unit: string) => JSON.parse(r.stdout).units.find((u: Unit) => u.unit === unit);

describe('tianbao status', () => {
  it('says for every unit whether its ledger is there, valid, on time, late or missing', async () => {
    const { json: r } = await mixed();
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ template: 'review-ledger', period: '2023-06', asOf: '2023-07-05', due: '2023-06-28' });
    expect(unitOf(r, '温县')).toMatchObject({ state: 'missing', timing: null, file: null });
    expect(unitOf(r, '山阳区')).toMatchObject({ state: 'valid', timing: 'late', received: '2023-07-03' });
    expect(unitOf(r, '孟州市')).toMatchObject({ state: 'invalid', timing: 'on-time', errors: 2 });
    expect(unitOf(r, '解放区')).toMatchObject({ state: 'valid', timing: 'on-time', received: '2023-06-26' });
    // 山阳区 and the four below that sent no valid ledger, 温县, 孟州市; the other five valid, 山阳区 late.
    expect(s.summary).toEqual({ valid: 5, invalid: 5, missing: 1, 'not-due': 0, late: 1 });
  });

  it('exits 0 when every unit sent a valid ledger, and counts units not yet due as not missing', async () => {
    // Every unit sent a valid ledger (and three files no one can place, which fail no unit).
    expect((await placed()).json.code).toBe(0);
    // Nothing received on a list of 温县 alone, the day before the due day: no file to check, no child to start.
    const units = join(tempDir(), 'units.json');
    writeFileSync(units, JSON.stringify({ city: defaultUnits.city, units: defaultUnits.units.filter((u) => u.name === '温县') }));
    const early = await tianbao(['status', tempDir(), '--units', units, '--template', 'review-ledger', '--period', '2023-06', '--as-of', '2023-06-27', '--format', 'json']);
    expect(JSON.parse(early.stdout).units.find((u: { unit: string }) => u.unit === '温县').state).toBe('not-due');
    expect(early.code).toBe(0);
  });

  it('credits a file it could not read to the unit its name names: that unit is not valid, and the file is listed', async () => {
    const { dir, json: r } = await mixed();
    const file = join(dir, '修武县2023年6月问题台账.xlsx');
    const s = JSON.parse(r.stdout);
    expect(unitOf(r, '修武县')).toMatchObject({
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
  });

  it('lists the files whose unit can be told neither from the title nor from the name', async () => {
    const { nameless, two, outfalls, json: r } = await placed();
    const s = JSON.parse(r.stdout);
    expect(s.unassigned).toEqual([
      expect.objectContaining({ file: nameless, verdict: 'invalid', received: '2023-06-26', receivedAt: '2023-06-26T10:00:00', reason: '标题仍是表样中的「XX县（市、区）」，文件名中也没有名单中的单位' }),
      expect.objectContaining({ file: two, verdict: 'invalid', received: '2023-06-27', reason: '标题仍是表样中的「XX县（市、区）」，文件名中有 2 个单位（修武县、博爱县），不知是哪一个的' }),
      // Another form's file.
      expect.objectContaining({ file: outfalls, received: '2023-06-26', reason: '不是行政复议工作问题台账（找不到其表头），文件名中也没有名单中的单位' }),
    ]);
    // Every unit sent its own valid ledger besides: the files no one can place are listed, and the run passes.
    expect(s.summary).toMatchObject({ valid: 11, invalid: 0, missing: 0 });
  });

  it('calls a unit that sent only files not valid or not read not valid, not missing, and lists them all', async () => {
    const { dir, json } = await mixed();
    const [broken, sampled, may] = ['博爱县6月台账.xlsx', '博爱县2023年6月问题台账.xlsx', '博爱县2023年5月问题台账.xlsx'].map((f) => join(dir, f));
    const bo = unitOf(json, '博爱县');
    expect(bo).toMatchObject({ state: 'invalid', timing: 'on-time', file: sampled, received: '2023-06-26' });
    expect(bo.files.map((f: { file: string; verdict: string; use: string; received: string }) => [f.file, f.verdict, f.use, f.received])).toEqual([
      [sampled, 'invalid', 'judged', '2023-06-26'],
      [may, 'valid', 'other-period', '2023-06-27'],
      [broken, 'unread', 'older', '2023-06-25'],
    ]);
  });

  it('lists every file received, whatever its kind, but lock files and hidden files', async () => {
    const { dir, json: r } = await mixed();
    const [xls, pdf, docx] = ['中站区2023年6月行政复议工作问题台账.xls', '马村区台账.pdf', '说明.docx'].map((f) => join(dir, f));
    const s = JSON.parse(r.stdout);
    expect(unitOf(r, '中站区')).toMatchObject({ state: 'invalid', file: xls, files: [{ file: xls, verdict: 'unread', unitFrom: 'file-name', rule: 'file.xls' }] });
    expect(unitOf(r, '马村区')).toMatchObject({ state: 'invalid', file: pdf, files: [{ verdict: 'unread', rule: 'file.not-xlsx', message: expect.stringContaining('扩展名为 .pdf') }] });
    expect(s.unassigned).toEqual([expect.objectContaining({ file: docx, verdict: 'unread' })]);
    const listed = [...s.units.flatMap((u: Unit) => u.files), ...s.unassigned].map((f: { file: string }) => f.file);
    // The six units' ledgers sent whole, 修武县's cut one, 博爱县's three, 武陟县's second, and the .xls, the PDF and the .docx.
    expect(listed).toHaveLength(6 + 1 + 3 + 1 + 3);
    expect(listed.filter((f: string) => f.includes('~$') || f.includes('.DS_Store'))).toEqual([]);
  });

  it('lists a file received after the as-of day, but judges the unit as that day found it', async () => {
    const { dir, json } = await mixed();
    const later = join(dir, '武陟县2023年6月问题台账（重报）.xlsx');
    const wuzhi = unitOf(json, '武陟县');
    expect(wuzhi).toMatchObject({ state: 'valid', received: '2023-06-26', file: join(dir, '武陟县2023年6月问题台账.xlsx') });
    expect(wuzhi.files.map((f: { file: string; use: string; received: string }) => [f.file, f.use, f.received])).toEqual([
      [join(dir, '武陟县2023年6月问题台账.xlsx'), 'judged', '2023-06-26'],
      [later, 'after-as-of', '2026-01-05'],
    ]);
  });
});
