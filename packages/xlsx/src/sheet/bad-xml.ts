import { FileRefused, RESAVE, type RefusedAt } from '../file-rules.ts';

/**
 * XML no parser reads, found by the reader: a `&` that begins no reference
 * XML allows (an unknown entity `&nbsp;`, one left unfinished `&amp`, a
 * character reference to what XML may not hold `&#0;`), a control
 * character, markup out of place. Excel refuses such a file as damaged, and
 * so does the reader: what it would give back instead is no text any program
 * can save, or a cell lost. `where` names where it was found, when the
 * reader knows (`工作表「表1」第 5 行`).
 */
export class BadXml extends FileRefused {
  constructor(
    readonly what: string,
    where = '文件中的文字',
    place?: RefusedAt,
  ) {
    super('file.corrupt', `文件已损坏：${where}${what}，Excel 也无法打开这样的文件。${RESAVE}`, place);
  }

  /** The same refusal, saying where, and on which sheet's row when it is one. */
  at(where: string, place?: RefusedAt): BadXml {
    return new BadXml(this.what, where, place);
  }
}
