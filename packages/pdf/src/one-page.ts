import type { DocumentOptions, FormDocument } from './document.ts';

/** Sizes a one-page form may be set in to print on one page as the gazette's does: half a point at a time, at most 3 pt below its own, not below 小五 (9 pt). */
export const onePageSizes = (own: number) => Array.from({ length: 7 }, (_, i) => own - i / 2).filter((s) => s >= Math.min(own, 9));

/**
 * A one-page form's documents at its `onePageSizes` (`first` is at its own), each made once when asked
 * for, and the first size whose estimated height fits `room`: found by halves, as the estimate falls with
 * the size; `sizes.length` when none does. Text alone has no estimate: it may fit at any size.
 */
export function fittingSize(documentAt: (opts?: DocumentOptions) => FormDocument, first: FormDocument, own: number, room: number) {
  const sizes = onePageSizes(own);
  const made = new Map([[0, first]]);
  const at = (i: number) => made.get(i) ?? made.set(i, documentAt({ fontSize: sizes[i] })).get(i)!;
  let [low, high] = [0, sizes.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((at(mid).height ?? 0) <= room) high = mid;
    else low = mid + 1;
  }
  return { sizes, at, fitting: low };
}
