import type { AddressInfo } from 'node:net';
import { Refusal } from '@tianbao/form/light';
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

/**
 * The portal's database, opened and brought up to date; made in the data folder unless `create` is false.
 * A PostgreSQL address that is none, or a data folder without the database not to be made, is a usage error.
 */
export async function openMigrated({ data, database }: StoreArgs, create = true) {
  const { databaseUrl, migrate, openStore } = await import('@tianbao/store');
  try {
    const store = await openStore({ data, url: databaseUrl(database), create });
    await migrate(store.db);
    return store;
  } catch (e) {
    throw e instanceof Refusal && (e.rule === 'database.url' || e.rule === 'database.missing') ? new UsageError(e.message) : e;
  }
}

interface Args extends StoreArgs {
  port: number;
  host: string;
  units?: string;
  workers: number;
  trustProxy?: string;
  timezone: string;
}

/** The users' time zone: received times, the due day's 逾期 and the pages follow it, not the machine's. */
const USERS_ZONE = 'Asia/Shanghai';

/**
 * `--trust-proxy` as Fastify's `trustProxy` takes it: a number of hops, or proxies' addresses and CIDR
 * ranges separated by commas (`127.0.0.1,10.0.0.0/8`); anything else is a usage error.
 */
function trustedProxies(given: string): number | string[] {
  if (/^\d+$/.test(given.trim())) return Number(given);
  const proxies = given.split(',').map((p) => p.trim());
  if (proxies.some((p) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p)))
    throw new UsageError(`--trust-proxy 应是代理服务器的地址或网段（逗号分隔，如 127.0.0.1,10.0.0.0/8），或代理的层数（如 1），${received(given, ['trust-proxy'])}`);
  return proxies;
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
      .option('workers', {
        type: 'number',
        default: 1,
        describe: '本进程同时做的后台工作数（生成批注副本等）；0：只应答网页请求，后台工作由共用同一 PostgreSQL 的其他进程做',
      })
      .option('trust-proxy', {
        type: 'string',
        describe: '门户在反向代理之后时，信任的代理地址或网段（逗号分隔），或代理层数：从其 X-Forwarded-For 取用户地址，从 X-Forwarded-Proto 判断 HTTPS',
      })
      .option('timezone', { type: 'string', default: USERS_ZONE, describe: '时区：上传时间、是否逾期和页面上的时间按此时区，不论本机的时区' })
      .example('$0 serve', '在 http://127.0.0.1:8080/ 启动，数据存于 ./tianbao-data')
      .example('$0 serve --host 0.0.0.0 --database postgres://tianbao@db:5432/tianbao', '多个进程共用一个 PostgreSQL')
      .epilog('先用 tianbao users add 建立账号。按 Ctrl+C 停止。') as any,
  handler: async (args) => {
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
      throw new UsageError(`--port 应是 0 到 65535 之间的整数，${received(args.port, ['port'])}`);
    if (!Number.isInteger(args.workers) || args.workers < 0) throw new UsageError(`--workers 应是 0 或正整数，${received(args.workers, ['workers'])}`);
    const url = (await import('@tianbao/store')).databaseUrl(args.database);
    // On SQLite the jobs are this process's own: with none taking them, nobody would.
    if (args.workers === 0 && !url) throw new UsageError('--workers 0 只用于 PostgreSQL（--database）：后台工作由其他进程做；使用 SQLite 时本进程须自己做');
    try {
      new Intl.DateTimeFormat('en', { timeZone: args.timezone });
    } catch {
      throw new UsageError(`--timezone 应是 IANA 时区名，如 ${USERS_ZONE}，${received(args.timezone, ['timezone'])}`);
    }
    // Every date and time the portal reckons (today's date for 逾期, a received time, the pages' times) is
    // in the process's zone, and in its children's, which inherit it: Node takes TZ set while it runs.
    process.env.TZ = args.timezone;
    const trustProxy = args.trustProxy === undefined ? undefined : trustedProxies(args.trustProxy);
    const units = await resolveUnits(args.units);
    const store = await openMigrated(args);
    const { buildServer, checkerPool, startJobs } = await import('@tianbao/server');
    // Uploads and sheets drawn wait for a child of one pool, kept while the server runs; a background job
    // (a marked-up copy) starts a child of its own.
    const program = childProgram();
    const checker = { ...program, pool: checkerPool(program) };
    // What was opened is closed again when a later step fails: left open, it would keep the process alive, not listening.
    const undo = (...steps: (() => Promise<unknown>)[]) => async (e: unknown): Promise<never> => {
      for (const step of steps) await step().catch(() => undefined);
      throw e;
    };
    const closeStore = () => checker.pool.close().then(() => store.db.destroy());
    const jobs = await startJobs({ url, workers: args.workers, context: { db: store.db, checker: program, units } }).catch(undo(closeStore));
    const app = await buildServer({ db: store.db, units, checker, jobs, ...(trustProxy !== undefined && { trustProxy }) }).catch(undo(() => jobs.stop(), closeStore));
    const close = async () => {
      // Requests under way are answered, and jobs under way finished, before the database closes.
      await app.close();
      await jobs.stop();
      await checker.pool.close();
      await store.db.destroy();
    };
    try {
      await app.listen({ port: args.port, host: args.host });
    } catch (e) {
      await close();
      const failure = LISTEN_FAILURES[(e as NodeJS.ErrnoException).code ?? ''];
      throw failure ? new UsageError(failure(args)) : e;
    }
    const { address, port } = app.server.address() as AddressInfo;
    console.log(`tianbao 门户已启动：http://${address.includes(':') ? `[${address}]` : address}:${port}/`);
    console.log(`数据库：${store.place}。按 Ctrl+C 停止`);
    await new Promise((stop) => ['SIGINT', 'SIGTERM'].forEach((signal) => process.once(signal, stop)));
    await close();
    console.log('门户已停止');
  },
};
