/** Page geometry in points. */
export const MM = 72 / 25.4;

export type Paper = 'A4' | 'A3';

/** Short and long side in points. */
const SIZES: Record<Paper, [number, number]> = { A4: [595.28, 841.89], A3: [841.89, 1190.55] };

export interface Page {
  paper: Paper;
  width: number;
  height: number;
  /** left, top, right, bottom */
  margins: [number, number, number, number];
}

export function pageFor(orientation: 'portrait' | 'landscape', paper: Paper = 'A4'): Page {
  const [short, long] = SIZES[paper];
  // GB/T 9704: binding margin 28 mm on the left, top 37 mm, text block 156 × 225 mm on A4.
  if (orientation === 'portrait') return { paper, width: short, height: long, margins: [28 * MM, 37 * MM, 26 * MM, 35 * MM] };
  // A landscape table keeps the binding edge and takes 20 mm elsewhere.
  return { paper, width: long, height: short, margins: [28 * MM, 20 * MM, 20 * MM, 20 * MM] };
}

export const usableWidth = (page: Page) => page.width - page.margins[0] - page.margins[2];
export const usableHeight = (page: Page) => page.height - page.margins[1] - page.margins[3];
