import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from './run.ts';
import { tianbaoWithInput } from './serve-process.ts';

describe('tianbao serve', () => {
  it('serves the accounts `users add` made: a clerk logs in over HTTP; SIGTERM stops it', async () => {
    const data = tempDir();
    const added = await tianbaoWithInput(['users', 'add', '--name', 'xiuwu', '--role', 'unit', '--unit', '修武县', '--password-stdin', '--data', data], '修武县的口令 1\n');
    expect(added).toMatchObject({ code: 0, stdout: '已添加账号「xiuwu」：单位，修武县\n', stderr: '' });

    // Port 0: the system gives a free port, and the line printed says which.
    const server = spawn(BIN, ['serve', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    server.stderr.on('data', (d) => (stderr += d));
    const exited = once(server, 'exit');
    try {
      const address = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d) => {
          stdout += d;
          const url = /^tianbao 门户已启动：(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout)?.[1];
          if (url && stdout.includes('按 Ctrl+C 停止')) resolve(url);
        });
        server.once('exit', () => reject(new Error(`serve stopped: ${stdout}${stderr}`)));
      });
      expect(stdout).toContain(`\n数据库：${data}/tianbao.sqlite。按 Ctrl+C 停止\n`);
      const post = (path: string, body: unknown) =>
        fetch(new URL(path, address), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      const wrong = await post('api/login', { name: 'xiuwu', password: '修武县的口令 2' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: { rule: 'auth.login.failed', message: '用户名或密码不正确' } });

      // The password as typed, less the line break that ended it.
      const login = await post('api/login', { name: 'xiuwu', password: '修武县的口令 1' });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie()[0]!;
      expect(cookie).toMatch(/^tianbao_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
      const me = await fetch(new URL('api/me', address), { headers: { cookie: cookie.split(';')[0]! } });
      expect(await me.json()).toMatchObject({ name: 'xiuwu', role: 'unit', unit: '修武县' });
    } finally {
      server.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/门户已停止\n$/);
    expect(stderr).toBe('');
  });
});
