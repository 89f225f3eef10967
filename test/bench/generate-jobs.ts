/**
 * `tianbao generate` over 500 ledgers (1,000 documents, XLSX and PDF), with
 * one job and with a job for every core. Prints one JSON line:
 * {"docs":1000,"jobs1Ms":…,"jobsAllMs":…,"cores":…}
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import reviewLedger from '@tianbao/template-review-ledger';

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
function generate(jobs: number): number {
  const t = performance.now();
  execFileSync(bin, ['generate', 'review-ledger', '--data', data, '-o', join(dir, `jobs${jobs}`), '--jobs', String(jobs)], { stdio: 'ignore' });
  return Math.round(performance.now() - t);
}

const cores = availableParallelism();
const jobs1Ms = generate(1);
const jobsAllMs = generate(cores);
rmSync(dir, { recursive: true });
console.log(JSON.stringify({ docs: 2 * LEDGERS, jobs1Ms, jobsAllMs, cores }));
