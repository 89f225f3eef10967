import { Refusal } from '@tianbao/form';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failureText, INTERNAL_FAILURE } from '../src/failure.ts';
import { UsageError } from '../src/usage-error.ts';

/** A system error as Node throws it. */
function systemError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: not a directory, mkdir '${path}'`), { code, path });
}

describe('failureText', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('shows a refusal and a usage error as they are', () => {
    expect(failureText(new Refusal('pdf.too-many-rows', '表格有 5001 行，超过单份 PDF 的上限'), 'x.pdf')).toBe('表格有 5001 行，超过单份 PDF 的上限');
    expect(failureText(new UsageError('未知表样「x」'), 'x')).toBe('未知表样「x」');
  });

  it('says in Chinese which path the system refused, and why', () => {
    expect(failureText(systemError('ENOTDIR', '/tmp/a.txt/out'), 'x')).toBe('「/tmp/a.txt/out」路径中有一段不是文件夹');
    expect(failureText(systemError('EACCES', '/root/out'), 'x')).toBe('「/root/out」没有访问权限');
  });

  it('never shows the text of an exception no one meant to throw; TIANBAO_DEBUG=1 sends its stack to stderr', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows')");
    expect(failureText(bug, 'generate review-ledger')).toBe(INTERNAL_FAILURE);
    expect(stderr).not.toHaveBeenCalled();

    vi.stubEnv('TIANBAO_DEBUG', '1');
    expect(failureText(bug, 'generate review-ledger')).toBe(INTERNAL_FAILURE);
    expect(String(stderr.mock.calls[0]![0])).toMatch(/^\[TIANBAO_DEBUG\] generate review-ledger\nTypeError: Cannot read properties/);
  });
});
