/**
 * npx tsx test/bench/fuzz.ts [N] [seconds]: the long fuzz run. N damaged and
 * hostile workbooks (default 5,000: every kind in test/e2e/mutations.ts, over
 * valid workbooks of all three forms, seeded by FUZZ_SEED, default 20231228,
 * so the same N gives the same files) are written in batches and checked by
 * the built CLI as a user runs it:
 * `tianbao validate <batch folder> --format json --time-limit 10`.
 * New batches stop at the time budget (default 3,600 s). A run that dies or
 * outlives its budget is split in halves until the files behind it are found.
 *
 * Prints a table (files, verdicts, no verdict, crashes, hangs, too much
 * memory, internal errors, English text, peak memory: the largest single
 * process's maximum RSS, CLI or child, as `/usr/bin/time -v` reports it),
 * then a line per kind that had a fault. Exits 1 on any file with no verdict,
 * a crash, a hang, an internal error or English text; those files are copied
 * to a folder it names, each to replay with `tianbao validate <file>`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { mutations, validWorkbooks, type MutationKind } from '../e2e/mutations.ts';
import { BIN } from '../e2e/run.ts';
import { foreignText, verdictFaults } from '../e2e/verdict.ts';
import type { Issue } from '@tianbao/form';

const N = Number(process.argv[2] ?? 5000);
const BUDGET_S = Number(process.argv[3] ?? 3600);
const SEED = Number(process.env.FUZZ_SEED ?? 20231228);
const TIME_LIMIT_S = 10;
/** Files a CLI run checks at once. */
const BATCH = 250;
/** How long one CLI run may take before it is called a hang: room for every file to be slow, far short of a file stuck for good. */
const runBudgetMs = (files: number) => 120_000 + 1_000 * files;

const kinds = mutations(await validWorkbooks());
const names = Object.keys(kinds) as MutationKind[];
const work = mkdtempSync(join(tmpdir(), 'tianbao-fuzz-'));
const kept = join(work, 'failing');
mkdirSync(kept);
const kindOf = new Map<string, MutationKind>();

/** What became of one file. */
type Outcome = { issues: Issue[]; valid: boolean } | 'crashed' | 'hung';

interface Run {
  reports: Map<string, Outcome> | null;
  died: boolean;
  hung: boolean;
  peakKB: number;
  stderr: string;
}

/** The CLI on `paths`, under /usr/bin/time -v, killed past its budget. */
function validate(paths: string[], files: number): Promise<Run> {
  return new Promise((resolve) => {
    const args = ['-v', BIN, 'validate', ...paths, '--format', 'json', '--time-limit', String(TIME_LIMIT_S)];
    const child = spawn('/usr/bin/time', args, { env: { ...process.env, NO_COLOR: '', TIANBAO_DEBUG: '1' }, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, runBudgetMs(files));
    child.on('close', () => {
      clearTimeout(timer);
      const peakKB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
      const status = Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? -1);
      let reports: Map<string, Outcome> | null = null;
      try {
        const json = JSON.parse(stdout) as { files: { file: string; valid: boolean; issues: Issue[] }[] };
        reports = new Map(json.files.map((f) => [basename(f.file), f]));
      } catch {
        // No report: the run died or was killed.
      }
      const died = !hung && (/terminated by signal/.test(stderr) || (status !== 0 && status !== 1));
      resolve({ reports, died, hung, peakKB, stderr });
    });
  });
}

let peakKB = 0;
const logs: string[] = [];

/** Outcomes of `files` (paths), the run split in halves while it dies or hangs, down to the file that does. */
async function judge(files: string[], paths = files): Promise<Map<string, Outcome>> {
  const run = await validate(paths, files.length);
  peakKB = Math.max(peakKB, run.peakKB);
  if (run.reports && !run.died && !run.hung) return run.reports;
  if (files.length === 1) {
    logs.push(`${basename(files[0]!)}: ${run.hung ? 'hung' : 'died'}\n${run.stderr.slice(-4000)}`);
    return new Map([[basename(files[0]!), run.hung ? 'hung' : 'crashed']]);
  }
  const half = Math.ceil(files.length / 2);
  return new Map([...(await judge(files.slice(0, half))), ...(await judge(files.slice(half)))]);
}

