import { describe, expect, it } from 'vitest';
import { joinItems, splitItems } from '../src/items.ts';

describe('splitItems', () => {
  it.each([
    ['1.甲\n2.乙', ['甲', '乙']],
    ['1、甲\n2、乙', ['甲', '乙']],
    ['（1）甲\n（2）乙', ['甲', '乙']],
    ['(1)甲 (2)乙', ['甲', '乙']],
    ['①甲②乙', ['甲', '乙']],
    ['1.甲 2.乙', ['甲', '乙']],
    ['1.2023.7.31\n2.2023.8.31', ['2023.7.31', '2023.8.31']],
    ['甲\n乙', ['甲', '乙']],
    ['只有一项', ['只有一项']],
    ['无', []],
    ['', []],
  ])('%j', (text, items) => {
    expect(splitItems(text)).toEqual(items);
  });

  it('does not cut at a number that is not the next item', () => {
    expect(splitItems('1.超过5.5日未受理 3.误写')).toEqual(['超过5.5日未受理 3.误写']);
  });

  it('round-trips what joinItems writes', () => {
    const items = ['补正通知未一次性告知', '2起案件超期审理'];
    expect(splitItems(joinItems(items))).toEqual(items);
  });
});
