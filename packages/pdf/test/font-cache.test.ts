import { describe, expect, it } from 'vitest';
import { checkPdfkit, PDFKIT_VERSION } from '../src/font-cache.ts';

describe('the patch of pdfkit internals (its font loader)', () => {
  it('loads with the pdfkit pdfmake installs', () => {
    expect(PDFKIT_VERSION).toBe('0.19.1');
    expect(() => checkPdfkit()).not.toThrow();
  });

  it('refuses another version, saying in English and Chinese what to do', () => {
    expect(() => checkPdfkit('0.20.0')).toThrow('packages/pdf/src/font-cache.ts patches internals of pdfkit 0.19.1, but pdfkit 0.20.0 is installed');
    expect(() => checkPdfkit('0.20.0')).toThrow('修改了 pdfkit 0.19.1 的内部实现，但安装的是 pdfkit 0.20.0');
  });
});
