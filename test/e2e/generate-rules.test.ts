import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';

const ledger = reviewLedger.samples.find((s) => s.unit === '修武县' && s.period === '2023-06')!;
/** 温县's ledger lists a problem under 案件受理 with no measure: `ledger.measures.missing`. */
const noMeasure = {
  ...ledger,
  unit: '温县',
  rows: { ...ledger.rows, acceptance: { problems: ['补正通知未一次性告知需补正材料'], measures: [], deadlines: ['2023-07-31'] } },
};
const xiuwu = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
/** 武陟县's checklist has an outfall in a drinking-water protected area that is to be 规范整治, not 取缔: `outfall.protected.ban`. */
const wuzhi = outfallChecklist.samples.find((s) => s.unit === '武陟县')!;
const notBanned = {
  ...wuzhi,
  outfalls: wuzhi.outfalls.map((o, i) => (i === 2 ? { ...o, protected: '饮用水水源保护区', method: '规范整治', progress: '整治中', deadline: '2024-06-30' } : o)),
};

/** Generate `items` of `template` into a fresh folder: the run, and the files written. */
async function generate(template: string, items: unknown[], ...more: string[]) {
  const dir = tempDir();
  const data = join(dir, 'data.json');
  writeFileSync(data, JSON.stringify(items));
  const out = join(dir, 'out');
  const run = await tianbao(['generate', template, '--data', data, '-o', out, ...more]);
  return { ...run, data, out, written: existsSync(out) ? readdirSync(out).sort() : [] };
}

type Generated = Awaited<ReturnType<typeof generate>>;
type Issue = { rule: string; severity: string; message: string };

/** 修武县's checklist with an outfall on a river off the main list: `outfall.river.unlisted`, a warning. */
const unlisted = { ...xiuwu, outfalls: xiuwu.outfalls.map((o, i) => (i === 0 ? { ...o, river: '小清河' } : o)) };

describe('generate judges each item by the form’s rules before writing it', () => {
  // Every run first (the three tests' runs, one after another, given the three tests' time), then one validate
  // over the three workbooks the tests hold its words against. Workbooks alone: an item is judged before any
  // document of it is made, whatever its format (a PDF's draft mark: generate-drafts.test.ts).
  let ledgers: Generated, ledgerDrafts: Generated, checklists: Generated, checklistDrafts: Generated, warned: Generated;
  let reports: { file: string; issues: Issue[] }[];
  beforeAll(async () => {
    ledgers = await generate('review-ledger', [ledger, noMeasure], '--format', 'xlsx');
    ledgerDrafts = await generate('review-ledger', [ledger, noMeasure], '--format', 'xlsx', '--allow-errors');
    checklists = await generate('outfall-checklist', [xiuwu, notBanned], '--format', 'xlsx');
    checklistDrafts = await generate('outfall-checklist', [xiuwu, notBanned], '--format', 'xlsx', '--allow-errors');
    warned = await generate('outfall-checklist', [unlisted], '--format', 'xlsx');
    const files = [
      join(ledgerDrafts.out, '温县2023年6月行政复议工作问题台账.xlsx'),
      join(checklistDrafts.out, '武陟县入河排污口排查整治台账.xlsx'),
      join(warned.out, '修武县入河排污口排查整治台账.xlsx'),
    ];
    reports = JSON.parse((await tianbao(['validate', ...files, '--format', 'json'])).stdout).files;
  }, 180_000);

  /** What `validate` said about a workbook `generate` wrote in `out`: its issues with rule `rule`. */
  const validated = (out: string, name: string, rule: string) =>
    reports.find((r) => r.file === join(out, name))!.issues.filter((i) => i.rule === rule);

  it('writes no ledger that validate would reject, says why in validate’s words, and writes the others', () => {
    const r = ledgers;
    expect(r.code).toBe(1);
    expect(r.written).toEqual(['修武县2023年6月行政复议工作问题台账.xlsx']);
    const line = r.stderr.split('\n').find((l) => l.includes('[ledger.measures.missing]'))!;
    expect(line.startsWith(`${r.data} $[1].rows.acceptance.measures（案件受理方面的改进措施） 错误：`), line).toBe(true);
    expect(r.stderr).toContain(`${r.data} $[1]：有 1 处错误，未生成此项`);
    expect(r.stderr).not.toContain('$[0]');

    // As a draft, it is written; validate then finds the very same fault, in the very same words.
    // Still exit 1: the data is not yet valid, drafts or not.
    const draft = ledgerDrafts;
    expect(draft.code).toBe(1);
    expect(draft.written).toEqual(['修武县2023年6月行政复议工作问题台账.xlsx', '温县2023年6月行政复议工作问题台账.xlsx']);
    expect(draft.stderr).toContain(`${draft.data} $[1]：有 1 处错误，按 --allow-errors 仍生成，只是草稿`);
    const [issue, ...more] = validated(draft.out, '温县2023年6月行政复议工作问题台账.xlsx', 'ledger.measures.missing');
    expect(more).toEqual([]);
    expect(issue!.severity).toBe('error');
    expect(line).toContain(`错误：${issue!.message}  [ledger.measures.missing]`);
  });

  it('writes no checklist keeping an outfall in a protected area, in validate’s words', () => {
    const r = checklists;
    expect(r.code).toBe(1);
    expect(r.written).toEqual(['修武县入河排污口排查整治台账.xlsx']);
    const line = r.stderr.split('\n').find((l) => l.includes('[outfall.protected.ban]'))!;
    expect(line).toContain(`${r.data} $[1].outfalls[2].method（整治方式） 错误：`);
    expect(r.stderr).toContain(`${r.data} $[1]：有 1 处错误，未生成此项`);

    const draft = checklistDrafts;
    expect(draft).toMatchObject({ code: 1, written: ['修武县入河排污口排查整治台账.xlsx', '武陟县入河排污口排查整治台账.xlsx'] });
    const [issue] = validated(draft.out, '武陟县入河排污口排查整治台账.xlsx', 'outfall.protected.ban');
    expect(line).toContain(`错误：${issue!.message}  [outfall.protected.ban]`);
  });

  it('shows warnings and writes the item all the same', () => {
    const r = warned;
    expect(r).toMatchObject({ code: 0, written: ['修武县入河排污口排查整治台账.xlsx'] });
    const [issue] = validated(r.out, '修武县入河排污口排查整治台账.xlsx', 'outfall.river.unlisted');
    expect(r.stderr).toBe(`${r.data} $[0].outfalls[0].river（受纳水体） 提示：${issue!.message}  [outfall.river.unlisted]\n`);
  });
});
