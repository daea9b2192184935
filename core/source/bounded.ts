// A few requests at a time: what cluster reads and release downloads both need, without a dependency for it.

/** Runs `fn` over items with at most `limit` in flight, keeping the input order in the result. */
export async function mapBounded<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, done: () => number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let finished = 0;
  const done = () => ++finished;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
