// The resident memory watched, read from /proc on Linux and by pidusage elsewhere: the two readings agree.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pidusageResident, procResident } from '../src/resident.ts';

describe.runIf(process.platform === 'linux')('a child’s resident memory', () => {
  it('reads as pidusage reads it, and not at all once the child is gone', async () => {
    // A child holding some 60 MB it has touched, then waiting.
    const child = spawn(process.execPath, ['-e', 'globalThis.held = Buffer.alloc(60 * 1024 * 1024, 1); process.stdout.write("ready"); setInterval(() => {}, 1000)']);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const pid = child.pid!;
    const [proc, usage] = [procResident([pid]).get(pid)!, (await pidusageResident([pid])).get(pid)!];
    expect(proc).toBeGreaterThan(60 * 1024 * 1024);
    expect(Math.abs(proc - usage)).toBeLessThan(proc * 0.05);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(procResident([pid]).has(pid)).toBe(false);
  });
});
