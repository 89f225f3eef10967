import * as z from 'zod';
import { asText, missing, type CellType } from './cells.ts';
import { stripSpaces } from './text.ts';

const HAN = '\\p{Script=Han}';
/** 2–4 Han characters, or a transliterated name joined by `·` (`阿依古丽·买买提`). */
const NAME = new RegExp(`^(?:[${HAN}]{2,4}|[${HAN}]+(?:·[${HAN}]+)+)$`, 'u');

/**
 * A person's name as the data holds it: every kind of space removed (`靳　莲`
 * is `靳莲`), the dots of a transliterated name made one `·`.
 */
export function normaliseName(raw: string): string {
  return stripSpaces(raw).replace(/[.．・•‧∙]/g, '·');
}

/** The printed form: a two-character name gets a full-width space (`靳　莲`) so names line up. */
export function printedName(name: string): string {
  const chars = [...name];
  return chars.length === 2 ? chars.join('\u3000') : name;
}

/** A name in data: required, and held as normaliseName writes it. */
const Name = z.string().transform(normaliseName).pipe(z.string().min(1, '不能为空'));

/** A person's name, required; an unusual one is a warning, since real names vary. */
export const personName: CellType<string, typeof Name> = {
  schema: Name,
  read(value, ctx) {
    const name = normaliseName(asText(value));
    if (!name) return { value: undefined, problems: [missing(ctx.header)] };
    if (NAME.test(name)) return { value: name, problems: [] };
    return {
      value: name,
      problems: [
        {
          kind: 'format',
          severity: 'warning',
          message: `${ctx.header}「${name}」不像常见姓名（应为2至4个汉字，少数民族姓名用“·”分隔），请核实是否多写了职务、标点或错字`,
        },
      ],
    };
  },
  write: (value) => value ?? null,
  problems: { missing: 'error', format: 'warning' },
};
