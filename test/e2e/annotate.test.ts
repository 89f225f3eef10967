import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, type Run, tempDir, tianbao } from './run.ts';
import { unzip } from './zip.ts';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const faulty = join(FIXTURES, 'sheetjs', 'outfall-faulty.xlsx');

async function open(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

interface Flagged {
  severity: string;
  sheet: string;
  cell: string;
  explained?: boolean;
  message: string;
}

/**
 * One run for the tests below (one start-up, not one each), with --annotate and --as-of 2023-08-15 (which the outfall
 * lists do not depend on): the faulty outfall list as a county sends it, in a folder of its own, an outfall list and a
 * ledger tianbao wrote, and the faulty list with a warning and an error the clerk answered in a comment; the run, the
 * folder, the copies' folder, and each file's issues and copy.
 */
let annotating:
  | Promise<{ r: Run; inbox: string; file: string; before: string; back: string; faulty: Annotated; written: Annotated; ledger: Annotated; answered: Annotated }>
  | undefined;
interface Annotated {
  file: string;
  issues: Flagged[];
  copy: string;
}
const shared = () =>
  (annotating ??= (async () => {
    const inbox = tempDir();
    const back = tempDir();
    const file = join(inbox, '武陟县入河排污口排查整治台账.xlsx');
    copyFileSync(faulty, file);
    const before = sha(file);
    const shanyang = join(tempDir(), '山阳区入河排污口排查整治台账.xlsx');
    writeFileSync(shanyang, await writeWorkbook(outfallChecklist, outfallChecklist.samples.find((s) => s.unit === '山阳区')!));
    const ledger = join(tempDir(), 'in.xlsx');
    writeFileSync(ledger, await writeWorkbook(reviewLedger, reviewLedger.samples.find((s) => s.unit === '中站区')!));
    const wb = await open(faulty);
    const ws = wb.getWorksheet('排污口清单')!;
    ws.getCell('K9').note = '该代码为早期试点地区发放，经核对营业执照无误';
    ws.getCell('N7').note = '已报请县政府同意保留';
    const answered = join(tempDir(), 'answered.xlsx');
    await wb.xlsx.writeFile(answered);
    const r = await tianbao(['validate', inbox, shanyang, ledger, answered, '--annotate', back, '--format', 'json', '--as-of', '2023-08-15']);
    const [a, b, c, d] = JSON.parse(r.stdout).files as { file: string; issues: Flagged[] }[];
    const of = (report: { file: string; issues: Flagged[] }, name: string): Annotated => ({ file: report.file, issues: report.issues, copy: join(back, `${name}-批注.xlsx`) });
    return {
      r,
      inbox,
      file,
      before,
      back,
      faulty: of(a!, '武陟县入河排污口排查整治台账'),
      written: of(b!, '山阳区入河排污口排查整治台账'),
      ledger: of(c!, 'in'),
      answered: of(d!, 'answered'),
    };
  })());

/** The cells of every sheet of `input` whose fill differs in `copy` (`Sheet!A1`), and the cells themselves; compared once per pair. */
const compared = new Map<string, Promise<Map<string, [ExcelJS.Cell, ExcelJS.Cell]>>>();
const refilled = (input: string, copy: string) => compared.get(`${input}\n${copy}`) ?? compared.set(`${input}\n${copy}`, compare(input, copy)).get(`${input}\n${copy}`)!;
async function compare(input: string, copy: string): Promise<Map<string, [ExcelJS.Cell, ExcelJS.Cell]>> {
  const [a, b] = [await open(input), await open(copy)];
  const changed = new Map<string, [ExcelJS.Cell, ExcelJS.Cell]>();
  for (const ws of a.worksheets) {
    const other = b.getWorksheet(ws.name)!;
    for (let r = 1; r <= Math.max(ws.rowCount, other.rowCount); r++)
      for (let c = 1; c <= Math.max(ws.columnCount, other.columnCount); c++) {
        const [was, now] = [ws.getCell(r, c), other.getCell(r, c)];
        if (JSON.stringify(was.fill ?? null) !== JSON.stringify(now.fill ?? null)) changed.set(`${ws.name}!${was.address}`, [was, now]);
      }
  }
  return changed;
}

/** Exactly the flagged cells are filled, red for an error and yellow for a warning, each keeping the rest of its look. */
async function expectOnlyFlaggedFilled(input: string, copy: string, issues: Flagged[]): Promise<void> {
  const colour = new Map<string, string>();
  for (const i of issues.filter((i) => i.cell && !i.explained)) {
    const at = `${i.sheet}!${i.cell}`;
    colour.set(at, colour.get(at) === 'FFFFC7CE' || i.severity === 'error' ? 'FFFFC7CE' : 'FFFFEB9C');
  }
  const changed = await refilled(input, copy);
  expect([...changed.keys()].sort()).toEqual([...colour.keys()].sort());
  // exceljs names nothing of a cell in the workbook's default format, and all of a copy of that format: its first font, no border, General.
  const styles = unzip(readFileSync(input)).find((p) => p.name === 'xl/styles.xml')!.data.toString();
  const font = /<fonts[^>]*>\s*<font>(.*?)<\/font>/.exec(styles)![1]!;
  const firstFont = { size: Number(/<sz val="([^"]+)"/.exec(font)![1]), name: /<name val="([^"]+)"/.exec(font)![1] };
  for (const [at, [was, now]] of changed) {
    expect((now.fill as ExcelJS.FillPattern).fgColor?.argb, at).toBe(colour.get(at));
    if (was.font) expect(now.font, at).toEqual(was.font);
    else expect(now.font, at).toMatchObject(firstFont);
    expect(now.border ?? {}, at).toEqual(was.border ?? {});
    expect(now.numFmt ?? 'General', at).toBe(was.numFmt ?? 'General');
    expect(now.alignment, at).toEqual(was.alignment);
    expect(now.protection, at).toEqual(was.protection);
  }
}

describe('validate --annotate', () => {
  it('writes a marked-up copy and leaves the submission byte for byte as it was', async () => {
    const { r, inbox, file, before, back, faulty: report } = await shared();
    expect(r.code).toBe(1);
    expect(sha(file)).toBe(before);
    expect(readdirSync(inbox)).toEqual(['武陟县入河排污口排查整治台账.xlsx']);
    const copy = join(back, '武陟县入河排污口排查整治台账-批注.xlsx');
    expect(r.stderr).toContain(`批注副本：${copy}`);
    expect(report.file).toBe(file);
    const issues = report.issues;

    const wb = await open(copy);
    // 审核结果 comes first, one line per issue, each linked to its cell.
    expect(wb.worksheets[0]!.name).toBe('审核结果');
    const result = wb.worksheets[0]!;
    const resultXml = unzip(readFileSync(copy)).find((p) => /sheet\d+\.xml$/.test(p.name) && p.data.includes('审核结果：'))!.data.toString();
    expect(result.getCell('A1').text).toContain('不通过');
    expect(result.getCell('D2').text).toBe('说明');
    issues.forEach((issue, k) => {
      const row = result.getRow(k + 3);
      expect(row.getCell(4).text).toBe(issue.message);
      expect(row.getCell(2).text).toBe(`${issue.sheet}!${issue.cell}`);
      // A link within the workbook is a `location` (exceljs does not read those; Excel, WPS and LibreOffice follow them).
      expect(resultXml).toContain(`<hyperlink ref="B${k + 3}" location="'${issue.sheet}'!${issue.cell}"`);
    });
    // Each faulty cell is filled and carries its message as a comment.
    const ws = wb.getWorksheet('排污口清单')!;
    for (const issue of issues) {
      const cell = ws.getCell(issue.cell);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(issue.severity === 'error' ? 'FFFFC7CE' : 'FFFFEB9C');
      expect(JSON.stringify(cell.note)).toContain(issue.message.slice(0, 12));
    }
    // A cell without an issue is left alone.
    expect(ws.getCell('C4').fill).toBeUndefined();

    // 审核结果 prints on A4 landscape, one page wide, messages wrapped, its header on every page; the comments print after the sheet.
    expect(resultXml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(resultXml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(result.getCell('D3').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(result.columns.reduce((n, c) => n + (c.width ?? 0), 0)).toBeLessThanOrEqual(140);
    const parts = unzip(readFileSync(copy));
    expect(parts.find((p) => p.name === 'xl/workbook.xml')!.data.toString()).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'审核结果'!$2:$2</definedName>`);
    const listXml = parts.find((p) => /sheet\d+\.xml$/.test(p.name) && p.data.includes('<legacyDrawing'))!.data.toString();
    expect(listXml).toMatch(/<pageSetup [^>]*cellComments="atEnd"/);
  });

  it('counts a warning the clerk answered in a comment as explained, and an error still as an error', async () => {
    // The report of a run with --annotate, which is the report of one without, and the copy it wrote.
    const { r, answered } = await shared();
    const { file, issues, copy } = answered;
    const report = JSON.parse(r.stdout);
    const at = (cell: string) => issues.find((i) => i.cell === cell)! as Flagged & { rule: string };
    expect(at('K9')).toMatchObject({ rule: 'outfall.credit.check', severity: 'warning', explained: true });
    expect(at('N7')).toMatchObject({ rule: 'outfall.protected.ban', severity: 'error', explained: false });
    // The run's summary counts every warning of its files, and the one explained.
    const all = report.files.flatMap((f: { issues: Flagged[] }) => f.issues);
    expect(report.summary).toMatchObject({ warnings: all.filter((i: Flagged) => i.severity === 'warning').length, explained: 1 });
    const text = await tianbao(['validate', file]);
    expect(text.stdout).toMatch(/K9\s+已说明/);
    expect(text.stdout).toContain('（其中已说明 1 条）');
    // The copy fills the error, not the explained warning, which keeps its comment and ours.
    await expectOnlyFlaggedFilled(file, copy, issues);
    const marked = await refilled(file, copy);
    expect(marked.has('排污口清单!N7')).toBe(true);
    expect(marked.has('排污口清单!K9')).toBe(false);
    expect(JSON.stringify((await open(copy)).getWorksheet('排污口清单')!.getCell('K9').note)).toContain(at('K9').message);
  });
});

describe('the colours of a marked-up copy', () => {
  const cases: [string, () => Promise<Annotated>, number][] = [
    ['a ledger tianbao wrote, with two warnings', async () => (await shared()).ledger, 2],
    ['an outfall list tianbao wrote, with two findings', async () => (await shared()).written, 2],
    ['an outfall list another program wrote, with errors and a warning', async () => (await shared()).faulty, 9],
  ];
  for (const [name, check, count] of cases) {
    it(`fill exactly the flagged cells, each keeping its font, border, number format and alignment: ${name}`, async () => {
      const { file, issues, copy } = await check();
      expect(issues).toHaveLength(count);
      await expectOnlyFlaggedFilled(file, copy, issues);
    });
  }
});

/** The text of a cell's comment as exceljs reads it. */
const noteText = (cell: ExcelJS.Cell) => (typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join(''));

/**
 * The faulty list's marked-up copy as it comes back, in one run with --annotate (one start-up, not one each): the copy
 * as tianbao wrote it; as the clerk answers its warning under tianbao's message, or goes on typing after it on its line;
 * and as the clerk mends F6 (the basin of 沁河), answers K9 under our line and saves it in another program. The run's
 * report, each answered copy's path, and the mended file's issues and copy.
 */
const REPLIES = ['\n经核对营业执照无误', '（经核对无误）'];
let returning: Promise<{ report: any; warning: Flagged; answered: string[]; mended: Annotated }> | undefined;
const returned = (): NonNullable<typeof returning> =>
  (returning ??= (async () => {
    const { issues, copy } = (await shared()).faulty;
    const warning = issues.find((i) => i.severity === 'warning')!;
    const answered: string[] = [];
    for (const reply of REPLIES) {
      const wb = await open(copy);
      const cell = wb.getWorksheet(warning.sheet)!.getCell(warning.cell);
      cell.note = noteText(cell) + reply;
      answered.push(join(tempDir(), 'answered.xlsx'));
      await wb.xlsx.writeFile(answered.at(-1)!);
    }
    const wb = await open(copy);
    const ws = wb.getWorksheet('排污口清单')!;
    ws.getCell('F6').value = '黄河流域';
    ws.getCell('K9').note = `${noteText(ws.getCell('K9'))}\n经核对营业执照无误`;
    const mended = join(tempDir(), 'back.xlsx');
    await wb.xlsx.writeFile(mended);
    const back = tempDir();
    const r = await tianbao(['validate', copy, ...answered, mended, '--annotate', back, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    return { report, warning, answered, mended: { file: mended, issues: report.files.at(-1).issues, copy: join(back, 'back-批注.xlsx') } };
  })());

describe('a marked-up copy sent back', () => {
  it('explains nothing by the comments tianbao wrote; a reply the clerk adds to one does', async () => {
    const { copy } = (await shared()).faulty;
    const { report, warning, answered } = await returned();
    const [again, ...back] = report.files as { file: string; issues: Flagged[] }[];
    const explained = (issues: Flagged[]) => issues.filter((i) => i.explained).length;
    expect(again!.file).toBe(copy);
    expect(explained(again!.issues)).toBe(0);
    expect(again!.issues.find((i) => i.cell === warning.cell)).toMatchObject({ severity: 'warning', explained: false });
    REPLIES.forEach((reply, k) => {
      expect(back[k]!.file).toBe(answered[k]);
      expect(back[k]!.issues.find((i) => i.cell === warning.cell), reply).toMatchObject({ severity: 'warning', explained: true });
      expect(explained(back[k]!.issues), reply).toBe(1);
    });
    // The summary counts the one explained in each answered copy and in the mended one (K9), none in the copy as tianbao wrote it.
    expect(report.summary.explained).toBe(0 + REPLIES.length + 1);
  });
});

describe('a marked-up copy marked up again', () => {
  it('replaces the earlier marking: one 审核结果, a mended cell unfilled and without our comment, the clerk’s reply kept', async () => {
    const { issues } = (await shared()).faulty;
    const again = (await returned()).mended;
    expect(again.issues.map((i) => i.cell)).toEqual(issues.map((i) => i.cell).filter((c) => c !== 'F6'));
    const marked = await open(again.copy);
    expect(marked.worksheets.map((w) => w.name)).toEqual(['审核结果', '排污口清单']);
    const count = (p: (i: (typeof again.issues)[number]) => boolean) => again.issues.filter(p).length;
    // K9's explanation counted as the text report counts it.
    expect(marked.worksheets[0]!.getCell('A1').text).toContain(
      `（错误 ${count((i) => i.severity === 'error')} 条，提示 ${count((i) => i.severity === 'warning')} 条，其中已说明 ${count((i) => i.explained === true)} 条）`,
    );
    const list = marked.getWorksheet('排污口清单')!;
    expect((list.getCell('F6').fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    expect(list.getCell('F6').note).toBeUndefined();
    // K9 is explained now: not filled, its comment the clerk's reply and our line once.
    const k9 = again.issues.find((i) => i.cell === 'K9')!;
    expect(k9.explained).toBe(true);
    expect((list.getCell('K9').fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    expect(noteText(list.getCell('K9'))).toBe(`经核对营业执照无误\n【提示（已说明）】${k9.message}`);
    const n7 = again.issues.find((i) => i.cell === 'N7')!;
    expect(noteText(list.getCell('N7'))).toBe(`【错误】${n7.message}`);
    expect((list.getCell('N7').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  });
});
