import { describe, expect, it } from 'vitest';
import { BLANK_INFO_LINE, INFO_LINE, infoLineFor, readInfoLine } from '../src/info-line.ts';

describe('the 填报单位/填报日期 line', () => {
  it('reads back what it writes', () => {
    const line = infoLineFor({ filler: '修武县司法局', reportDate: '2023-06-26' });
    expect(line).toBe('填报单位：修武县司法局　　填报日期：2023年6月26日');
    expect(readInfoLine(line)).toEqual({ filler: '修武县司法局', reportDate: '2023-06-26', period: '2023-06' });
    expect(INFO_LINE.test(line) && INFO_LINE.test(BLANK_INFO_LINE)).toBe(true);
  });

  it('reads the line as clerks write it', () => {
    expect(readInfoLine('报送月份：2023年7月')).toEqual({ period: '2023-07' });
    expect(readInfoLine('填报单位: 温县司法局  报送日期：２０２３.７.２')).toEqual({ filler: '温县司法局', reportDate: '2023-07-02', period: '2023-07' });
    expect(readInfoLine('填报时间：2023 年 8 月')).toEqual({ period: '2023-08' });
    // A month that is none, and a blank as printed.
    expect(readInfoLine('填报日期：2023年13月1日')).toEqual({ unreadDate: '2023年13月1日' });
    expect(readInfoLine(BLANK_INFO_LINE)).toEqual({});
  });

  it('keeps what is written as 填报日期 when it is no date, for a message', () => {
    expect(readInfoLine('填报单位：修武县司法局　　填报日期：明天')).toEqual({ filler: '修武县司法局', unreadDate: '明天' });
    expect(readInfoLine('填报日期：2023年6月40日  其他')).toEqual({ unreadDate: '2023年6月40日', period: '2023-06' });
    expect(readInfoLine('填报日期：　　年　月　日')).toEqual({});
  });
});
