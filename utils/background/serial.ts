/**
 * Run tasks one after another, in the order they were given: a read-decide-write never
 * interleaves with another (concurrent messages cannot lose an update). A failing task rejects
 * its own promise only; the next one still runs.
 */
export type Serial = <R>(task: () => Promise<R>) => Promise<R>;

export function createSerial(): Serial {
  let queue: Promise<unknown> = Promise.resolve();
  return (task) => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
}
