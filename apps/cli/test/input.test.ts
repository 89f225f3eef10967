import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../src/files.ts';
import { jsonPath, readInput } from '../src/input.ts';
import { UsageError } from '../src/usage-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'tianbao-cli-'));

describe('--data input', () => {
  it('points at JSON paths', () => {
    expect(jsonPath([1, 'rows', 'acceptance', 'deadlines', 0])).toBe('$[1].rows.acceptance.deadlines[0]');
  });

  it('accepts one ledger or a list, and refuses unknown units', () => {
    const file = join(dir, 'in.json');
    writeFileSync(file, JSON.stringify(reviewLedger.samples.slice(0, 2)));
    expect(readInput(file, reviewLedger, defaultUnits)).toMatchObject({ problems: [], data: [{}, {}] });
    writeFileSync(file, JSON.stringify({ unit: '开封县', rows: {} }));
    const r = readInput(file, reviewLedger, defaultUnits);
    expect(r.data).toEqual([]);
    expect(r.problems[0]).toContain('$.unit');
    writeFileSync(file, '{');
    expect(readInput(file, reviewLedger, defaultUnits).problems[0]).toContain('不是有效的 JSON');
  });

  it('reads a file saved by Notepad as UTF-8, its byte order mark first, and says which of one saved as GBK or UTF-16', () => {
    const file = join(dir, 'notepad.json');
    const [a] = reviewLedger.samples;
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(a))]));
    expect(readInput(file, reviewLedger, defaultUnits)).toMatchObject({ problems: [], data: [a] });
    // 「修武县」 in GBK.
    writeFileSync(file, Buffer.concat([Buffer.from('{"unit":"'), Buffer.from([0xd0, 0xde, 0xce, 0xe4, 0xcf, 0xd8]), Buffer.from('"}')]));
    expect(readInput(file, reviewLedger, defaultUnits).problems).toEqual([`${file}：无法读取数据（文件不是 UTF-8 编码（可能是 GBK/ANSI），请用记事本等“另存为”UTF-8 编码后再试）`]);
    writeFileSync(file, Buffer.from(`\uFEFF${JSON.stringify(a)}`, 'utf16le'));
    expect(readInput(file, reviewLedger, defaultUnits).problems).toEqual([`${file}：无法读取数据（文件不是 UTF-8 编码（是 UTF-16，即记事本的“Unicode”），请用记事本等“另存为”UTF-8 编码后再试）`]);
  });

  it('names each refused place by its JSON path and what the form calls it, says in Chinese what belongs there, and what was there', () => {
    const file = join(dir, 'bad.json');
    const [a] = reviewLedger.samples;
    const bad = { ...a, filler: '', reportDate: '2023-6-1', rows: { ...a!.rows, acceptance: { problems: ['甲', ''], measures: null, deadlines: ['尽快'] } } };
    writeFileSync(file, JSON.stringify(bad));
    expect(readInput(file, reviewLedger, defaultUnits).problems).toEqual([
      `${file} $.filler（填报单位）：不能为空`,
      `${file} $.reportDate（填报日期）：日期应写作 YYYY-MM-DD，收到「2023-6-1」`,
      `${file} $.rows.acceptance.problems[1]（案件受理方面的存在问题）：不能为空，没有内容的项请删去`,
      `${file} $.rows.acceptance.measures（案件受理方面的改进措施）：应为列表 […]，不能是 null`,
      `${file} $.rows.acceptance.deadlines[0]（案件受理方面的完成时限）：日期应写作 YYYY-MM-DD，收到「尽快」`,
    ]);
    const outfall = outfallChecklist.samples[0]!;
    writeFileSync(file, JSON.stringify({ ...outfall, outfalls: [{ ...outfall.outfalls[0], lng: '113.2', basin: '长江流域', credit: '9141' }] }));
    expect(readInput(file, outfallChecklist, defaultUnits).problems).toEqual([
      `${file} $.outfalls[0].basin（所属流域）：应为以下之一：黄河流域、海河流域，收到「长江流域」`,
      `${file} $.outfalls[0].lng（经度）：应为数字（不加引号），收到「113.2」`,
      `${file} $.outfalls[0].credit（统一社会信用代码）：应为18位，请按营业执照上的18位代码填写，收到「9141」`,
    ]);
    writeFileSync(file, JSON.stringify({ unit: '修武县', members: [{ role: '组长', name: 7 }], officeUnit: '县统计局', officeDirector: '李静' }));
    expect(readInput(file, censusRoster, defaultUnits).problems).toEqual([
      `${file} $.members[0].name（姓名）：应为文字（加英文双引号），收到 7`,
      `${file} $.members[0].post（单位及职务）：应填写文字，不能为空`,
    ]);
  });

  it('refuses a field the form does not have, which zod would drop without a word', () => {
    const file = join(dir, 'typo.json');
    const [a] = reviewLedger.samples;
    writeFileSync(file, JSON.stringify([a, { ...a, peroid: '2023-06', rows: { acceptence: { problems: ['甲'] } } }]));
    expect(readInput(file, reviewLedger, defaultUnits)).toEqual({
      data: [],
      at: [],
      problems: [
        `${file} $[1].rows.acceptence：行政复议工作问题台账的数据没有这一项，请检查拼写；此处可有：acceptance、hearing、drafting、enforcement、special`,
        `${file} $[1].peroid：行政复议工作问题台账的数据没有这一项，请检查拼写；此处可有：unit、period、filler、reportDate、rows`,
      ],
    });
  });

  it('takes a data file that is not there, or no file, for a mistake of the command line', () => {
    expect(() => readInput(join(dir, 'none.json'), reviewLedger, defaultUnits)).toThrow(new UsageError(`--data 所给的数据文件「${join(dir, 'none.json')}」不存在`));
    expect(() => readInput(dir, reviewLedger, defaultUnits)).toThrow(new UsageError(`--data 所给的数据文件「${dir}」是文件夹，请给出 JSON 文件`));
  });

  it('gives each item its JSON path, and refuses a cell longer than Excel keeps by the path of its data', () => {
    const file = join(dir, 'long.json');
    const [a, b] = reviewLedger.samples;
    writeFileSync(file, JSON.stringify([a, b]));
    expect(readInput(file, reviewLedger, defaultUnits).at).toEqual(['$[0]', '$[1]']);
    // Two measures that fit a cell alone, not numbered one a line in one cell.
    const measures = ['措'.repeat(16382), '施'.repeat(16382)];
    writeFileSync(file, JSON.stringify([a, { ...b, rows: { hearing: { problems: ['甲', '乙'], measures, deadlines: [] } } }]));
    expect(readInput(file, reviewLedger, defaultUnits)).toEqual({
      data: [],
      at: [],
      problems: [`${file} $[1].rows.hearing.measures：改进措施写入单元格后有 32769 个字符，超过 Excel 单元格的上限 32767 个字符；请精简，或把说明另附材料`],
    });
  });
});

describe('expandInputs', () => {
  it('finds workbooks in folders, skipping Excel lock files', () => {
    const d = join(dir, 'in');
    mkdirSync(join(d, 'sub'), { recursive: true });
    for (const f of ['b.xlsx', '~$b.xlsx', 'notes.txt', 'sub/a.XLSX']) writeFileSync(join(d, f), '');
    expect(expandInputs([d, join(d, 'notes.txt')])).toEqual([join(d, 'b.xlsx'), join(d, 'sub', 'a.XLSX'), join(d, 'notes.txt')]);
  });

  it('takes a path that is not there for a mistake of the command line, naming it', () => {
    const gone = join(dir, 'gone.xlsx');
    expect(() => expandInputs([gone])).toThrow(new UsageError(`「${gone}」不存在`));
    expect(() => expandInputs([join(dir, 'in', 'notes.txt', 'x.xlsx')])).toThrow(/路径中有一段不是文件夹/);
  });
});
