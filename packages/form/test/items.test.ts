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

  it('reads full-width numbers, and bracketed items run together on one line', () => {
    expect(splitItems('１．甲\n２．乙')).toEqual(['甲', '乙']);
    expect(splitItems('（１）甲；（２）乙')).toEqual(['甲', '乙']);
    expect(splitItems('（1）受理范围把握不准（2）告知书未载明救济途径')).toEqual(['受理范围把握不准', '告知书未载明救济途径']);
    // A bracketed number inside a `1.` item is part of its text.
    expect(splitItems('1.依据第(2)项规定办理')).toEqual(['依据第(2)项规定办理']);
  });

  it('round-trips what joinItems writes', () => {
    const items = ['补正通知未一次性告知', '2起案件超期审理'];
    expect(splitItems(joinItems(items))).toEqual(items);
  });
});
