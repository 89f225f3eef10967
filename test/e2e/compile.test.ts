import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { defaultUnits } from '@tianbao/form';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { day, inbox, ledgerOf, sampleOf } from './status-inbox.ts';
import { ROOT, tempDir, tianbao, type Run } from './run.ts';

const NAME = '焦作市2023年6月行政复议工作问题台账汇总';
const AS_OF = '2023-08-01';

const compile = (dir: string, out: string, ...more: string[]) =>
  tianbao(['compile', 'review-ledger', dir, '--period', '2023-06', '--as-of', AS_OF, '-o', out, ...more]);

/** Every unit's June ledger but 温县's (not sent) and 博爱县's (a problem without its measure); 修武县 sent a broken one first, then a good one. */
async function june(): Promise<string> {
  const dir = await inbox({ missing: ['温县'], broken: ['博爱县'] });
  const earlier = join(dir, '修武县问题台账（初稿）.xlsx');
  writeFileSync(earlier, await ledgerOf(sampleOf('修武县'), true));
  utimesSync(earlier, day('2023-06-20'), day('2023-06-20'));
  return dir;
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
};

describe('tianbao compile review-ledger', () => {
  // One compile of June's returns, its workbook and PDF read by the tests below.
  let returns: string;
  let made: string;
  let first: Run;
  beforeAll(async () => {
    returns = await june();
    made = tempDir();
    first = await compile(returns, made);
  });

  it('compiles the latest valid ledger of each unit, and lists the others as 未纳入 with the reason', async () => {
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual([join(made, `${NAME}.xlsx`), join(made, `${NAME}.pdf`)]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(made, `${NAME}.xlsx`));
    const taken = defaultUnits.units.map((u) => u.name).filter((u) => u !== '温县' && u !== '博爱县');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['汇总', '报送情况', ...taken]);

    const sent = new Map(rowsOf(wb.getWorksheet('报送情况')!).map((row) => [row[0], row]));
    expect(sent.get('温县')!.slice(1, 3)).toEqual(['未纳入', '缺报']);
    expect(sent.get('博爱县')![1]).toBe('未纳入');
    expect(sent.get('博爱县')![2]).toMatch(/^不通过：错误 2 条，如 D4：案件受理方面列出1个问题，但没有填写改进措施/);
    // The unit's latest file, not the draft it sent before, named as in the folder given.
    expect(sent.get('修武县')!.slice(1, 4)).toEqual(['纳入', '', '修武县2023年6月问题台账.xlsx']);

    // 汇总: one row a problem of every unit taken in, each with its state as of the day.
    const listed = rowsOf(wb.getWorksheet('汇总')!).slice(2).filter((row) => taken.includes(row[0]!));
    const expected = taken.flatMap((unit) =>
      Object.values(sampleOf(unit).rows).flatMap((row) =>
        row.problems.map((problem, i) => {
          const deadline = row.deadlines.length === 1 ? row.deadlines[0]! : row.deadlines[i]!;
          const state = !/^\d{4}-/.test(deadline) ? '持续推进' : deadline < AS_OF ? '逾期' : '未到期';
          return [unit, problem, state];
        }),
      ),
    );
    expect(listed.map((row) => [row[0], row[2], row[5]])).toEqual(expected);
    expect(new Set(expected.map((e) => e[2]))).toEqual(new Set(['逾期', '未到期', '持续推进']));
  });

  it('prints a cover, then each unit’s ledger in the list’s order, pages numbered through, a bookmark per unit', async () => {
    expect(first.code).toBe(0);
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(join(made, `${NAME}.pdf`))));
    const { text } = await extractText(doc);
    const taken = defaultUnits.units.map((u) => u.name).filter((u) => u !== '温县' && u !== '博爱县');
    expect((await doc.getOutline()).map((o) => o.title)).toEqual(['报送情况', ...taken]);
    expect(text[0]).toContain('共 11 个单位：纳入 9，未纳入 2（不通过 1，缺报 1）');
    text.forEach((page, i) => expect(page).toContain(`— ${i + 1} —`));
    const firsts = taken.map((unit) => text.findIndex((page) => page.includes(`${unit}行政复议工作问题台账`)));
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(firsts[0]).toBeGreaterThan(0);
  });

  it('makes the same bytes from the same returns', async () => {
    const again = tempDir();
    await compile(returns, again);
    for (const ext of ['xlsx', 'pdf']) expect(readFileSync(join(made, `${NAME}.${ext}`)).equals(readFileSync(join(again, `${NAME}.${ext}`)))).toBe(true);
  });

  it('refuses a PDF past the form’s limits, all units together, and writes the workbook', async () => {
    const dir = tempDir();
    // Two ledgers of some 135,000 characters each: each prints alone, not both in one document.
    const long = (unit: string) => ({
      ...sampleOf(unit),
      // Five rows of three problems of 9,000 characters: each cell under Excel's 32,767.
      rows: Object.fromEntries(
        ['acceptance', 'hearing', 'drafting', 'enforcement', 'special'].map((k) => [
          k,
          { problems: [1, 2, 3].map((i) => `${i}${'受'.repeat(9000)}`), measures: ['整改', '整改', '整改'], deadlines: ['长期坚持'] },
        ]),
      ),
    });
    for (const unit of ['解放区', '中站区']) {
      const file = join(dir, `${unit}2023年6月问题台账.xlsx`);
      writeFileSync(file, await writeWorkbook(reviewLedger, long(unit)));
      utimesSync(file, day('2023-06-26'), day('2023-06-26'));
    }
    const out = tempDir();
    const r = await tianbao(['compile', 'review-ledger', dir, '--period', '2023-06', '--as-of', AS_OF, '-o', out], ROOT, 170_000);
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe(join(out, `${NAME}.xlsx`));
    expect(r.stderr).toMatch(/汇总的内容有 \d+ 个字符，超过单份 PDF 的上限 250000 个字符，未生成汇总 PDF；汇总工作簿不受此限（--format xlsx）/);
   }, 180_000);

  it('wants a period for a monthly form', async () => {
    const r = await tianbao(['compile', 'review-ledger', tempDir(), '-o', tempDir()]);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, '请用 --period 指定报送月份，如 --period 2023-06']);
  });

  it('writes nowhere among the returns, where the next run would take the compilation for one', async () => {
    const dir = tempDir();
    const r = await compile(dir, join(dir, '汇总'));
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, `-o 不能写入收到的报表所在的文件夹「${dir}」：下次汇总时汇总文件会被当作收到的文件；请换一个位置`]);
  });
});
