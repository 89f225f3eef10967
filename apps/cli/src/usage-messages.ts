/**
 * What yargs says when a command is called wrongly, in Chinese that names what
 * was typed. Its zh_CN locale leaves "non-option" in English, names options
 * without their dashes, never says which argument is missing, and takes an
 * unknown command for an unknown option. So each of its messages is replaced
 * (`YARGS_STRINGS`) by a tag carrying the message's arguments, and `usageText`
 * words the tag knowing the command line.
 */

/** Between a tag's kind and its arguments: a character no one types in an argument. */
const SEP = '\u001f';
const tag = (kind: string, args: number) => kind + SEP + Array<string>(args).fill('%s').join(SEP);
const both = (text: string) => ({ one: text, other: text });

/** For `yargs.updateStrings`: the messages `usageText` words. Help texts stay as the zh_CN locale has them. */
export const YARGS_STRINGS = {
  'Not enough non-option arguments: got %s, need at least %s': both(tag('missing-positional', 2)),
  'Too many non-option arguments: got %s, maximum of %s': both(tag('too-many', 2)),
  'Missing argument value: %s': both(tag('no-value', 1)),
  'Not enough arguments following: %s': tag('no-value', 1),
  'Missing required argument: %s': both(tag('required', 1)),
  'Unknown argument: %s': both(tag('unknown', 1)),
  'Unknown command: %s': both(tag('unknown', 1)),
  'Invalid values:': tag('heading', 0),
  'Argument: %s, Given: %s, Choices: %s': tag('choice', 3),
  'Did you mean %s?': tag('did-you-mean', 1),
};

/** A command as its module declares it: `validate <paths..>`. */
export interface CommandShape {
  command?: string | readonly string[];
}

/** The command line, as `usageText` needs it to word a failure. */
export interface UsageContext {
  /** The arguments after `tianbao`. */
  argv: readonly string[];
  /** Every command, by its declaration. */
  commands: readonly CommandShape[];
  /** What each option or positional of the command is (yargs' descriptions), to name a missing positional. */
  describe?: Record<string, string | undefined>;
  /** The values a positional may take, to list them when it is missing (`template`: the form ids). */
  choices?: Record<string, readonly string[]>;
}

const declared = (c: CommandShape) => [c.command ?? ''].flat()[0] ?? '';
const commandName = (c: CommandShape) => declared(c).split(' ')[0]!;
/** The positionals a command declares, in order: `validate <paths..>` → `paths`. */
const positionalsOf = (c: CommandShape) => [...declared(c).matchAll(/[<[](\w+)(?:\.\.)?[>\]]/g)].map((m) => m[1]!);

/** The command typed (`validate`), undefined when none of the commands was: yargs takes the first word that is no option. */
export function typedCommand(ctx: Pick<UsageContext, 'argv' | 'commands'>): string | undefined {
  const first = ctx.argv.find((a) => !a.startsWith('-'));
  return ctx.commands.map(commandName).find((n) => n === first);
}

/** Where to read how to call it: `（tianbao validate --help 查看用法）`. */
export function usageHint(ctx: Pick<UsageContext, 'argv' | 'commands'>): string {
  const command = typedCommand(ctx);
  return `（tianbao ${command ? `${command} ` : ''}--help 查看用法）`;
}

/** `请指定命令：templates、blank、…`, for yargs' `demandCommand`. */
export const commandMissing = (commands: readonly CommandShape[]) => `请指定命令：${commands.map(commandName).join('、')}`;

/** yargs' failure message (tags and all, or a message of ours) in Chinese that names the argument, the option or the command. */
export function usageText(message: string, ctx: UsageContext): string {
  const names = ctx.commands.map(commandName);
  const command = typedCommand(ctx);
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  const tags = lines.map((line) => (line.includes(SEP) ? line.split(SEP) : [line]));
  const first = ctx.argv.find((a) => !a.startsWith('-'));
  // yargs takes a first word that is no command for an unknown argument, or suggests the command it is nearest to.
  if (!command && first !== undefined && tags.some(([kind]) => kind === 'unknown' || kind === 'did-you-mean')) {
    const nearest = tags.find(([kind]) => kind === 'did-you-mean')?.[1];
    return `未知命令「${first}」，可用的命令：${names.join('、')}${nearest ? `。是否想用「${nearest}」？` : ''}`;
  }
  const positionals = command ? positionalsOf(ctx.commands.find((c) => commandName(c) === command)!) : [];
  return tags
    .map((parts) => (parts.length > 1 ? worded(parts, positionals, ctx) : parts[0]!))
    .filter(Boolean)
    .join('\n');
}

