import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { forms } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { day, inbox, placeholderTitled, sampleOf } from './status-inbox.ts';
import { tempDir, tianbao, type Run } from './run.ts';

const NAME = '焦作市2023年6月行政复议工作问题台账汇总';
const AS_OF = '2023-07-05';

const put = (file: string, bytes: Buffer | string, received: string) => {
  writeFileSync(file, bytes);
  utimesSync(file, day(received), day(received));
};

/**
 * June's ledgers, received 2023-06-26, but: 温县's after the as-of day (2023-07-10), 武陟县's after the due
 * day (2023-06-30); 修武县 sent a file that cannot be read before its good one; a ledger on the sample's title
 * named for no unit, and a file that cannot be read named for no unit.
 */
async function returns(): Promise<string> {
  const dir = await inbox();
  utimesSync(join(dir, '温县2023年6月问题台账.xlsx'), day('2023-07-10'), day('2023-07-10'));
  utimesSync(join(dir, '武陟县2023年6月问题台账.xlsx'), day('2023-06-30'), day('2023-06-30'));
  put(join(dir, '修武县问题台账（坏）.xlsx'), 'not a workbook', '2023-06-20');
  put(join(dir, '2023年6月问题台账.xlsx'), await placeholderTitled(sampleOf('温县')), '2023-06-26');
  put(join(dir, '乱码.xlsx'), 'not a workbook either', '2023-06-26');
  return dir;
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))));
  return rows;
};

describe('tianbao compile: what the cover and 报送情况 tell the city', () => {
  let dir: string;
  let out: string;
  let run: Run;
  let book: ExcelJS.Workbook;
  let sent: Map<string, string[]>;
  let header: string[];
  let pdf: string;
  beforeAll(async () => {
    dir = await returns();
    out = tempDir();
    run = await tianbao(['compile', 'review-ledger', dir, '--period', '2023-06', '--as-of', AS_OF, '-o', out]);
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, `${NAME}.xlsx`));
    const rows = rowsOf(book.getWorksheet('报送情况')!);
    header = rows[1]!;
    sent = new Map(rows.slice(2).map((row) => [row[0]!, row]));
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(join(out, `${NAME}.pdf`))));
    pdf = (await extractText(doc, { mergePages: true })).text;
  });

  it('says of a unit whose only file came after the as-of day what status says, naming the file and when it came', async () => {
    expect(run.code).toBe(0);
    const wen = sent.get('温县')!;
    expect(wen[1]).toBe('未纳入');
    expect(wen[2]).toBe('缺报：温县2023年6月问题台账.xlsx 于2023年7月10日 10:00收到，在截至日期之后收到，未据此判定（通过）');
    const status = await tianbao(['status', dir, '--template', 'review-ledger', '--period', '2023-06', '--as-of', AS_OF]);
    expect(status.stdout).toContain('在截至日期之后收到');
    expect(pdf).toContain('在截至日期之后收到');
  });

  it('names the file used for every unit, 按时 or 逾期, and every file not read or not put to a unit, with why', async () => {
    const col = (name: string) => header.indexOf(name);
    expect(col('所用文件')).toBeGreaterThan(0);
    expect(col('报送')).toBeGreaterThan(0);
    expect(sent.get('修武县')![col('所用文件')]).toBe('修武县2023年6月问题台账.xlsx');
    expect(sent.get('修武县')![col('报送')]).toBe('按时');
    expect(sent.get('武陟县')![col('报送')]).toBe('逾期');
    expect(sent.get('温县')![col('报送')]).toBe('');
    const notes = [...sent.keys()].join('\n');
    const other = [
      /修武县问题台账（坏）\.xlsx（修武县，2023年6月20日 10:00收到）：另有较晚收到的文件，未据此判定（未能读取：.+\[file\./,
      /2023年6月问题台账\.xlsx（无法确定单位，2023年6月26日 10:00收到）：标题仍是表样中的「XX县（市、区）」/,
      /乱码\.xlsx（无法确定单位，2023年6月26日 10:00收到）：此文件未能读取，文件名中也没有名单中的单位；未能读取：.+\[file\./,
    ];
    for (const line of other) {
      expect(notes).toMatch(line);
      expect(pdf).toMatch(new RegExp(line.source.split('：')[0]!));
    }
    expect(pdf).toContain('逾期');
  });

  it('shows paths relative to the folder given, not as given', async () => {
    const cells = [...sent.values()].flat().join('\n');
    expect(cells).not.toContain(dir);
    expect(pdf).not.toContain(dir);
  });

  it('writes a time limit in 汇总 as a date cell, an ongoing one as its words', async () => {
    const ws = book.getWorksheet('汇总')!;
    const limits: ExcelJS.Cell[] = [];
    // The body: below the title and the header, above the notes (merged across).
    ws.eachRow((row, r) => r > 2 && !row.getCell(5).isMerged && limits.push(row.getCell(5)));
    const dates = limits.filter((c) => c.value instanceof Date);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates[0]!.numFmt).toBe('yyyy"年"m"月"d"日"');
    expect(new Set(limits.filter((c) => !(c.value instanceof Date)).map((c) => c.value))).toEqual(new Set(['长期坚持', '持续推进']));
  });
});

describe('tianbao compile outfall-checklist: a code two units use', () => {
  it('is an error of each of them in 报送情况, and the exit status is 1', async () => {
    const def = forms.find((f) => f.id === 'outfall-checklist')!;
    const [first, second, third] = def.samples;
    const shared = first!.outfalls[0].code;
    const dir = tempDir();
    for (const sample of [first!, second!, third!]) {
      const data = sample === second ? { ...sample, outfalls: [{ ...sample.outfalls[0], code: shared }, ...sample.outfalls.slice(1)] } : sample;
      put(join(dir, `${sample.unit}${def.name}.xlsx`), await writeWorkbook(def, data), '2023-06-26');
    }
    const out = tempDir();
    const r = await tianbao(['compile', def.id, dir, '--as-of', AS_OF, '-o', out, '--format', 'xlsx']);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '焦作市入河排污口排查整治台账汇总.xlsx'));
    const rows = rowsOf(wb.getWorksheet('报送情况')!);
    const errors = rows[1]!.indexOf('错误');
    const of = (unit: string) => rows.find((row) => row[0] === unit)!;
    expect([of(first!.unit)[errors], of(second!.unit)[errors], of(third!.unit)[errors]]).toEqual(['1', '1', '0']);
    expect(of(first!.unit)[2]).toContain('outfall.code.shared');
  });

  it('says what each exit status means', async () => {
    const help = await tianbao(['compile', '--help']);
    expect(help.stdout).toMatch(/退出码：0 已生成，1 已生成但有错误（如两个单位共用一个排污口编码）或未能生成 PDF，2 用法错误/);
  });
});