const COLUMNS = ['files', 'verdicts', 'no verdict', 'crashes', 'hangs', 'too much memory', 'internal errors', 'English text'] as const;
type Counts = Record<(typeof COLUMNS)[number], number>;
const zero = (): Counts => Object.fromEntries(COLUMNS.map((c) => [c, 0])) as Counts;
const total = zero();
const byKind = new Map(names.map((k) => [k, zero()]));

/** The columns one file's outcome counts in. */
function columns(outcome: Outcome | undefined): (keyof Counts)[] {
  if (outcome === 'crashed') return ['files', 'no verdict', 'crashes'];
  if (outcome === 'hung') return ['files', 'no verdict', 'hangs'];
  if (!outcome || verdictFaults(outcome).includes('no verdict')) return ['files', 'no verdict'];
  const rules = new Set(outcome.issues.map((i) => i.rule));
  const out: (keyof Counts)[] = ['files', 'verdicts'];
  if (rules.has('file.crashed')) out.push('crashes');
  if (rules.has('file.timeout')) out.push('hangs');
  if (rules.has('file.too-much-memory')) out.push('too much memory');
  if (rules.has('file.internal')) out.push('internal errors');
  if (outcome.issues.some((i) => foreignText(i.message))) out.push('English text');
  return out;
}

const FAULTS: readonly (keyof Counts)[] = ['no verdict', 'crashes', 'hangs', 'internal errors', 'English text'];

const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
let written = 0;
for (let batch = 0; written < N && elapsed() < BUDGET_S; batch++) {
  const dir = join(work, `batch-${batch}`);
  mkdirSync(dir);
  const files: string[] = [];
  const size = Math.min(BATCH, N - written);
  // Each kind in turn, so that every batch, and any N, holds them all alike.
  const perKind = names.map((_, k) => Math.floor(size / names.length) + (k < size % names.length ? 1 : 0));
  names.forEach((kind, k) => {
    fc.sample(kinds[kind], { seed: SEED + batch * names.length + k, numRuns: perKind[k]! }).forEach((bytes, i) => {
      const name = `${batch}-${k}-${i}.xlsx`;
      writeFileSync(join(dir, name), bytes);
      kindOf.set(name, kind);
      files.push(join(dir, name));
    });
  });
  written += files.length;
  const outcomes = await judge(files, [dir]);
  for (const file of files) {
    const name = basename(file);
    const counted = columns(outcomes.get(name));
    for (const c of [total, byKind.get(kindOf.get(name)!)!]) for (const column of counted) c[column]++;
    if (counted.some((column) => FAULTS.includes(column))) copyFileSync(file, join(kept, name));
  }
  rmSync(dir, { recursive: true });
  process.stderr.write(`\r${written}/${N} files, ${Math.round(elapsed())} s`);
}
process.stderr.write('\n');

const width = Math.max(...COLUMNS.map((c) => c.length));
console.log(`seed ${SEED}, ${Math.round(elapsed())} s${written < N ? ` (time budget reached after ${written} of ${N} files)` : ''}`);
for (const c of COLUMNS) console.log(`${c.padEnd(width)}  ${total[c]}`);
console.log(`${'peak memory'.padEnd(width)}  ${Math.round(peakKB / 1024)} MB`);
for (const [kind, c] of byKind)
  if (FAULTS.some((f) => c[f] > 0)) console.log(`  ${kind}: ${c.files} files, ${FAULTS.filter((f) => c[f] > 0).map((f) => `${c[f]} ${f}`).join(', ')}`);
const failed = FAULTS.some((f) => total[f] > 0);
if (failed) {
  writeFileSync(join(kept, 'runs.log'), logs.join('\n\n'));
  console.log(`failing files kept in ${kept} (replay: tianbao validate <file>; runs that died: runs.log)`);
} else rmSync(work, { recursive: true });
process.exitCode = failed ? 1 : 0;
