import { performance } from 'node:perf_hooks';

/** The middle of `xs` (sorted in place). */
export const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * Medians of `runs` pairs of `a` then `b`, ms, run in turn so that both see
 * the same machine, after a pair that warms the disk cache.
 */
export function inTurn(runs: number, a: () => unknown, b: () => unknown): [number, number] {
  const times: [number[], number[]] = [[], []];
  for (let i = -1; i < runs; i++)
    [a, b].forEach((fn, j) => {
      const t = performance.now();
      fn();
      if (i >= 0) times[j]!.push(performance.now() - t);
    });
  return [median(times[0]), median(times[1])];
}
