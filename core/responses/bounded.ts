/**
 * Independent store calls (different claims, different payment keys) a few at a time: DynamoDB answers each in
 * milliseconds, so a file's hundreds of claims are not waited on one by one, and never more than `limit` at once, so
 * one large 835 does not flood the table or the function's sockets. Results keep the input's order.
 */
export const STORE_CONCURRENCY = 8;

export async function mapBounded<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
  limit = STORE_CONCURRENCY,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
