import { z } from 'zod';
import { asText, type CellType } from './cells.ts';
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

/** A person's name; an unusual one is a warning, since real names vary. */
export const personName: CellType<string | undefined> = {
  schema: z.string().min(1).optional(),
  read(value, ctx) {
    const name = normaliseName(asText(value));
    if (!name) return { value: undefined, problems: [{ kind: 'missing', message: `${ctx.header}不能为空，请填写` }] };
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
};
