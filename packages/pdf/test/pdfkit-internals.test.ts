import { describe, expect, it } from 'vitest';
import { FONTKIT_VERSION, PDFKIT_VERSION, checkVersions } from '../src/pdfkit-internals/versions.ts';

describe('the patches of pdfkit internals (its font loader, subsets, shaped texts and streams)', () => {
  it('load with the pdfkit pdfmake installs, and its fontkit', () => {
    expect([PDFKIT_VERSION, FONTKIT_VERSION]).toEqual(['0.19.1', '2.0.4']);
    expect(() => checkVersions()).not.toThrow();
  });

  it('refuse another version of either, saying in English and Chinese what to do', () => {
    expect(() => checkVersions('0.20.0')).toThrow('packages/pdf/src/pdfkit-internals patches internals of pdfkit 0.19.1, but pdfkit 0.20.0 is installed');
    expect(() => checkVersions('0.20.0')).toThrow('修改了 pdfkit 0.19.1 的内部实现，但安装的是 pdfkit 0.20.0');
    expect(() => checkVersions(PDFKIT_VERSION, '2.1.0')).toThrow('patches internals of fontkit 2.0.4, but fontkit 2.1.0 is installed');
  });
});
