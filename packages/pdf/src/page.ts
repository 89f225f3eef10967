/** Page geometry in points. */
export const MM = 72 / 25.4;

export interface Page {
  width: number;
  height: number;
  /** left, top, right, bottom */
  margins: [number, number, number, number];
}

export function pageFor(orientation: 'portrait' | 'landscape'): Page {
  // GB/T 9704: binding margin 28 mm on the left, top 37 mm, text block 156 × 225 mm.
  if (orientation === 'portrait') return { width: 595.28, height: 841.89, margins: [28 * MM, 37 * MM, 26 * MM, 35 * MM] };
  // A landscape table keeps the binding edge and takes 20 mm elsewhere.
  return { width: 841.89, height: 595.28, margins: [28 * MM, 20 * MM, 20 * MM, 20 * MM] };
}

export const usableWidth = (page: Page) => page.width - page.margins[0] - page.margins[2];
