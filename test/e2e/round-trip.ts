import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits, type FormDefinition } from '@tianbao/form';
import { checkFile } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import fc from 'fast-check';
import { tempDir } from './run.ts';

const dir = tempDir();
let n = 0;

/** generate → extract, in process: write the workbook, check it, take its data. */
export async function roundTrip(data: Record<string, any>, def: FormDefinition<any>) {
  const file = join(dir, `${def.id}-${n++}.xlsx`);
  writeFileSync(file, await writeWorkbook(def, data));
  return checkFile(file, { forms: [def], units: defaultUnits, asOf: '2023-01-01' });
}

/** The characters random texts are made of: Chinese words, punctuation, digits and a date's 年月日. */
export const CHARS = '甲乙丙丁问题整改措施受理审理文书履行说理证据核查，、（）《》0123456789年月日号AB'.split('');
export const words = (min: number) => fc.string({ unit: fc.constantFrom(...CHARS), minLength: min, maxLength: 30 });
