import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatPeriodCn, titleFor, type FormDefinition } from '@tianbao/form';

/**
 * A file name from words that came with the data: no folder separators or
 * characters Windows refuses, no leading dots, so a name never leaves its folder.
 */
export function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/^[.\s]+/, '_').slice(0, 200);
}

/** `修武县2023年6月行政复议工作问题台账.xlsx`: the month in the name lets a checker find it. */
export function filledName(def: FormDefinition<any>, data: Record<string, any>, ext: string): string {
  return safeName(`${data.unit}${data.period ? formatPeriodCn(data.period) : ''}${def.name}.${ext}`);
}

export function blankName(def: FormDefinition<any>, unit: string | undefined): string {
  return safeName(`${titleFor(def.layout, unit ?? def.layout.placeholder)}（空白表）.xlsx`);
}

/** An output already newer than its input needs no writing again. */
export function upToDate(output: string, input: string): boolean {
  try {
    return statSync(output).mtimeMs > statSync(input).mtimeMs;
  } catch {
    return false;
  }
}

/** Write into the output folder, atomically; returns the path written. */
export async function writeOutput(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const { writeFileAtomic } = await import('@tianbao/xlsx');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await writeFileAtomic(path, bytes);
  return path;
}
