import { describe, expect, it } from 'vitest';
import { LOGIN_FAILURES_ALLOWED, loginWait, recordLoginFailure } from '../src/login-failures.ts';
import { ENGINES, freshDatabase } from './databases.ts';

describe.each(ENGINES)('failed logins on %s', (engine) => {
  const database = freshDatabase(engine);

  it('hold up a name for a minute from its 10th failure, then let it try again', async () => {
    const { db } = await database.open();
    const t0 = Date.parse('2023-06-26T01:00:00.000Z');
    for (let i = 0; i < LOGIN_FAILURES_ALLOWED - 1; i++) await recordLoginFailure(db, 'wen', `10.0.0.${i}`, t0 + i * 1000);
    expect(await loginWait(db, 'wen', '10.9.9.9', t0 + 10_000)).toBe(0);
    await recordLoginFailure(db, 'wen', '10.0.0.10', t0 + 10_000);
    // Free when the first of the ten is a minute old: at t0 + 60 s.
    expect(await loginWait(db, 'wen', '10.9.9.9', t0 + 10_000)).toBe(50);
    expect(await loginWait(db, 'wen', '10.9.9.9', t0 + 59_500)).toBe(1);
    expect(await loginWait(db, 'wen', '10.9.9.9', t0 + 60_000)).toBe(0);
    expect(await loginWait(db, 'other', '10.9.9.9', t0 + 10_000)).toBe(0);
  });
});
