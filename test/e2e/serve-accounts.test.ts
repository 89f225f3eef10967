import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';
import { type Serving, serve, tianbaoWithInput } from './serve-process.ts';

describe('`tianbao users disable`, `enable` and `reset-password` beside a running `tianbao serve`', () => {
  const data = tempDir();
  const running: Serving[] = [];
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
  });
  const users = (args: string[], input = '') => tianbaoWithInput(['users', ...args, '--data', data], input);
  const login = (server: Serving, name: string, password: string) =>
    fetch(new URL('api/login', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  const me = async (server: Serving, cookie: string) => (await fetch(new URL('api/me', server.url), { headers: { cookie } })).status;
  const cookieOf = (r: Response) => r.headers.getSetCookie()[0]!.split(';')[0]!;

  it('end an account’s sessions at once, and refuse what breaks the rules as usage errors', async () => {
    for (const [name, unit, password] of [
      ['xiuwu', '修武县', '修武县的口令 1'],
      ['wenxian', '温县', '温县的口令 123'],
    ] as const)
      expect((await users(['add', '--name', name, '--role', 'unit', '--unit', unit, '--password-stdin'], `${password}\n`)).code).toBe(0);
    const server = await serve(['--data', data]);
    running.push(server);
    const xiuwu = cookieOf(await login(server, 'xiuwu', '修武县的口令 1'));
    const wenxian = cookieOf(await login(server, 'wenxian', '温县的口令 123'));

    expect(await users(['disable', '--name', 'xiuwu'])).toEqual({ code: 0, stdout: '已停用账号「xiuwu」，其登录已全部失效\n', stderr: '' });
    expect(await me(server, xiuwu)).toBe(401);
    expect((await login(server, 'xiuwu', '修武县的口令 1')).status).toBe(401);
    expect((await tianbao(['users', 'list', '--data', data])).stdout).toMatch(/^xiuwu +单位 +修武县 +已停用$/m);
    expect(await users(['enable', '--name', 'xiuwu'])).toEqual({ code: 0, stdout: '已恢复账号「xiuwu」，可用原密码登录\n', stderr: '' });
    expect(await me(server, xiuwu)).toBe(401);
    expect((await login(server, 'xiuwu', '修武县的口令 1')).status).toBe(200);

    expect(await users(['reset-password', '--name', 'wenxian', '--password-stdin'], '温县 新设的口令 1\n')).toEqual({
      code: 0,
      stdout: '已重设账号「wenxian」的密码，其登录已全部失效\n',
      stderr: '',
    });
    expect(await me(server, wenxian)).toBe(401);
    expect((await login(server, 'wenxian', '温县的口令 123')).status).toBe(401);
    expect((await login(server, 'wenxian', '温县 新设的口令 1')).status).toBe(200);

    const short = await users(['reset-password', '--name', 'wenxian', '--password-stdin'], '温县\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('密码至少 8 个字符，收到的只有 2 个，请换一个长一些的');
    const nobody = await users(['disable', '--name', 'nobody']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('没有名为「nobody」的账号，可用 tianbao users list 查看全部账号');
    const spaced = await users(['add', '--name', 'boai ', '--role', 'unit', '--unit', '博爱县', '--password-stdin'], '博爱县的口令 1\n');
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toContain('账号名「boai 」的首尾有空格，请去掉空格');
    const cased = await users(['add', '--name', 'XiuWu', '--role', 'unit', '--unit', '修武县', '--password-stdin'], '修武县的口令 1\n');
    expect(cased.code).toBe(2);
    expect(cased.stderr).toContain('账号名「XiuWu」与已有账号「xiuwu」只差大小写，请换一个名字');
    const blank = await users(['add', '--name', 'boai', '--role', 'unit', '--unit', '博爱县', '--password-stdin'], '          \n');
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('密码不能全是空格，请换一个');
  });
});
