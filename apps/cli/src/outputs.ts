import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatPeriodCn, titleFor, type FormDefinition } from '@tianbao/form';

/** `修武县2023年6月行政复议工作问题台账.xlsx`: the month in the name lets a checker find it. */
export function filledName(def: FormDefinition<any>, data: Record<string, any>, ext: string): string {
  return `${data.unit}${data.period ? formatPeriodCn(data.period) : ''}${def.name}.${ext}`;
}

export function blankName(def: FormDefinition<any>, unit: string | undefined): string {
  return `${titleFor(def.layout, unit ?? def.layout.placeholder)}（空白表）.xlsx`;
}

/** Write into the output folder, atomically; returns the path written. */
export async function writeOutput(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const { writeFileAtomic } = await import('@tianbao/xlsx');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await writeFileAtomic(path, bytes);
  return path;
}
