import type { FormDefinition, UnitList } from '@tianbao/form';
import pLimit from 'p-limit';
import { failureText } from './failure.ts';
import { loadForm } from './load-form.ts';
import { writeOutput } from './outputs.ts';
import { unprintableNotice } from './unprintable.ts';

/** One file to generate: a form's data, in one format (a PDF on its paper), under its file name, as of its day. */
export interface OutputTask {
  data: Record<string, any>;
  format: 'xlsx' | 'pdf';
  paper: 'A4' | 'A3';
  name: string;
  asOf: string;
  /** Of every input of the file (see `outputDigest`), kept in its metadata. */
  digest: string;
  /** Made from data with errors (`--allow-errors`): marked 草稿. */
  draft: boolean;
}

/** What a generate run shares: the form, the unit list and the output folder. */
export interface OutputSetup {
  template: string;
  units: UnitList;
  out: string;
}

/** The files of one item to make, as a `generate` task of a child gives them (a batch of these: see `makeItems`). */
export interface GenerateTask {
  setup: OutputSetup;
  tasks: OutputTask[];
}

/**
 * The path written (with a `notice` the user is to read: characters the PDF
 * prints as empty boxes), or why the file could not be made (`stop`: the
 * disk is full or read-only, and no file after it can be written either).
 */
export type Outcome = { written: string; notice?: string } | { failed: string; stop?: true };

/** What the file system says when no output can be written at all: the disk full, over quota, read-only. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/**
 * Load the engines of `formats` and the PDF fonts before the first file, while the
 * parent still reads and judges the data: they are what a child's first document waits for.
 * The font files are read on the thread pool meanwhile.
 */
export async function loadEngines(formats: readonly OutputTask['format'][]): Promise<void> {
  const fontsRead = formats.includes('pdf') ? import('@tianbao/pdf/font-files').then((m) => m.readFontFiles()) : undefined;
  if (formats.includes('xlsx')) await import('@tianbao/xlsx');
  if (fontsRead) {
    const pdf = await import('@tianbao/pdf');
    await fontsRead;
    pdf.loadFonts();
  }
}

/**
 * Make the files of several items, each item's as `makeOutputs` does, two
 * items at once: while one item's PDF waits for its streams to deflate on
 * the thread pool, the other's is laid out. One at a time, a child waited
 * so a sixth of the time it made 500 ledgers. Outcomes by item, in order;
 * once a file finds the disk full or read-only (`stop`), no item after is
 * started, and the outcomes end with the last item started.
 */
export async function makeItems(items: readonly GenerateTask[]): Promise<Outcome[][]> {
  const twoAtOnce = pLimit(2);
  let noRoom = false;
  const made = await Promise.all(
    items.map(({ setup, tasks }) =>
      twoAtOnce(async () => {
        if (noRoom) return undefined;
        const outcomes = await makeOutputs(await loadForm(setup.template), setup, tasks);
        noRoom ||= outcomes.some((o) => 'stop' in o);
        return outcomes;
      }),
    ),
  );
  // Items start in order: those never started are the last.
  const started = made.indexOf(undefined);
  return (started < 0 ? made : made.slice(0, started)) as Outcome[][];
}

/**
 * Make the files of one item, each as `makeOutput` does, at once: a PDF waits
 * while its largest streams deflate on the thread pool (@tianbao/pdf,
 * `deflateAhead`), and the workbook is made meanwhile. The PDF starts first,
 * so that it is laid out by then.
 */
export function makeOutputs(def: FormDefinition<any>, setup: OutputSetup, tasks: readonly OutputTask[]): Promise<Outcome[]> {
  const order = [...tasks.keys()].sort((a, b) => Number(tasks[b]!.format === 'pdf') - Number(tasks[a]!.format === 'pdf'));
  const outcomes: Promise<Outcome>[] = [];
  for (const i of order) outcomes[i] = makeOutput(def, setup, tasks[i]!);
  return Promise.all(outcomes);
}

/** Make one file and write it atomically. A failure (a list too long to print, a full disk) is this file's alone. */
export async function makeOutput(def: FormDefinition<any>, setup: OutputSetup, task: OutputTask): Promise<Outcome> {
  const ctx = { units: setup.units, asOf: task.asOf, digest: task.digest };
  try {
    const { draft } = task;
    const unprintable = new Map<string, string>();
    // Each engine loads with the first file of its format: a run that makes only workbooks never loads pdfmake.
    const bytes =
      task.format === 'xlsx'
        ? await (await import('@tianbao/xlsx')).writeWorkbook(def, task.data, { ctx, draft })
        : await (await import('@tianbao/pdf')).renderPdf(def, task.data, ctx, { paper: task.paper, draft, unprintable });
    const written = await writeOutput(setup.out, task.name, bytes);
    return unprintable.size ? { written, notice: unprintableNotice(task.name, unprintable) } : { written };
  } catch (e) {
    const failed = `${task.name}：${failureText(e, task.name)}`;
    return NO_ROOM.has((e as NodeJS.ErrnoException)?.code ?? '') ? { failed, stop: true } : { failed };
  }
}
