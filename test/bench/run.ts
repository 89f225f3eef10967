/**
 * pnpm bench: how long the work before a deadline takes on this machine.
 * Each figure is the median of several runs after one warm-up.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultUnits } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import { cacheParsedFonts, renderPdf } from '@tianbao/pdf';
import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { checkFile } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import { inTurn, median } from './in-turn.ts';

const sample = reviewLedger.samples[0]!;
const dir = mkdtempSync(join(tmpdir(), 'tianbao-bench-'));

/** The median time of `runs` calls of `fn`, ms, after one warm-up call. */
async function medianTime(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const rows: [string, string][] = [];
// The table is printed, and the files made removed, as the process ends: a step that fails later loses none of the figures before it.
process.on('exit', () => {
  rmSync(dir, { recursive: true, force: true });
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
});
const ms = (x: number) => `${x.toFixed(1)} ms`;

rows.push(['blank workbook (XLSX)', ms(await medianTime(15, () => writeWorkbook(reviewLedger, null)))]);
rows.push(['filled workbook (XLSX)', ms(await medianTime(15, () => writeWorkbook(reviewLedger, sample)))]);
rows.push(['filled form (PDF)', ms(await medianTime(5, () => renderPdf(reviewLedger, sample)))]);

const roster = censusRoster.samples[0]!;
const city = outfallChecklist.samples.at(-1)!;
const outfalls = city.outfalls.length;
rows.push(['census roster: filled workbook (XLSX)', ms(await medianTime(15, () => writeWorkbook(censusRoster, roster)))]);
rows.push(['census roster: printed roster (PDF)', ms(await medianTime(5, () => renderPdf(censusRoster, roster)))]);
rows.push(['outfall checklist: blank workbook, 200 rows with dropdowns (XLSX)', ms(await medianTime(9, () => writeWorkbook(outfallChecklist, null)))]);
rows.push([`outfall checklist: city-wide, ${outfalls} rows + summary (XLSX)`, ms(await medianTime(5, () => writeWorkbook(outfallChecklist, city)))]);
rows.push([`outfall checklist: city-wide, ${outfalls} rows + summary and chart (PDF)`, ms(await medianTime(3, () => renderPdf(outfallChecklist, city)))]);
const cityFile = join(dir, 'outfalls.xlsx');
writeFileSync(cityFile, await writeWorkbook(outfallChecklist, city));
const allForms = { forms, units: defaultUnits };
rows.push([`outfall checklist: validate the ${outfalls}-row city list`, ms(await medianTime(9, () => checkFile(cityFile, allForms)))]);

const BATCH = 200;
const files: string[] = [];
for (let i = 0; i < BATCH; i++) {
  const file = join(dir, `ledger-${i}.xlsx`);
  writeFileSync(file, await writeWorkbook(reviewLedger, reviewLedger.samples[i % reviewLedger.samples.length]!));
  files.push(file);
}
const opts = { forms: [reviewLedger], units: defaultUnits };
rows.push(['validate one workbook', ms(await medianTime(15, () => checkFile(files[0]!, opts)))]);
const batch = await medianTime(3, async () => {
  for (const f of files) await checkFile(f, opts);
});
rows.push([`validate ${BATCH} workbooks (in process)`, `${ms(batch)} (${((BATCH / batch) * 1000).toFixed(0)} files/s)`]);

const bin = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tianbao');
const cli = await medianTime(3, () => execFileSync(bin, ['validate', dir, '--format', 'json', '--jobs', '1'], { stdio: 'ignore', env: { ...process.env } }) ?? 0);
rows.push([`tianbao validate <folder of ${BATCH}> (whole command)`, ms(cli)]);

// 500 ledgers, XLSX and PDF each, with fonts parsed once per process and, the naive way, once per document.
const LEDGERS = 500;
async function ledgers(): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < LEDGERS; i++) {
    const sample = reviewLedger.samples[i % reviewLedger.samples.length]!;
    await writeWorkbook(reviewLedger, sample);
    await renderPdf(reviewLedger, sample);
  }
  return performance.now() - t;
}
cacheParsedFonts(true);
const cached = await ledgers();
cacheParsedFonts(false);
const naive = await ledgers();
cacheParsedFonts(true);
const docsPerSecond = (t: number) => ((2 * LEDGERS) / t) * 1000;
rows.push([`${LEDGERS} ledgers, XLSX + PDF, fonts parsed once`, `${(cached / 1000).toFixed(1)} s (${docsPerSecond(cached).toFixed(1)} documents/s)`]);
rows.push([`${LEDGERS} ledgers, XLSX + PDF, fonts parsed per document`, `${(naive / 1000).toFixed(1)} s (${docsPerSecond(naive).toFixed(1)} documents/s), ${(naive / cached).toFixed(2)}× slower`]);

