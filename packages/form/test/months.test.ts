import { describe, expect, it } from 'vitest';
import { monthAfter, monthBefore } from '../src/index.ts';

describe('the month before and after a report month', () => {
  it('steps over the year’s end both ways', () => {
    expect([monthBefore('2023-07'), monthBefore('2023-01'), monthBefore('2023-10')]).toEqual(['2023-06', '2022-12', '2023-09']);
    expect([monthAfter('2023-06'), monthAfter('2023-12'), monthAfter('2023-09')]).toEqual(['2023-07', '2024-01', '2023-10']);
  });
});
