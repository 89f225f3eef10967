import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultUnits, loadUnits, Refusal, type UnitList } from '@tianbao/form';
import { UsageError } from './usage-error.ts';

const CONFIG_FILE = 'tianbao.config.json';

/** `--units` of every command that takes a unit list. */
export const UNITS_OPTION = { type: 'string', describe: '单位名单 JSON（默认焦作市名单）' } as const;

/**
 * The unit list: `--units FILE`, else `units` in ./tianbao.config.json
 * (a path relative to that file), else the Jiaozuo list.
 */
export function resolveUnits(flag: string | undefined, cwd = process.cwd()): UnitList {
  try {
    if (flag) return loadUnits(resolve(cwd, flag));
    const config = resolve(cwd, CONFIG_FILE);
    if (existsSync(config)) {
      const { units } = readConfig(config);
      if (units) return loadUnits(resolve(cwd, units));
    }
  } catch (e) {
    // A unit list that cannot be had is a fault of the command line or its config: a usage error.
    throw e instanceof Refusal ? new UsageError(e.message) : e;
  }
  return defaultUnits;
}

function readConfig(path: string): { units?: string } {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { units?: string };
  } catch {
    throw new UsageError(`配置文件 ${path} 不是有效的 JSON，请检查其内容`);
  }
}
