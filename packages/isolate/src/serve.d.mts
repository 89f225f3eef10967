/** What a child sends as it starts a task: its process id, for the parent to watch its memory and time it. */
export declare const STARTED: 'started';

/** What a child sends as it ends a task well, before its result: its resident memory, bytes, for the parent to tell whether to replace it. */
export declare const FINISHED: 'finished';

/**
 * What a child does with a task; or that, and what it loads once before its
 * first task (modules that only this method needs): loading is not timed.
 */
export type Method = ((task: any) => unknown) | { load: () => Promise<unknown>; run: (task: any) => unknown };

/**
 * In a child process: do the tasks the pool sends, each with the method it
 * names. Each method tells the pool it has started (see `STARTED`) before it
 * runs; from then on the task is timed and the child's memory watched. As it ends
 * well, it says how much memory it holds (see `FINISHED`). Call
 * once, when the program has loaded what all its methods need.
 */
export declare function serve(methods: Record<string, Method>): void;
