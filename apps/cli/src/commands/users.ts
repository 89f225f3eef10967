import { padColumns, Refusal } from '@tianbao/form';
import type { Store } from '@tianbao/store';
import { ROLES, ROLE_NAMES } from '@tianbao/store/roles';
import type { Argv, CommandModule } from 'yargs';
import { UNITS_OPTION, resolveUnits } from '../units.ts';
import { UsageError } from '../usage-error.ts';
import { openMigrated, storeOptions, type StoreArgs } from './serve.ts';

interface AddArgs extends StoreArgs {
  name: string;
  role: string;
  unit?: string;
  passwordStdin?: boolean;
  units?: string;
}

/** All of standard input, less the line break that ends it (`echo 密码 |` adds one). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Use the portal's database for `work`, and close it after. */
async function withStore<T>(args: StoreArgs, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openMigrated(args);
  try {
    return await work(store);
  } finally {
    await store.db.destroy();
  }
}

const add: CommandModule<object, AddArgs> = {
  command: 'add',
  describe: '添加账号',
  builder: (y) =>
    storeOptions(y)
      .option('name', { type: 'string', demandOption: true, describe: '账号名（登录用）' })
      .option('role', { choices: [...ROLES], demandOption: true, describe: `角色：${ROLES.map((r) => `${r} ${ROLE_NAMES[r]}`).join('，')}` })
      .option('unit', { type: 'string', describe: '单位账号所属的单位，如 修武县' })
      .option('password-stdin', { type: 'boolean', describe: '从标准输入读取密码（不在命令行中出现）' })
      .option('units', UNITS_OPTION)
      .example("printf '%s' \"$PASSWORD\" | $0 users add --name xiuwu --role unit --unit 修武县 --password-stdin", '为修武县添加单位账号') as any,
  handler: async (args) => {
    if (!args.passwordStdin) throw new UsageError('请用 --password-stdin 从标准输入提供密码，如 printf \'%s\' "$PASSWORD" | tianbao users add … --password-stdin');
    const units = resolveUnits(args.units);
    const password = await readStdin();
    const { addUser, recordAudit } = await import('@tianbao/store');
    const account = await withStore(args, async ({ db }) => {
      try {
        const made = await addUser(db, { name: args.name, role: args.role, unit: args.unit, password }, units);
        await recordAudit(db, { userId: null, action: 'users.add', subject: made.id });
        return made;
      } catch (e) {
        // A name taken, a unit not in the list: the command was called wrongly.
        throw e instanceof Refusal ? new UsageError(e.message) : e;
      }
    });
    console.log(`已添加账号「${account.name}」：${ROLE_NAMES[account.role]}${account.unit ? `，${account.unit}` : ''}`);
  },
};

const list: CommandModule<object, StoreArgs & { format: string }> = {
  command: 'list',
  describe: '列出全部账号',
  builder: (y) =>
    storeOptions(y)
      .option('format', { choices: ['text', 'json'], default: 'text', describe: '输出格式；json 供程序读取' })
      .example('$0 users list', '列出账号') as any,
  handler: async (args) => {
    const { listUsers } = await import('@tianbao/store');
    const accounts = await withStore(args, ({ db }) => listUsers(db));
    if (args.format === 'json') return void console.log(JSON.stringify(accounts));
    if (!accounts.length) return void console.log('还没有账号，请用 tianbao users add 添加');
    const rows = accounts.map((a) => [a.name, ROLE_NAMES[a.role], a.unit ?? '', a.disabled ? '已停用' : '']);
    for (const line of padColumns(rows)) console.log(line.join('  ').trimEnd());
  },
};

export const users: CommandModule<object, object> = {
  command: 'users',
  describe: '管理门户账号：添加、列出',
  builder: (y: Argv) =>
    y
      .command(add as any)
      .command(list as any)
      .demandCommand(1, '请指定 users 的子命令：add、list')
      .example('$0 users add --name shi --role city --password-stdin', '添加市级账号，密码从标准输入读取')
      .example('$0 users list', '列出账号') as any,
  handler: () => {},
};
