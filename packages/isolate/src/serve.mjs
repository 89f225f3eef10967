// The side of the pool that runs in each child process (the contract is in serve.d.mts). Plain JavaScript,
// so that any child program can load it: the CLI's bundle, and test fixtures that Node runs as they are.
import workerpool from 'workerpool';

export const STARTED = 'started';
export const FINISHED = 'finished';

export function serve(methods) {
  const wrapped = {};
  for (const [name, method] of Object.entries(methods)) {
    const { load, run } = typeof method === 'function' ? { run: method } : method;
    let loading;
    wrapped[name] = async (task) => {
      if (load) await (loading ??= load());
      workerpool.workerEmit({ [STARTED]: process.pid });
      const result = await run(task);
      workerpool.workerEmit({ [FINISHED]: process.memoryUsage.rss() });
      return result;
    };
  }
  workerpool.worker(wrapped);
}
