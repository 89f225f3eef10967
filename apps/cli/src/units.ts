import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { UnitList } from '@tianbao/form';
import { UsageError } from './usage-error.ts';

const CONFIG_FILE = 'tianbao.config.json';

/** `--units` of every command that takes a unit list. */
export const UNITS_OPTION = { type: 'string', describe: '单位名单 JSON（默认焦作市名单）' } as const;

/**
 * The unit list named: `--units FILE`, else `units` in ./tianbao.config.json (a path relative to that
 * file); undefined when none is, for the Jiaozuo list. A check leaves that one to its child processes,
 * which have it with the engines (see child.ts): this process then never loads them.
 */
export async function namedUnits(flag: string | undefined, cwd = process.cwd()): Promise<UnitList | undefined> {
  let named: string | undefined;
  if (flag) named = resolve(cwd, flag);
  else {
    const config = resolve(cwd, CONFIG_FILE);
    if (existsSync(config)) {
      const { units } = readConfig(config);
      if (units) named = resolve(cwd, units);
    }
  }
  if (named === undefined) return undefined;
  const { loadUnits, Refusal } = await import('@tianbao/form');
  try {
    return loadUnits(named);
  } catch (e) {
    // A unit list that cannot be had is a fault of the command line or its config: a usage error.
    throw e instanceof Refusal ? new UsageError(e.message) : e;
  }
}

/** The unit list: the one named (see `namedUnits`), else the Jiaozuo list. */
export async function resolveUnits(flag: string | undefined, cwd = process.cwd()): Promise<UnitList> {
  return (await namedUnits(flag, cwd)) ?? (await import('@tianbao/form')).defaultUnits;
}

function readConfig(path: string): { units?: string } {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UsageError(`配置文件 ${path} 不是有效的 JSON，请检查其内容`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new UsageError(`配置文件 ${path} 应是一个 JSON 对象，如 {"units": "units.json"}`);
  const { units } = config as { units?: unknown };
  if (units !== undefined && (typeof units !== 'string' || !units.trim()))
    throw new UsageError(`配置文件 ${path} 中的 units 应是单位名单 JSON 文件的路径（文字），如 "units.json"，收到 ${JSON.stringify(units)}`);
  return { units: units as string | undefined };
}
