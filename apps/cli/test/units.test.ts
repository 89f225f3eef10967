// The unit list a command uses: named by --units, else by tianbao.config.json, else none (the Jiaozuo list).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namedUnits, resolveUnits } from '../src/units.ts';
import { UsageError } from '../src/usage-error.ts';

const KAIFENG = { city: { name: '开封市', code: '410200' }, units: [{ name: '开封县', code: '410221' }] };

/** A folder holding `files` (name → JSON value, or text as it is). */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tianbao-units-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('the unit list', () => {
  it('is none named without --units or a config naming one, and then the Jiaozuo list', async () => {
    expect(await namedUnits(undefined, folder({}))).toBeUndefined();
    expect(await namedUnits(undefined, folder({ 'tianbao.config.json': {} }))).toBeUndefined();
    expect((await resolveUnits(undefined, folder({}))).city.name).toBe('焦作市');
  });

  it('is the file the config names, relative to it', async () => {
    const dir = folder({ 'kaifeng.json': KAIFENG, 'tianbao.config.json': { units: 'kaifeng.json' } });
    expect((await namedUnits(undefined, dir))?.units.map((u) => u.name)).toEqual(['开封县']);
  });

  it.each([
    ['not JSON', '{units:', '不是有效的 JSON'],
    ['an array', [], '应是一个 JSON 对象'],
    ['null', null, '应是一个 JSON 对象'],
    ['units a number', { units: 5 }, 'units 应是单位名单 JSON 文件的路径（文字），如 "units.json"，收到 5'],
    ['units empty', { units: ' ' }, 'units 应是单位名单 JSON 文件的路径'],
  ])('refuses a config that is %s, as a usage error in Chinese', async (_, config, words) => {
    const refused = namedUnits(undefined, folder({ 'tianbao.config.json': config }));
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(words);
  });
});
