import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { outputContext, printable, type FormDefinition } from '@tianbao/form';
import { removeStaleTemps } from '@tianbao/xlsx/atomic';
import { CHILD_LIMITS, ChildPool, runBatches, type Batching, type Failure } from '@tianbao/isolate';
import { INLINE_LESS, childProgram, jobsFor } from './batch.ts';
import type { PrepareTask } from './child.ts';
import type { KeptItem } from './item-check.ts';
import type { GenerateTask, Outcome, OutputSetup, OutputTask } from './make-output.ts';
import { outputDigest } from './output-digest.ts';
import { filledName, upToDate } from './outputs.ts';
import { progress } from './paint.ts';

export interface GenerateRun extends Omit<OutputSetup, 'template'> {
  /** The run's children, from `generateChildren`. */
  pool: ChildPool;
  formats: readonly OutputTask['format'][];
  paper: OutputTask['paper'];
  /** Write even what is up to date. */
  force: boolean;
  asOf: string | undefined;
  jobs: number | undefined;
}

/** One line of the run's account: the `file`-th output of the `task`-th task (one item's outputs). */
type Step = { task: number; file: number };

/**
 * Generate every output of the data on `jobs` child processes, and print what became
 * of each in the order of the data — paths written on stdout, failures on
 * stderr, then one line counting the outputs skipped as up to date — exactly
 * as one job prints them. Returns how many failed.
 * An item's outputs (its XLSX and PDF) are one task, made together in one
 * child: the PDF's compression runs on the child's thread pool while the
 * workbook is made (see `makeOutputs`). A child is handed a few items at a
 * time, and makes two at once (see `BATCHING`).
 */
export async function generateBatch(def: FormDefinition<any>, items: readonly KeptItem[], run: GenerateRun): Promise<number> {
  // What a run killed while writing left in the folder.
  removeStaleTemps(run.out);
  const tasks: OutputTask[][] = [];
  const steps: Step[] = [];
  const skipped: string[] = [];
  for (const { data, draft } of items) {
    const { asOf } = outputContext(data, run.units, run.asOf);
    const made: OutputTask[] = [];
    for (const format of run.formats) {
      const name = filledName(def, data, format);
      const digest = outputDigest(def, { data, format, paper: run.paper, asOf, units: run.units, draft });
      // A re-run leaves alone what was made from the very same inputs, unless --force.
      if (!run.force && (await upToDate(join(run.out, name), digest))) skipped.push(join(run.out, name));
      else steps.push({ task: tasks.length, file: made.push({ data, format, paper: run.paper, name, asOf, digest, draft }) - 1 });
    }
    if (made.length) tasks.push(made);
  }

  const outcomes: Outcome[][] = [];
  const lineOf = (step: Step) => outcomes[step.task]?.[step.file];
  let printed = 0;
  /** Print the lines due, in order; `end`: the run is over, and a file never started (the disk full) is passed over. */
  const print = (end = false) => {
    for (; printed < steps.length; printed++) {
      const line = lineOf(steps[printed]!);
      if (!line) {
        if (end) continue;
        return;
      }
      // Clear the progress bar's line first, on a terminal.
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      if ('written' in line) {
        console.log(line.written);
        if (line.notice) console.error(line.notice);
      } else console.error(line.failed);
    }
  };

  const files = tasks.reduce((n, made) => n + made.length, 0);
  // As many children by default as for the files one by one.
  const jobs = jobsFor(run.jobs, files);
  const setup: OutputSetup = { template: def.id, units: run.units, out: run.out };
  const bar = progress(files);
  print();
  // A full or read-only disk fails every file after it the same way: none is started then (see `makeItems`).
  const noRoom = new AbortController();
  // Ctrl-C: say what is there and how to go on, then end as the signal ends a process (a child's file being
  // made is written whole or not at all: see `writeFileAtomic`).
  const interrupted = () => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    // With --force a re-run would write everything again: it is to go on without.
    console.error(`已中断：已生成的文件都是完整的，没有写了一半的文件；重新运行同一命令${run.force ? '（去掉 --force）' : ''}即可接着生成，已生成的文件会跳过`);
    process.kill(process.pid, 'SIGINT');
  };
  process.once('SIGINT', interrupted);
  await runBatches<GenerateTask, Outcome[]>('generate', tasks.map((made) => ({ setup, tasks: made })), BATCHING, {
    pool: run.pool,
    jobs,
    stop: noRoom.signal,
    onResult: (outcome, index) => {
      outcomes[index] = 'result' in outcome ? outcome.result : tasks[index]!.map((file) => ({ failed: `${file.name}：${failedText(outcome.failed)}` }));
      if (outcomes[index].some((o) => 'stop' in o)) noRoom.abort();
      print();
      for (const made of outcomes[index]) bar.tick('failed' in made ? 1 : 0);
    },
  });
  process.off('SIGINT', interrupted);
  bar.done();
  // What was made and skipped after the last file made in order, as ever; then the files never started.
  const unmade = steps.filter((step) => !lineOf(step)).length;
  print(true);
  if (skipped.length) console.error(skippedText(skipped));
  if (unmade) console.error(`磁盘已满或只读，已停止生成：其余 ${unmade} 个文件未生成。腾出空间后重新运行同一命令即可，已生成的文件会跳过`);
  return outcomes.flat().filter((o) => 'failed' in o).length + unmade;
}

