import type { Answering } from './issues.ts';
import { splitItems } from './items.ts';

/**
 * The part of a clerk's `text` (a comment or the portal's 上报说明) that answers a warning, '' when none
 * does: nothing when it is the stale text, else the whole, or the nth item where the warning is one of
 * several on its cell and the text is divided into exactly as many (else it answers none of them).
 */
export function replyAnswering(text: string, { stale, nth = 0, of = 1 }: Answering = {}): string {
  if (text === stale) return '';
  if (of === 1) return text;
  const items = splitItems(text);
  return items.length === of ? items[nth]! : '';
}
