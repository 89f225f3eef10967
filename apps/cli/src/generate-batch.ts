import { join } from 'node:path';
import { outputContext, type FormDefinition } from '@tianbao/form';
import { runTasks } from '@tianbao/isolate';
import { jobsFor } from './batch.ts';
import { makeOutput, type Outcome, type OutputSetup, type OutputTask } from './make-output.ts';
import { filledName, upToDate } from './outputs.ts';
import { progress } from './paint.ts';

export interface GenerateRun extends Omit<OutputSetup, 'template'> {
  /** The data file: outputs newer than it are skipped unless `force`. */
  dataFile: string;
  formats: readonly OutputTask['format'][];
  force: boolean;
  asOf: string | undefined;
  jobs: number | undefined;
}

/** One line of the run's account: an output skipped, or the task that makes one. */
type Step = { skipped: string } | { task: number };

/**
 * Generate every output of the data on `jobs` threads, and print what became
 * of each in the order of the data — paths written on stdout, skips and
 * failures on stderr — exactly as one job prints them. Returns how many failed.
 */
export async function generateBatch(def: FormDefinition<any>, items: readonly Record<string, any>[], run: GenerateRun): Promise<number> {
  const tasks: OutputTask[] = [];
  const steps: Step[] = [];
  for (const data of items) {
    const { asOf } = outputContext(data, run.units, run.asOf);
    for (const format of run.formats) {
      const name = filledName(def, data, format);
      // A re-run leaves alone what is newer than the data, unless --force.
      if (!run.force && upToDate(join(run.out, name), run.dataFile)) steps.push({ skipped: join(run.out, name) });
      else steps.push({ task: tasks.push({ data, format, name, asOf }) - 1 });
    }
  }

  const outcomes: Outcome[] = [];
  const lineOf = (step: Step) => ('task' in step ? outcomes[step.task] : step);
  let printed = 0;
  const print = () => {
    let line;
    while (printed < steps.length && (line = lineOf(steps[printed]!))) {
      printed++;
      // Clear the progress bar's line first, on a terminal.
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      if ('written' in line) console.log(line.written);
      else console.error('failed' in line ? line.failed : `已是最新，跳过：${line.skipped}（--force 重新生成）`);
    }
  };

  // Making documents is work for the processor: two threads pay already on two cores.
  const jobs = jobsFor(run.jobs, tasks.length, 2);
  const setup: OutputSetup = { template: def.id, units: run.units, out: run.out };
  const bar = progress(tasks.length);
  print();
  await runTasks(tasks, {
    jobs,
    local: (task) => makeOutput(def, setup, task),
    worker: { module: new URL('./generate-worker.ts', import.meta.url), setup },
    crashed: (task, e) => ({ failed: `${task.name}：生成时出错：${e.message}` }),
    onResult: (outcome, index) => {
      outcomes[index] = outcome;
      print();
      bar.tick('failed' in outcome ? 1 : 0);
    },
  });
  bar.done();
  return outcomes.filter((o) => 'failed' in o).length;
}
