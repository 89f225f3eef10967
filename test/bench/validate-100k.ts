/**
 * npx tsx test/bench/validate-100k.ts: `tianbao validate` on a city-wide
 * checklist of 100,000 outfalls, two files of the same list: as tianbao
 * writes it (shared strings) and as openpyxl does (inline strings, every
 * character outside ASCII a reference `&#27745;`: saved by openpyxl when
 * python3 has it, else rewritten so by openpyxl-style.ts). Each file is
 * measured against the floor (floor-scan.mjs: a process that inflates the
 * sheet part and counts its cells, nothing else) and exceljs's streaming
 * reader (exceljs-read.mjs), run in turn, three times each, then read once
 * by SheetJS (sheetjs-read.mjs) and, when present, openpyxl (openpyxl-read.py).
 *
 * With other work on the machine, wall time says little: each run is measured
 * by the processor time (user + system) and the peak memory of its processes,
 * summed over the process tree (the CLI and the child that checks the file;
 * see peak-rss.mjs). Prints one JSON line:
 * {"rows","openpyxlBy","write":{ms,peakRssMB},"files":{"tianbao"|"openpyxl":{bytes,floor,validate,exceljs,sheetjs,openpyxl?,ratio}}}
 * each measure {cpuMs,peakRssMB,ms}; `ratio`: validate's processor time ÷ the floor's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './in-turn.ts';
import { openpyxlStyle } from './openpyxl-style.ts';

const ROWS = 100_000;
const RUNS = 3;
const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'tianbao-100k-'));
const tsx = join(here, '..', '..', 'node_modules', '.bin', 'tsx');
const bin = join(here, '..', '..', 'node_modules', '.bin', 'tianbao');

const ours = join(dir, 'outfalls-100k.xlsx');
const write = JSON.parse(execFileSync(tsx, [join(here, 'write-100k.ts'), String(ROWS), ours], { encoding: 'utf8' }));
const theirs = join(dir, 'outfalls-100k-openpyxl.xlsx');
const python = spawnSync('python3', ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
if (python) execFileSync('python3', [join(here, 'openpyxl-write.py'), ours, theirs]);
else writeFileSync(theirs, openpyxlStyle(readFileSync(ours)));

interface Measure {
  cpuMs: number;
  peakRssMB: number;
  ms: number;
}

/**
 * A command run with peak-rss.mjs loaded into each of its Node processes:
 * their processor time and peak memory, summed; its standard output.
 */
function measured(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Measure & { stdout: string } {
  const start = performance.now();
  const peaks = join(dir, `peaks-${start}.jsonl`);
  const run = spawnSync(file, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env, NODE_OPTIONS: `--import=${join(here, 'peak-rss.mjs')}`, PEAK_RSS_FILE: peaks },
  });
  const ms = Math.round(performance.now() - start);
  if (run.status !== 0 && run.status !== 1) throw new Error(`${file} ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  const each = readFileSync(peaks, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { peakRssMB: number; cpuMs: number });
  rmSync(peaks);
  const sum = (k: 'peakRssMB' | 'cpuMs') => each.reduce((n, p) => n + p[k], 0);
  return { cpuMs: sum('cpuMs'), peakRssMB: sum('peakRssMB'), ms, stdout: run.stdout };
}

/** The whole command as a user runs it. */
function validate(file: string): Measure {
  const { stdout, ...m } = measured(bin, ['validate', file, '--format', 'json']);
  const report = JSON.parse(stdout);
  if (report.summary.errors !== 0) throw new Error(`the 100,000-row checklist should have no error: ${stdout.slice(0, 500)}`);
  return m;
}

/** Cells of a filled outfall row at least: a reader that visits fewer has not read the list, and its time is no measure. */
const CELLS_A_ROW = 15;
function readAll(name: string, cells: number): void {
  if (!(cells >= ROWS * CELLS_A_ROW)) throw new Error(`${name} visited ${cells} cells of ${ROWS.toLocaleString('en')} rows`);
}

const node = (script: string, file: string): Measure => {
  const { stdout, ...m } = measured(process.execPath, [join(here, script), file]);
  readAll(script, JSON.parse(stdout).cells);
  return m;
};

/** openpyxl's own figures: its process is Python, measured from inside. */
function openpyxl(file: string): Measure {
  const start = performance.now();
  const out = JSON.parse(execFileSync('python3', [join(here, 'openpyxl-read.py'), file], { encoding: 'utf8' }));
  readAll('openpyxl-read.py', out.cells);
  return { cpuMs: out.cpuMs, peakRssMB: out.peakRssMB, ms: Math.round(performance.now() - start) };
}

/** Medians of the times, the largest peak. */
const summary = (runs: Measure[]): Measure => ({
  cpuMs: median(runs.map((r) => r.cpuMs)),
  peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
  ms: median(runs.map((r) => r.ms)),
});

function bench(file: string) {
  const runs = { floor: [] as Measure[], validate: [] as Measure[], exceljs: [] as Measure[] };
  // In turn, so that each sees the machine as loaded as the others do.
  for (let i = 0; i < RUNS; i++) {
    runs.floor.push(node('floor-scan.mjs', file));
    runs.validate.push(validate(file));
    runs.exceljs.push(node('exceljs-read.mjs', file));
  }
  const [floor, v, exceljs] = [summary(runs.floor), summary(runs.validate), summary(runs.exceljs)];
  return {
    bytes: statSync(file).size,
    floor,
    validate: v,
    exceljs,
    sheetjs: node('sheetjs-read.mjs', file),
    ...(python ? { openpyxl: openpyxl(file) } : {}),
    ratio: Number((v.cpuMs / floor.cpuMs).toFixed(2)),
  };
}

const files = { tianbao: bench(ours), openpyxl: bench(theirs) };
console.log(JSON.stringify({ rows: ROWS, openpyxlBy: python ? 'openpyxl' : 'openpyxl-style.ts', write, files }));
rmSync(dir, { recursive: true });
