/**
 * `tianbao generate` over 500 ledgers (1,000 documents, XLSX and PDF), with
 * one job and with a job for every core, in turn after a warm-up pair, three
 * runs each (medians). Each run must make the 1,000 files, byte for byte
 * those of the first. Prints one JSON line:
 * {"docs":1000,"jobs1Ms":…,"jobsAllMs":…,"cores":…}
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { inTurn } from './in-turn.ts';

const LEDGERS = 500;
const { samples } = reviewLedger;
// Every unit's ledger month after month, so that no two share a file name.
const ledgers = Array.from({ length: LEDGERS }, (_, i) => {
  const month = Math.floor(i / samples.length);
  const period = `${2019 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  return { ...samples[i % samples.length]!, period, reportDate: `${period}-26` };
});
const dir = mkdtempSync(join(tmpdir(), 'tianbao-generate-jobs-'));
const data = join(dir, 'ledgers.json');
writeFileSync(data, JSON.stringify(ledgers));

const bin = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tianbao');
const digest = (out: string) =>
  readdirSync(out)
    .sort()
    .map((name) => `${name} ${createHash('sha256').update(readFileSync(join(out, name))).digest('hex')}`)
    .join('\n');
let made: string | undefined;
let runs = 0;
/** One run; it throws unless the run made every file, as the first did. */
function generate(jobs: number): void {
  const out = join(dir, `run-${runs++}`);
  execFileSync(bin, ['generate', 'review-ledger', '--data', data, '-o', out, '--jobs', String(jobs)], { stdio: 'ignore' });
  const files = digest(out);
  if (files.split('\n').length !== 2 * LEDGERS || (made ??= files) !== files) throw new Error(`generate --jobs ${jobs} made other files than the first run`);
  rmSync(out, { recursive: true });
}

const cores = availableParallelism();
const [jobs1Ms, jobsAllMs] = inTurn(3, () => generate(1), () => generate(cores));
rmSync(dir, { recursive: true });
console.log(JSON.stringify({ docs: 2 * LEDGERS, jobs1Ms: Math.round(jobs1Ms), jobsAllMs: Math.round(jobsAllMs), cores }));
