import { defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { unitsInFileName } from '../src/file-name-unit.ts';

const named = (file: string, cityReports = false) => unitsInFileName(file, defaultUnits, cityReports);

describe('the units a file name names', () => {
  it('finds a unit by its name or an alias, the longest name found at a place winning', () => {
    expect(named('收件箱/修武县2023年6月问题台账.xlsx')).toEqual(['修武县']);
    expect(named('焦作市城乡一体化示范区6月台账.xlsx', true)).toEqual(['焦作市城乡一体化示范区']);
    expect(named('示范区台账（改）.xlsx')).toEqual(['焦作市城乡一体化示范区']);
    expect(named('焦作市 入河排污口排查整治台账.xlsx', true)).toEqual(['焦作市']);
  });

  it('names the city only for a form the city reports', () => {
    expect(named('焦作市第五次全国经济普查领导小组组成人员名单.xlsx')).toEqual([]);
  });

  it('finds every unit of a name that has several, and none in a name without one', () => {
    expect(named('修武县转博爱县台账.xlsx')).toEqual(['修武县', '博爱县']);
    expect(named('修武县台账（修武县司法局）.xlsx')).toEqual(['修武县']);
    expect(named('2023年6月问题台账.xlsx')).toEqual([]);
  });

  it('reads only the file name, not the folders it is in', () => {
    expect(named('温县/2023年6月问题台账.xlsx')).toEqual([]);
  });
});
