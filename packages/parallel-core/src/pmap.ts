export async function pmap<T, R>(input: Iterable<T>, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of input) out.push(await fn(item));
  return out;
}
