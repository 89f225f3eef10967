import { padColumns, printable, Refusal } from '@tianbao/form/light';
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

/** How to give a password to `tianbao users <command>`. */
const PASSWORD_STDIN = (command: string) => `请用 --password-stdin 从标准输入提供密码，如 printf '%s' "$PASSWORD" | tianbao users ${command} --password-stdin`;

/** All of standard input, less the line break that ends it (`echo 密码 |` adds one). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Use the portal's database for `work`, and close it after; only `users add` makes one where there is none. */
async function withStore<T>(args: StoreArgs, work: (store: Store) => Promise<T>, create = false): Promise<T> {
  const store = await openMigrated(args, create);
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
    if (!args.passwordStdin) throw new UsageError(PASSWORD_STDIN('add …'));
    const units = await resolveUnits(args.units);
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
    }, true);
    console.log(`已添加账号「${account.name}」：${ROLE_NAMES[account.role]}${account.unit ? `，${account.unit}` : ''}`);
  },
};

/**
 * JSON as JSON.stringify writes it, with every control, format and line-separator character escaped
 * (`\u202e`), not only the C0 controls it escapes: read back the same, and never sent raw to a terminal.
 */
const escapedJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) =>
    c
      .split('')
      .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join(''),
  );

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
    if (args.format === 'json') return void console.log(escapedJson(accounts));
    if (!accounts.length) return void console.log('还没有账号，请用 tianbao users add 添加');
    // A name made before names were checked may hold a control character: written out, never sent to the terminal.
    const rows = accounts.map((a) => [printable(a.name), ROLE_NAMES[a.role], a.unit ?? '', a.disabled ? '已停用' : '']);
    for (const line of padColumns(rows)) console.log(line.join('  ').trimEnd());
  },
};

interface NameArgs extends StoreArgs {
  name: string;
}

/** The account named `name` in `db`; none is a usage error that says how to see the names. */
async function namedAccount({ db }: Store, name: string) {
  const { findUserByName } = await import('@tianbao/store');
  const row = await findUserByName(db, name);
  if (!row) throw new UsageError(`没有名为「${name}」的账号，可用 tianbao users list 查看全部账号`);
  return row;
}

const disable: CommandModule<object, NameArgs> = {
  command: 'disable',
  describe: '停用账号：不能再登录，已登录的立即失效',
  builder: (y) =>
    storeOptions(y)
      .option('name', { type: 'string', demandOption: true, describe: '要停用的账号名' })
      .example('$0 users disable --name xiuwu', '停用账号 xiuwu') as any,
  handler: async (args) => {
    const { disableUser, recordAudit } = await import('@tianbao/store');
    await withStore(args, async (store) => {
      const row = await namedAccount(store, args.name);
      await disableUser(store.db, row.id);
      await recordAudit(store.db, { userId: null, action: 'users.disable', subject: row.id });
    });
    console.log(`已停用账号「${args.name}」，其登录已全部失效`);
  },
};

const enable: CommandModule<object, NameArgs> = {
  command: 'enable',
  describe: '恢复已停用的账号，用原密码登录',
  builder: (y) =>
    storeOptions(y)
      .option('name', { type: 'string', demandOption: true, describe: '要恢复的账号名' })
      .example('$0 users enable --name xiuwu', '恢复账号 xiuwu') as any,
  handler: async (args) => {
    const { enableUser, recordAudit } = await import('@tianbao/store');
    await withStore(args, async (store) => {
      const row = await namedAccount(store, args.name);
      await enableUser(store.db, row.id);
      await recordAudit(store.db, { userId: null, action: 'users.enable', subject: row.id });
    });
    console.log(`已恢复账号「${args.name}」，可用原密码登录`);
  },
};

const resetPassword: CommandModule<object, NameArgs & { passwordStdin?: boolean }> = {
  command: 'reset-password',
  describe: '重设账号的密码，已登录的立即失效',
  builder: (y) =>
    storeOptions(y)
      .option('name', { type: 'string', demandOption: true, describe: '账号名' })
      .option('password-stdin', { type: 'boolean', describe: '从标准输入读取新密码（不在命令行中出现）' })
      .example("printf '%s' \"$PASSWORD\" | $0 users reset-password --name xiuwu --password-stdin", '重设 xiuwu 的密码') as any,
  handler: async (args) => {
    if (!args.passwordStdin) throw new UsageError(PASSWORD_STDIN('reset-password --name …'));
    const password = await readStdin();
    const { setPassword, recordAudit } = await import('@tianbao/store');
    await withStore(args, async (store) => {
      const row = await namedAccount(store, args.name);
      try {
        await setPassword(store.db, row.id, password);
      } catch (e) {
        throw e instanceof Refusal ? new UsageError(e.message) : e;
      }
      await recordAudit(store.db, { userId: null, action: 'users.reset-password', subject: row.id });
    });
    console.log(`已重设账号「${args.name}」的密码，其登录已全部失效`);
  },
};

export const users: CommandModule<object, object> = {
  command: 'users',
  describe: '管理门户账号：添加、列出、停用、恢复、重设密码',
  builder: (y: Argv) =>
    y
      .command(add as any)
      .command(list as any)
      .command(disable as any)
      .command(enable as any)
      .command(resetPassword as any)
      .demandCommand(1, '请指定 users 的子命令：add、list、disable、enable、reset-password')
      .example('$0 users add --name shi --role city --password-stdin', '添加市级账号，密码从标准输入读取')
      .example('$0 users list', '列出账号') as any,
  handler: () => {},
};
