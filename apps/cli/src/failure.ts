import { DEBUG_VARIABLE, Refusal, unexpected } from '@tianbao/form/light';
import { UsageError } from './usage-error.ts';

/** The line for an exception no one meant to throw. */
export const INTERNAL_FAILURE = `内部错误，未能完成。这是 tianbao 的问题，请把所用的命令和文件发给维护人员（设置环境变量 ${DEBUG_VARIABLE}=1 再运行可看到出错详情）`;

/** What the system said about a file or folder (named when it names one), in the user's words. */
const SYSTEM: Record<string, string> = {
  ENOENT: '不存在',
  EEXIST: '已被同名的文件占用',
  EACCES: '没有访问权限',
  EPERM: '没有访问权限',
  EROFS: '在只读的磁盘上，无法写入',
  ENOSPC: '写入时磁盘空间已满',
  EISDIR: '是文件夹，不是文件',
  ENOTDIR: '路径中有一段不是文件夹',
  ENAMETOOLONG: '路径或其中的文件名太长',
  ELOOP: '路径中的符号链接循环指向自身',
};

/** What the system said about `path`, in Chinese (`「a.xlsx」不存在`), or null for an error that is not the file system's. */
export function systemText(e: unknown, path?: string): string | null {
  const { code, path: named } = (e ?? {}) as NodeJS.ErrnoException;
  const where = path ?? named;
  return code && SYSTEM[code] ? `${where ? `「${where}」` : ''}${SYSTEM[code]}` : null;
}

/**
 * What to tell the user about a failure, in Chinese: a refusal's or usage
 * error's own message; for the file system refusing, why (and which path);
 * for anything else, a bug, `INTERNAL_FAILURE`, its detail noted with
 * `unexpected` about `what` (a command line, a file name).
 */
export function failureText(e: unknown, what: string): string {
  if (e instanceof Refusal || e instanceof UsageError) return e.message;
  const system = systemText(e);
  if (system) return system;
  unexpected(e, what);
  return INTERNAL_FAILURE;
}
