/**
 * Jobs run one after another, each after the one before has settled, whatever became of it: a read, a
 * change and a write of the same stored value never interleave with another's. Pure.
 */
export type Serial = <T>(job: () => Promise<T>) => Promise<T>;

/** A queue of its own; each call runs `job` once every job queued before it has settled. */
export function serial(): Serial {
  let last: Promise<unknown> = Promise.resolve();
  return (job) => {
    const run = last.then(job);
    last = run.catch(() => undefined);
    return run;
  };
}

/** One queue per key (a tab id): jobs of one key run one after another, those of different keys side by side. */
export function serialBy<K>(): <T>(key: K, job: () => Promise<T>) => Promise<T> {
  const queues = new Map<K, Serial>();
  return (key, job) => {
    let queue = queues.get(key);
    if (!queue) queues.set(key, (queue = serial()));
    return queue(job);
  };
}