// validate and status over 500 submissions: one job, then all cores.
const inbox = join(dir, 'inbox');
mkdirSync(inbox);
for (let i = 0; i < LEDGERS; i++) copyFileSync(files[i % BATCH]!, join(inbox, `${i}.xlsx`));
const over = (args: string[]) => (jobs: number) => () => {
  const { status, stderr } = spawnSync(bin, [...args, '--jobs', String(jobs), '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  // Every copy is of a valid ledger, and each unit's is among them: any other exit status is a failure, not a time.
  if (status !== 0) throw new Error(`tianbao ${args[0]} --jobs ${jobs} exited with ${status}: ${stderr}`);
};
const cores = availableParallelism();
for (const [name, run] of [
  ['validate', over(['validate', inbox])],
  ['status', over(['status', inbox, '--template', 'review-ledger', '--period', '2023-06'])],
] as const) {
  const [one, all] = inTurn(3, run(1), run(cores));
  rows.push([`tianbao ${name} over ${LEDGERS} submissions, 1 job`, ms(one)]);
  rows.push([`tianbao ${name} over ${LEDGERS} submissions, ${cores} jobs (all cores)`, `${ms(all)} (${(one / all).toFixed(2)}× the speed of 1 job)`]);
}
// Start-up beside Node's own; medians of 20 each.
const [bare, listed] = inTurn(
  20,
  () => execFileSync(process.execPath, ['-e', '1'], { stdio: 'ignore' }),
  () => execFileSync(bin, ['templates'], { stdio: 'ignore' }),
);
rows.push(['tianbao templates (start-up)', `${ms(listed)} (${(listed / bare).toFixed(2)}× node -e 1, ${ms(bare)}; at most 3.5×)`]);

// Each in processes of its own, for their own peak memory.
const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
const script = (name: string) => JSON.parse(execFileSync(tsx, [join(import.meta.dirname, name)], { encoding: 'utf8' }));
const big = script('validate-100k.ts');
const rowsOf = big.rows.toLocaleString('en');
rows.push([`outfall checklist, ${rowsOf} rows: write XLSX (streaming)`, `${(big.write.ms / 1000).toFixed(1)} s, peak ${big.write.peakRssMB} MB (data included), ${(big.write.bytes / 1048576).toFixed(1)} MB`]);
// Processor time (user + system) and peak memory, each summed over the command's processes.
const cpu = (m: { cpuMs: number; peakRssMB: number }) => `${(m.cpuMs / 1000).toFixed(2)} s CPU, peak ${m.peakRssMB} MB`;
for (const [name, f] of Object.entries(big.files) as [string, any][]) {
  const list = `outfall checklist, ${rowsOf} rows written by ${name === 'tianbao' ? 'tianbao' : big.openpyxlBy}`;
  const times = (m: { cpuMs: number }) => `${(m.cpuMs / f.validate.cpuMs).toFixed(2)}× validate's time`;
  rows.push([`${list}: floor (inflate the sheet, count its cells)`, cpu(f.floor)]);
  rows.push([`${list}: tianbao validate`, `${cpu(f.validate)} (${f.ratio}× the floor)`]);
  rows.push([`${list}: exceljs streaming read`, `${cpu(f.exceljs)} (${times(f.exceljs)})`]);
  rows.push([`${list}: SheetJS read`, `${cpu(f.sheetjs)} (${times(f.sheetjs)})`]);
  if (f.openpyxl) rows.push([`${list}: openpyxl read-only read`, `${cpu(f.openpyxl)} (${times(f.openpyxl)})`]);
}
const gen = script('generate-jobs.ts');
const pairs = (ms: number) => `${(gen.docs / 2 / (ms / 1000)).toFixed(1)} pairs/s`;
rows.push([`tianbao generate, ${gen.docs / 2} ledgers (XLSX + PDF), 1 job`, `${(gen.jobs1Ms / 1000).toFixed(1)} s (${pairs(gen.jobs1Ms)}, start-up included)`]);
rows.push([
  `tianbao generate, ${gen.docs / 2} ledgers (XLSX + PDF), ${gen.cores} jobs (all cores)`,
  `${(gen.jobsAllMs / 1000).toFixed(1)} s (${pairs(gen.jobsAllMs)}, ${(gen.jobs1Ms / gen.jobsAllMs).toFixed(2)}× the speed of 1 job)`,
]);

// The portal under uploads at a fixed rate, on SQLite and on PostgreSQL: its rows as it prints them.
rows.push(...(JSON.parse(execFileSync(tsx, [join(import.meta.dirname, 'portal-uploads.ts'), '--json'], { encoding: 'utf8' })) as [string, string][]));

// npm test against its standing budget: all but the portal's suites, then the portal's, each run apart.
const tests = script('test-time.ts');
const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
rows.push([
  'npm test: build, type check and all suites but the portal\'s',
  `${s(tests.restMs)} (build ${s(tests.build.ms)}, type check ${s(tests.typecheck.ms)}, suites ${s(tests.rest.ms)}, ${s(tests.rest.cpuMs)} CPU; budget ${s(tests.restBudgetMs)})`,
]);
rows.push(["npm test: the portal's suites (server, database, browser)", `${s(tests.portal.ms)} (${s(tests.portal.cpuMs)} CPU; budget ${s(tests.portalBudgetMs)} more)`]);
