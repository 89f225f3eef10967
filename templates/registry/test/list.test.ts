import { describe, expect, it } from 'vitest';
import { built, checkUnique, listed } from '../src/list.ts';

describe('the registry', () => {
  it('builds every form as its about.ts names it', async () => {
    for (const form of listed) expect(await built(form)).toMatchObject(form.about);
  });

  it('refuses a form built otherwise than its about.ts says: the list and the reports would name it apart', async () => {
    const [ledger] = listed;
    const form = await ledger!.load();
    const otherwise = (change: Record<string, string>) => built({ about: ledger!.about, load: async () => ({ ...form, ...change }) });
    await expect(otherwise({ rulePrefix: 'ledgr' })).rejects.toThrow(
      `templates/registry: the form review-ledger is built with rulePrefix "ledgr", but its about.ts says "ledger": spread ...about last in its defineForm, and change it in about.ts only`,
    );
    await expect(otherwise({ name: '问题台账' })).rejects.toThrow('is built with name "问题台账", but its about.ts says "行政复议工作问题台账"');
    await expect(otherwise({ id: 'ledger' })).rejects.toThrow('the form review-ledger is built with id "ledger"');
  });

  it('refuses two forms under one id or one rule prefix, naming it', () => {
    const [ledger, roster] = listed;
    expect(() => checkUnique(listed)).not.toThrow();
    expect(() => checkUnique([ledger!, { ...roster!, about: { ...roster!.about, id: ledger!.about.id } }])).toThrow(
      'templates/registry: two forms have the id review-ledger: give each form its own in its about.ts',
    );
    expect(() => checkUnique([ledger!, { ...roster!, about: { ...roster!.about, rulePrefix: 'ledger' } }])).toThrow('templates/registry: two forms have the rulePrefix ledger');
  });
});
