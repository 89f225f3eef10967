// node --import ./peak-rss.mjs …: on exit, each process appends its peak memory and the processor time
// it used (user + system) as a JSON line ({"pid","peakRssMB","cpuMs"}) to the file PEAK_RSS_FILE names.
// Set in NODE_OPTIONS, it reaches every child process the CLI starts too: the lines of one command are
// its whole process tree.
//
// The peak is the process's own: VmHWM of /proc/self/status on Linux. `resourceUsage().maxRSS` would
// not do: Linux carries it over fork and exec, so a child's counts its parent's memory at the fork.
import { appendFileSync, readFileSync } from 'node:fs';

function peakKB() {
  try {
    return Number(/^VmHWM:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return process.resourceUsage().maxRSS;
  }
}

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  const line = { pid: process.pid, peakRssMB: Math.round(peakKB() / 1024), cpuMs: Math.round((user + system) / 1000) };
  appendFileSync(process.env.PEAK_RSS_FILE, `${JSON.stringify(line)}\n`);
});
