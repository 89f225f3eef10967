// Forms that cannot be built are no clerk's fault: no file is judged by them, the run stops saying why.
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { describe, expect, it, vi } from 'vitest';
import { FormsNotBuilt, checkAndAnnotateFiles, checkFiles } from '../src/index.ts';
import { childMethods } from '../src/child-methods.ts';

const options = { units: defaultUnits };
const files = ['修武县.xlsx', '温县.xlsx'];

describe('forms that cannot be built', () => {
  it('are what the child gives back, in the words of its failure, for any task: no file is judged', async () => {
    const failure = vi.fn((e: unknown) => `未能加载：${(e as Error).message}`);
    const methods = childMethods(() => Promise.reject(new Error('duty: the schema and the layout disagree')), failure);
    const said = { notBuilt: '未能加载：duty: the schema and the layout disagree' };
    expect(await methods.check({ file: 'no-such.xlsx', options })).toEqual(said);
    expect(await methods.checkAndMarkUp.run({ file: 'no-such.xlsx', options, copy: 'copy.xlsx' })).toEqual(said);
  });

  it('stop a batch with the child’s words, before any file has a report', async () => {
    const batch = { script: join(import.meta.dirname, 'fixtures', 'forms-not-built.mjs'), jobs: 2, onReport: vi.fn() };
    await expect(checkFiles(files, options, batch)).rejects.toEqual(new FormsNotBuilt('表样「duty」的定义有误，未能加载'));
    await expect(checkAndAnnotateFiles(files, ['a.xlsx', 'b.xlsx'], options, batch)).rejects.toBeInstanceOf(FormsNotBuilt);
    expect(batch.onReport).not.toHaveBeenCalled();
  });
});