/**
 * Items handed to a child at a time, so that it can make two at once (`makeItems`): up to 8, an item whose task
 * (its data once a format) takes more than 64 k characters of JSON alone: a long list, whose documents take
 * much memory. Of 500 ledgers one at
 * a time, a child spent a sixth of its time waiting for the deflating of a PDF's streams, with nothing else to do.
 */
const BATCHING: Batching = { most: 8, bytes: 64 << 10 };

/**
 * The children of a run making `formats` of form `template`, `jobs` of them at most (else one a core, as the
 * data asks for: see `jobsFor`). The first starts now and loads the form, the engines and the fonts while
 * the parent still reads and judges the data, which a child would otherwise wait for before its first
 * document; the others start when there is a task for them. Closed by the caller.
 */
export function generateChildren(template: string, formats: readonly OutputTask['format'][], jobs: number | undefined): ChildPool {
  const { script, showStderr } = childProgram();
  const size = jobs ?? availableParallelism();
  const pool = new ChildPool({ script, size, nodeOptions: generateNodeOptions(size), startNow: 1, ...(showStderr && { showStderr }) });
  pool.prepare('prepare', { template, formats } satisfies PrepareTask);
  return pool;
}

/**
 * Node's options for each of `children` generating children (the pool's size, fixed
 * before the data is read: a run of a few items on the default jobs uses fewer children
 * and keeps the helpers off all the same, its collections few). A document is laid
 * out whole in memory, and much of what a layout makes lives until the document
 * is written: a young generation of 4 MB (the CLI's, see bin/tianbao.js) copies
 * it over and over, a tenth of the time of a batch. Each collection copies about
 * the same (the documents in hand), so fewer are cheaper: over 500 ledgers, 16 MB
 * took 225 of them, 1.4–2.1 s of the child's time; 32 MB takes 117, 0.9–1.2 s,
 * for some 30 MB more a child (64 MB: 70, no less time, pauses of 37 ms).
 * Under the child's heap cap (`--max-old-space-size`, 512 MB) V8 takes the
 * machine for a small device and lets the old generation grow only 1.4 times
 * between full collections: 200 ledgers took some 15 of them, a tenth of the
 * child's time. Growing it 4 times, as V8 does for a heap allowed 2 GB or more, takes 4,
 * for some 80 MB more at the peak. A child's peak over 500 ledgers: 300–330 MB
 * with a young generation of 16 MB, 340–350 MB with 32.
 *
 * The optimising compiler, on background threads, took 3.5 s of processor time over
 * 500 ledgers; inlining less, as a checker does (`INLINE_LESS`), 2.5 s. The collector's
 * helper threads are kept only while a core is free of children: with a child on
 * every core they would take the others' time for less than they cost. With one
 * child on two cores, the two together made 500 ledgers in a median 12.5 s against
 * 13.6 s (6 runs in turn, 5 won), 11.3 s against 12.9 s with the inlining alone.
 */
export const generateNodeOptions = (children: number) => [
  '--max-semi-space-size=32',
  '--heap-growing-percent=300',
  INLINE_LESS,
  ...(children >= availableParallelism() ? ['--single-threaded-gc'] : []),
];

/** Files named in the line that counts the outputs skipped, at most: a re-run of a long list skips hundreds. */
const SKIPS_NAMED = 3;

/** The one line on the outputs left as they were, up to date: how many, and which when they are few. */
const skippedText = (paths: readonly string[]) =>
  `已是最新，跳过 ${paths.length} 个文件（由相同的数据和选项生成过，--force 重新生成）${paths.length <= SKIPS_NAMED ? `：${paths.map(printable).join('、')}` : ''}`;

/** Why a document's child process gave no outcome (making one has no time limit). */
const failedText = (failed: Failure) =>
  failed === 'memory'
    ? `生成时占用的内存超过上限（${CHILD_LIMITS.residentMB} MB），未生成；请按单位拆分数据后分别生成`
    : '生成时进程意外退出，未生成；请把所用的数据文件发给维护人员';
