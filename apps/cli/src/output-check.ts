import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FormDefinition } from '@tianbao/form';
import { filledName, nameTooLong } from './outputs.ts';

/** What a run is to write: the form's data, each with its JSON path, in these formats, into this folder. */
export interface PlannedOutputs {
  /** The `--data` file, to name in messages. */
  dataFile: string;
  data: readonly Record<string, any>[];
  /** The JSON path of each item (`$[1]`), to name it. */
  at: readonly string[];
  formats: readonly string[];
  out: string;
  /** The files the run reads, the data file among them: no output may be one of them. */
  inputs: readonly string[];
}

/**
 * Why a run must write nothing, one line each, naming items by their JSON
 * paths: two items whose outputs would be one file (the same unit and period,
 * or unit names that differ only by characters a file name cannot hold, or
 * only in case, which Windows and macOS do not tell apart), a file name too
 * long for a file system, an output that is one of the run's inputs.
 */
export function outputProblems(def: FormDefinition<any>, plan: PlannedOutputs): string[] {
  const problems: string[] = [];
  const item = (i: number) => `${plan.dataFile} ${plan.at[i]}`;
  const first = new Map<string, number>();
  const clashes = new Set<string>();
  plan.data.forEach((data, i) => {
    for (const format of plan.formats) {
      const name = filledName(def, data, format);
      const path = join(plan.out, name);
      const tooLong = nameTooLong(name);
      if (tooLong) {
        problems.push(`${item(i)}.unit：输出${tooLong}，无法写入；请在单位名单中缩短单位名称`);
        return;
      }
      const key = name.normalize('NFC').toLowerCase();
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else if (!clashes.has(`${j} ${i}`)) {
        clashes.add(`${j} ${i}`);
        const why = plan.data[j]!.unit === data.unit ? '同一单位同一月份只能有一份数据' : `单位「${plan.data[j]!.unit}」与「${data.unit}」用作文件名时相同`;
        problems.push(`${item(j)} 与 ${plan.at[i]}：都将写入 ${path}，后者会覆盖前者（${why}）；请删去其一，或改正单位、月份`);
      }
      const input = plan.inputs.find((f) => sameFile(f, path));
      if (input) problems.push(`${item(i)}：输出文件 ${path} 就是输入文件 ${input}，不能覆盖；请换一个输出文件夹`);
    }
  });
  return problems;
}

/** Two paths name one file (through links, or letters a file system does not tell apart); false when either is missing. */
function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a, { bigint: true }), statSync(b, { bigint: true })];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