/** One tagged message in words. */
function worded([kind, ...args]: string[], positionals: readonly string[], ctx: UsageContext): string {
  const option = (key: string) => (positionals.includes(key) ? `<${key}>` : optionAsTyped(key, ctx.argv));
  switch (kind) {
    case 'missing-positional': {
      const key = positionals[Number(args[0])] ?? positionals.at(-1);
      if (!key) return '缺少参数';
      const what = [ctx.describe?.[key], ctx.choices?.[key]?.join('、')].filter(Boolean).join('：');
      return `缺少参数 <${key}>${what ? `（${what}）` : ''}`;
    }
    case 'no-value':
      return `选项 ${option(args[0]!)} 后面缺少值`;
    case 'required':
      return `缺少必需的选项 ${keys(args[0]!).map(option).join('、')}`;
    case 'unknown': {
      const all = keys(args[0]!);
      // yargs lists `--as-off` twice, as typed and in camelCase (`asOff`): keep the one typed.
      const typed = all.filter((k) => !all.includes(kebab(k)) || kebab(k) === k);
      const options = typed.filter((k) => isOption(k, ctx.argv));
      const extra = typed.filter((k) => !isOption(k, ctx.argv));
      return [
        options.length ? `无法识别的选项 ${options.map((k) => optionAsTyped(k, ctx.argv)).join('、')}` : '',
        extra.length ? `多余的参数${extra.map((k) => `「${k}」`).join('、')}` : '',
      ]
        .filter(Boolean)
        .join('；');
    }
    case 'choice': {
      const [key, given, choices] = args as [string, string, string];
      const what = positionals.includes(key) ? `${ctx.describe?.[key] ?? '参数'} <${key}>` : option(key);
      return `${what} 只能是 ${values(choices).join('、')}，收到「${values(given).join('、')}」`;
    }
    case 'did-you-mean':
      return `是否想用「${args[0]}」？`;
    case 'too-many':
      return `参数过多：最多 ${args[1]} 个`;
    default:
      // `heading`: yargs' line above the choices that were refused, said by each of them.
      return '';
  }
}

const keys = (list: string) => list.split(', ').filter(Boolean);
/** yargs quotes each value and joins them with commas: `"text", "json"`. */
const values = (list: string) => list.split(', ').map((v) => v.replace(/^"(.*)"$/, '$1'));
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The key was typed as an option (`--as-off`, `--as-off=1`, `--no-x`, `-q` or in `-qz`), not as a word on its own. */
function isOption(key: string, argv: readonly string[]): boolean {
  return argv.some((a) => a === `--${key}` || a.startsWith(`--${key}=`) || a === `--no-${key}` || (key.length === 1 && /^-[^-]/.test(a) && a.includes(key)));
}

const optionAsTyped = (key: string, argv: readonly string[]) => (key.length === 1 && !argv.includes(`--${key}`) ? `-${key}` : `--${key}`);

/** What yargs knows of the command's options (`yargs.getOptions()`): each key, and each key's aliases. */
export interface KnownOptions {
  key: Record<string, unknown>;
  alias: Record<string, readonly string[]>;
}

/** An option word (`--data`, `-o`), not a value: a negative number is a value. */
const optionWord = (a: string) => /^-(?!\d)./.test(a);

/**
 * Options typed that the command does not have, then options that take a
 * value typed with none, or null. Said before anything else: yargs takes the
 * word after an unknown option for its value (`--bogus a.xlsx`), and would
 * complain of the argument missing that was typed.
 */
export function typedOptionFaults(argv: readonly string[], known: KnownOptions, valueOptions: readonly string[]): string | null {
  const keyOf = new Map<string, string>();
  for (const key of Object.keys(known.key)) keyOf.set(key, key);
  for (const [key, aliases] of Object.entries(known.alias)) for (const a of aliases) keyOf.set(a, key);
  // yargs takes `--asOf` for `--as-of`, and `--no-force` for `--force` false.
  const key = (name: string) => keyOf.get(name) ?? keyOf.get(kebab(name)) ?? (name.startsWith('no-') ? keyOf.get(name.slice(3)) : undefined);
  const end = argv.indexOf('--');
  const words = end < 0 ? argv : argv.slice(0, end);
  const unknown = new Set<string>();
  const noValue = new Set<string>();
  words.forEach((word, i) => {
    if (!optionWord(word)) return;
    const [typed, value] = word.split(/=(.*)/s);
    const names = word.startsWith('--') ? [typed!.slice(2)] : [...typed!.slice(1)];
    for (const name of names) {
      const k = key(name);
      const shown = `${word.startsWith('--') ? '--' : '-'}${name}`;
      if (k === undefined) unknown.add(shown);
      else if (valueOptions.includes(k) && value === undefined && name === names.at(-1) && (i + 1 === words.length || optionWord(words[i + 1]!))) noValue.add(shown);
    }
  });
  const lines = [unknown.size ? `无法识别的选项 ${[...unknown].join('、')}` : '', ...[...noValue].map((o) => `选项 ${o} 后面缺少值`)].filter(Boolean);
  return lines.length ? lines.join('\n') : null;
}
