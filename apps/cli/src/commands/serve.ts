import type { AddressInfo } from 'node:net';
import { Refusal } from '@tianbao/form';
import type { Argv, CommandModule } from 'yargs';
import { childProgram } from '../batch.ts';
import { UNITS_OPTION, resolveUnits } from '../units.ts';
import { UsageError, received } from '../usage-error.ts';

/** Where the portal keeps its data, as `serve` and `users` take it. */
export interface StoreArgs {
  data: string;
  database?: string;
}

/** `--data` and `--database`, the same for `serve` and for `users`. */
export const storeOptions = <T>(y: Argv<T>) =>
  y
    .option('data', { type: 'string', default: 'tianbao-data', describe: '数据文件夹（未指定 --database 时，数据库 tianbao.sqlite 存放于此）' })
    .option('database', { type: 'string', describe: 'PostgreSQL 地址，如 postgres://用户@主机:5432/数据库（默认取环境变量 DATABASE_URL）' });

/** The portal's database, opened and brought up to date; a PostgreSQL address that is none is a usage error. */
export async function openMigrated({ data, database }: StoreArgs) {
  const { databaseUrl, migrate, openStore } = await import('@tianbao/store');
  try {
    const store = await openStore({ data, url: databaseUrl(database) });
    await migrate(store.db);
    return store;
  } catch (e) {
    throw e instanceof Refusal && e.rule === 'database.url' ? new UsageError(e.message) : e;
  }
}

interface Args extends StoreArgs {
  port: number;
  host: string;
  units?: string;
}

/** What the system says when a server cannot listen, in Chinese. */
const LISTEN_FAILURES: Record<string, (a: Args) => string> = {
  EADDRINUSE: (a) => `端口 ${a.port} 已被占用，请用 --port 换一个端口`,
  EACCES: (a) => `没有权限使用端口 ${a.port}，请用 --port 换一个 1024 以上的端口`,
  EADDRNOTAVAIL: (a) => `本机没有地址 ${a.host}，请检查 --host`,
  ENOTFOUND: (a) => `找不到主机 ${a.host}，请检查 --host`,
};

export const serve: CommandModule<object, Args> = {
  command: 'serve',
  describe: '启动报送门户：各单位登录、下载空白表、上传报表，市里查看报送情况',
  builder: (y) =>
    storeOptions(y)
      .option('port', { type: 'number', default: 8080, describe: '端口' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: '监听地址（0.0.0.0 为本机所有地址）' })
      .option('units', UNITS_OPTION)
      .example('$0 serve', '在 http://127.0.0.1:8080/ 启动，数据存于 ./tianbao-data')
      .example('$0 serve --host 0.0.0.0 --database postgres://tianbao@db:5432/tianbao', '多个进程共用一个 PostgreSQL')
      .epilog('先用 tianbao users add 建立账号。按 Ctrl+C 停止。') as any,
  handler: async (args) => {
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
      throw new UsageError(`--port 应是 0 到 65535 之间的整数，${received(args.port, ['port'])}`);
    const units = resolveUnits(args.units);
    const store = await openMigrated(args);
    const { buildServer } = await import('@tianbao/server');
    const app = await buildServer({ db: store.db, units, checker: childProgram() });
    try {
      await app.listen({ port: args.port, host: args.host });
    } catch (e) {
      await app.close();
      await store.db.destroy();
      const failure = LISTEN_FAILURES[(e as NodeJS.ErrnoException).code ?? ''];
      throw failure ? new UsageError(failure(args)) : e;
    }
    const { address, port } = app.server.address() as AddressInfo;
    console.log(`tianbao 门户已启动：http://${address.includes(':') ? `[${address}]` : address}:${port}/`);
    console.log(`数据库：${store.place}。按 Ctrl+C 停止`);
    await new Promise((stop) => ['SIGINT', 'SIGTERM'].forEach((signal) => process.once(signal, stop)));
    // Requests under way are answered before the database closes.
    await app.close();
    await store.db.destroy();
    console.log('门户已停止');
  },
};
