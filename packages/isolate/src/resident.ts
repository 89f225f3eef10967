import { readFileSync } from 'node:fs';
import pidusage from 'pidusage';

/** How often the children's resident memory is read, ms. */
const EVERY_MS = 100;

/**
 * Watches the resident memory of child processes: `watch(pid, limitMB, over)`
 * calls `over` once when the process holds more than `limitMB`, read every
 * 100 ms; the returned function stops watching it. One reading at a time, of
 * every process watched, while any is.
 */
export class ResidentWatch {
  private readonly watched = new Map<number, { bytes: number; over: () => void }>();
  private timer: NodeJS.Timeout | undefined;

  watch(pid: number, limitMB: number, over: () => void): () => void {
    const entry = { bytes: limitMB * 1024 * 1024, over };
    this.watched.set(pid, entry);
    this.schedule();
    return () => {
      if (this.watched.get(pid) === entry) this.watched.delete(pid);
    };
  }

  /** Stop reading, and let go of what pidusage keeps of the processes read. */
  close(): void {
    this.watched.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
    pidusage.clear();
  }

  private schedule(): void {
    if (this.timer || this.watched.size === 0) return;
    this.timer = setTimeout(() => void this.read(), EVERY_MS);
  }

  private async read(): Promise<void> {
    const pids = [...this.watched.keys()];
    const bytes = PROC ? procResident(pids) : await pidusageResident(pids);
    for (const pid of pids) {
      const entry = this.watched.get(pid);
      // A process that has just ended has no reading: it is no longer anyone's concern here.
      if (entry && (bytes.get(pid) ?? 0) > entry.bytes) {
        this.watched.delete(pid);
        entry.over();
      }
    }
    this.timer = undefined;
    this.schedule();
  }
}

/**
 * Where the kernel says what each process holds: Linux's /proc. Read there, a reading is a file read; pidusage
 * reads the same file, asynchronously, after starting `getconf` for the page size, which cost a check of one
 * long file about a tenth of a second of the parent's processor time.
 */
const PROC = process.platform === 'linux';
const VM_RSS = /^VmRSS:\s*(\d+) kB/m;

/** Each process's resident memory, bytes, from /proc/<pid>/status; none for a process gone. */
export function procResident(pids: readonly number[]): Map<number, number> {
  const bytes = new Map<number, number>();
  for (const pid of pids) {
    try {
      const kB = VM_RSS.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1];
      if (kB) bytes.set(pid, Number(kB) * 1024);
    } catch {
      // Ended since: nothing to read.
    }
  }
  return bytes;
}

/** The same, by pidusage: every process at once, since on Windows each reading starts a process (wmic). */
export async function pidusageResident(pids: readonly number[]): Promise<Map<number, number>> {
  const stats = await pidusage([...pids]).catch(() => ({}) as Record<string, pidusage.Status | undefined>);
  return new Map(pids.flatMap((pid) => (stats[pid] ? [[pid, stats[pid]!.memory] as [number, number]] : [])));
}
