import { forms } from '@tianbao/forms';
import { describe, expect, it } from 'vitest';

describe.each(forms.map((def) => [def.id, def] as const))('%s', (_, def) => {
  it('has a schema made from its layout that accepts every sample', () => {
    expect(def.samples.length).toBeGreaterThan(0);
    for (const sample of def.samples) expect(def.schema.safeParse(sample).error).toBeUndefined();
  });
});
