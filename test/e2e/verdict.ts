import type { Issue } from '@tianbao/form';

/** The marks of an exception's own English text (a TypeError, a parser's complaint, a system error). */
export const EXCEPTION_TEXT = /Cannot |undefined|Invalid |ENOENT|ENXIO|EISDIR|Error:|code point/;
const CJK = /[\u4e00-\u9fff]/;

/** A message no user should be shown: English exception text, or no Chinese at all. */
export const foreignText = (message: string): boolean => EXCEPTION_TEXT.test(message) || !CJK.test(message);

/**
 * What is wrong with a file's verdict as a user sees it, one line each (none
 * when it is sound): no verdict, an invalid file that does not say why, an
 * internal error (`file.internal`), a message in `foreignText`.
 */
export function verdictFaults(r: { valid?: unknown; issues?: readonly Issue[] } | undefined): string[] {
  if (!r || typeof r.valid !== 'boolean' || !Array.isArray(r.issues)) return ['no verdict'];
  const faults: string[] = [];
  if (!r.valid && !r.issues.some((i) => i.severity === 'error' && i.message.length > 0)) faults.push('invalid, with no error saying why');
  for (const i of r.issues) {
    if (i.rule === 'file.internal') faults.push(`internal error: ${i.message}`);
    if (foreignText(i.message)) faults.push(`English text [${i.rule}]: ${i.message}`);
  }
  return faults;
}
