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
    // All at once: on Windows each reading starts a process (wmic).
    const pids = [...this.watched.keys()];
    const stats = await pidusage(pids).catch(() => ({}) as Record<string, pidusage.Status | undefined>);
    for (const pid of pids) {
      const entry = this.watched.get(pid);
      // A process that has just ended has no reading: it is no longer anyone's concern here.
      if (entry && (stats[pid]?.memory ?? 0) > entry.bytes) {
        this.watched.delete(pid);
        entry.over();
      }
    }
    this.timer = undefined;
    this.schedule();
  }
}
