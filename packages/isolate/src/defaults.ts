// What a child process may use, and how many run at once, when the caller does not say: light to import
// (`@tianbao/isolate/defaults`), for a command line's help.

/** What a child process may use. */
export interface ChildLimits {
  /** V8's heap (`--max-old-space-size`), MB: past it V8 aborts the child. */
  heapMB: number;
  /**
   * The child's whole resident memory, MB, as the parent reads it about every
   * 100 ms: Buffers and inflated data live outside the heap, so this bounds
   * what the heap cap cannot. Past it the child is killed.
   */
  residentMB: number;
  /** A task still running this long after it started, ms, has its child killed; no limit when undefined. */
  timeMs?: number;
}

/** Limits from one figure, the resident bound in MB: the heap may take half of it, the rest is for what lives beside it. */
export const memoryLimits = (residentMB: number): Pick<ChildLimits, 'heapMB' | 'residentMB'> => ({ heapMB: Math.floor(residentMB / 2), residentMB });

/**
 * The defaults: 1024 MB resident, 512 MB of it heap, no time limit. Checking
 * a ledger takes a child under 65 MB, a checklist of 100,000 outfalls 100–115
 * MB (its sheet inflated as it is read); the most is a marked-up copy, which holds a marked sheet's XML
 * edited in memory: 100,000 outfalls took about 580 MB. Twice the heap leaves room for the Buffers and inflated
 * parts beside it, and two children at once still fit in an office computer.
 */
export const CHILD_LIMITS: ChildLimits = memoryLimits(1024);

/**
 * How many jobs suit a batch when the user names none: one per core, but a
 * child process takes a quarter to half a second to start, so each should have
 * a few dozen tasks. On two cores with other work running (load about 2), two
 * jobs checked 100 ledgers 1.11× faster than one (medians of ten runs, 1.61 s
 * and 1.78 s) and made their 200 documents 1.22× faster (7.7 s and 9.4 s), for
 * 25% and 17% more processor time.
 */
export function defaultJobs(tasks: number, cores: number): number {
  return Math.max(1, Math.min(cores, Math.floor(tasks / 50)));
}
