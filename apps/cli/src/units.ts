import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultUnits, loadUnits, type UnitList } from '@tianbao/form';
import { UsageError } from './usage-error.ts';

const CONFIG_FILE = 'tianbao.config.json';

/**
 * The unit list: `--units FILE`, else `units` in ./tianbao.config.json
 * (a path relative to that file), else the Jiaozuo list.
 */
export function resolveUnits(flag: string | undefined, cwd = process.cwd()): UnitList {
  try {
    if (flag) return loadUnits(resolve(cwd, flag));
    const config = resolve(cwd, CONFIG_FILE);
    if (existsSync(config)) {
      const { units } = JSON.parse(readFileSync(config, 'utf8')) as { units?: string };
      if (units) return loadUnits(resolve(cwd, units));
    }
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return defaultUnits;
}
