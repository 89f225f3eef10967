import { UnknownForm } from '@tianbao/forms/list';
import { FormsNotBuilt } from '@tianbao/validate';
import { describe, expect, it } from 'vitest';
import { failureText, INTERNAL_FAILURE } from '../src/failure.ts';
import { loadForm, refusedAsBuilt } from '../src/load-form.ts';

describe('a form its template got wrong', () => {
  const refused = () => refusedAsBuilt(Promise.reject(new Error('duty: the schema and the layout disagree at duties[]')), '表样「duty」').catch((e: unknown) => e);

  it('is refused as the maintainers’ to fix, not the files’, with what defineForm said', async () => {
    const e = await refused();
    expect(e).toBeInstanceOf(FormsNotBuilt);
    expect((e as Error).message).toMatch(/^表样「duty」的定义有误，未能加载，因此没有检查或生成任何文件。这是表样的问题，不是所填文件的问题/);
    expect((e as Error).message).toContain('duty: the schema and the layout disagree at duties[]');
  });

  it('is shown as it is, with no TIANBAO_DEBUG, by the CLI and in the words its children give back', async () => {
    const e = await refused();
    expect(failureText(e, 'blank duty')).toBe((e as Error).message);
    expect(failureText(e, 'blank duty')).not.toBe(INTERNAL_FAILURE);
  });

  it('leaves an unknown form a usage error, and a good form built', async () => {
    await expect(loadForm('no-such-form')).rejects.toBeInstanceOf(UnknownForm);
    expect((await loadForm('census-roster')).id).toBe('census-roster');
  });
});
