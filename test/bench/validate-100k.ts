/**
 * npx tsx test/bench/validate-100k.ts: `tianbao validate` on a city-wide
 * checklist of 100,000 outfalls, against a bare exceljs streaming read of the
 * same file (exceljs-read.mjs), in turn, three times each. Each runs in a
 * process of its own, so each peak memory is its own. Prints one JSON line:
 * {"rows","bytes","write":{ms,peakRssMB},"validate":{ms,peakRssMB},"exceljs":{ms,peakRssMB},"ratio"}
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROWS = 100_000;
const RUNS = 3;
const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'tianbao-100k-'));
const file = join(dir, 'outfalls-100k.xlsx');
const tsx = join(here, '..', '..', 'node_modules', '.bin', 'tsx');
const write = JSON.parse(execFileSync(tsx, [join(here, 'write-100k.ts'), String(ROWS), file], { encoding: 'utf8' }));

const bin = join(here, '..', '..', 'node_modules', '.bin', 'tianbao');
/** The whole command as a user runs it, timed from outside, with the peak memory of the largest of its processes (the CLI and the child that checks the file). */
function validate(): { ms: number; peakRssMB: number } {
  const start = performance.now();
  const peaks = join(dir, `peaks-${start}.jsonl`);
  const env = { ...process.env, NODE_OPTIONS: `--import=${join(here, 'peak-rss.mjs')}`, PEAK_RSS_FILE: peaks };
  const run = spawnSync(bin, ['validate', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30, env });
  const ms = Math.round(performance.now() - start);
  const report = JSON.parse(run.stdout);
  if (report.summary.errors !== 0) throw new Error(`the 100,000-row checklist should have no error: ${run.stdout.slice(0, 500)}`);
  const each = readFileSync(peaks, 'utf8').trim().split('\n').map((line) => JSON.parse(line).peakRssMB as number);
  return { ms, peakRssMB: Math.max(...each) };
}
function exceljs(): { ms: number; peakRssMB: number } {
  const start = performance.now();
  const out = JSON.parse(execFileSync(process.execPath, [join(here, 'exceljs-read.mjs'), file], { encoding: 'utf8' }));
  return { ms: Math.round(performance.now() - start), peakRssMB: out.peakRssMB };
}

const ours: { ms: number; peakRssMB: number }[] = [];
const theirs: { ms: number; peakRssMB: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  ours.push(validate());
  theirs.push(exceljs());
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (runs: { ms: number; peakRssMB: number }[]) => ({
  ms: median(runs.map((r) => r.ms)),
  peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
});
const [v, x] = [summary(ours), summary(theirs)];
console.log(JSON.stringify({ rows: ROWS, bytes: statSync(file).size, write, validate: v, exceljs: x, ratio: Number((v.ms / x.ms).toFixed(2)) }));
rmSync(dir, { recursive: true });
