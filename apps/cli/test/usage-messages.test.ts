import { describe, expect, it } from 'vitest';
import { YARGS_STRINGS, commandMissing, typedCommand, usageHint, usageText } from '../src/usage-messages.ts';

const commands = [{ command: 'templates' }, { command: 'blank <template>' }, { command: 'validate <paths..>' }];
/** yargs' message for a key, formatted as y18n formats it (`%s` in order). */
const yargsSays = (key: keyof typeof YARGS_STRINGS, ...args: string[]) => {
  const entry = YARGS_STRINGS[key];
  let text = typeof entry === 'string' ? entry : entry.one;
  for (const a of args) text = text.replace('%s', a);
  return text;
};

describe('usage messages', () => {
  it('names the command typed and its help', () => {
    expect(typedCommand({ argv: ['validate', 'a.xlsx'], commands })).toBe('validate');
    expect(typedCommand({ argv: ['--help'], commands })).toBeUndefined();
    expect(usageHint({ argv: ['validate', '--foo'], commands })).toBe('（tianbao validate --help 查看用法）');
    expect(usageHint({ argv: ['xyz'], commands })).toBe('（tianbao --help 查看用法）');
    expect(commandMissing(commands)).toBe('请指定命令：templates、blank、validate');
  });

  it('words every yargs message it replaces in Chinese, with the argument or option as typed', () => {
    const ctx = (argv: string[]) => ({ argv, commands, describe: { paths: '.xlsx 文件或文件夹', template: '表样编号' }, choices: { template: ['a', 'b'] } });
    expect(usageText(yargsSays('Not enough non-option arguments: got %s, need at least %s', '0', '1'), ctx(['validate']))).toBe('缺少参数 <paths>（.xlsx 文件或文件夹）');
    expect(usageText(yargsSays('Not enough non-option arguments: got %s, need at least %s', '0', '1'), ctx(['blank']))).toBe('缺少参数 <template>（表样编号：a、b）');
    expect(usageText(yargsSays('Unknown argument: %s', 'as-off, asOff, q'), ctx(['validate', 'x', '--as-off=1', '-q']))).toBe('无法识别的选项 --as-off、-q');
    expect(usageText(yargsSays('Unknown argument: %s', 'y'), ctx(['validate', 'x', 'y']))).toBe('多余的参数「y」');
    expect(usageText(yargsSays('Missing required argument: %s', 'data'), ctx(['blank', 'a']))).toBe('缺少必需的选项 --data');
    expect(usageText(yargsSays('Not enough arguments following: %s', 'o'), ctx(['blank', 'a', '-o']))).toBe('选项 -o 后面缺少值');
    const choices = `${yargsSays('Invalid values:')}\n  ${yargsSays('Argument: %s, Given: %s, Choices: %s', 'template', '"c"', '"a", "b"')}`;
    expect(usageText(choices, ctx(['blank', 'c']))).toBe('表样编号 <template> 只能是 a、b，收到「c」');
    expect(usageText(yargsSays('Did you mean %s?', 'validate'), ctx(['validat']))).toBe('未知命令「validat」，可用的命令：templates、blank、validate。是否想用「validate」？');
    expect(usageText(yargsSays('Unknown argument: %s', 'xyz'), ctx(['xyz']))).toBe('未知命令「xyz」，可用的命令：templates、blank、validate');
    // A message of ours is said as it is.
    expect(usageText('请指定命令：templates', ctx([]))).toBe('请指定命令：templates');
  });
});
